import { rmSync } from 'node:fs';
import type { EmbeddedDatabase } from '../../src/common/database/embedded-postgres';

export default async function globalTeardown() {
  const state = (globalThis as { __konkursDb?: { embedded: EmbeddedDatabase; dataDir: string } }).__konkursDb;
  if (!state) return;
  await state.embedded.stop();
  rmSync(state.dataDir, { recursive: true, force: true });
}
