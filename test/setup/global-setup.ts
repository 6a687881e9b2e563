import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../src/common/database/embedded-postgres';
import { runMigrations } from '../../src/common/database/migrate';
import { TEMPLATE_DATABASE, withDatabase } from '../support/database-urls';

/**
 * One PostgreSQL for the whole run (embedded, or TEST_DATABASE_URL's server), with a migrated template database;
 * every test file clones its own database from it, so files run in parallel without seeing each other's rows.
 */
export default async function globalSetup() {
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dataDir = mkdtempSync(join(tmpdir(), 'konkurs-test-'));
    const embedded = await startEmbeddedPostgres(dataDir, null, {
      postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    });
    (globalThis as { __konkursDb?: unknown }).__konkursDb = { embedded, dataDir };
    serverUrl = embedded.url;
  }
  const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  await runMigrations(withDatabase(serverUrl, TEMPLATE_DATABASE));
  process.env.KONKURS_TEST_SERVER_URL = serverUrl;
}
