// Builds the OpenAPI document from the compiled app (no database needed) and writes or checks openapi.json.
// Usage: node scripts/openapi.mjs [--write]   (run `npm run build` first)
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { NestFactory } = require('@nestjs/core');
const { AppModule } = require('../dist/src/app.module.js');
const { loadConfig } = require('../dist/src/common/config/config.js');
const { API_PREFIX, buildOpenApiDocument } = require('../dist/src/common/http/configure-app.js');

const config = { ...loadConfig({}), loadDemoData: false };
// Preview mode wires the modules without instantiating providers, so nothing connects to a database.
const app = await NestFactory.create(AppModule.forRoot(config, 'postgres://preview@127.0.0.1:1/preview'), {
  preview: true,
  logger: false,
});
app.setGlobalPrefix(API_PREFIX);
const document = buildOpenApiDocument(app);
const text = JSON.stringify(document, null, 2) + '\n';

if (process.argv.includes('--write')) {
  writeFileSync('openapi.json', text);
  console.log(`openapi.json written (${Object.keys(document.paths).length} paths)`);
} else {
  const committed = existsSync('openapi.json') ? readFileSync('openapi.json', 'utf8') : '';
  if (committed !== text) {
    console.error('openapi.json is stale: run `npm run openapi` and commit the result');
    process.exit(1);
  }
  console.log(`openapi.json is current (${Object.keys(document.paths).length} paths)`);
}
await app.close();
