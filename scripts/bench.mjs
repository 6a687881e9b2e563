// Benchmarks, printed as figures and ratios against baselines measured in the same run (machines here are
// shared and noisy, so only same-run ratios mean much). Extend with new sections as capabilities land.
// Usage: npm run bench [-- --no-tests] [-- --no-submit] [-- --submit-seconds 15] [-- --no-assignment] [-- --no-aggregation]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

import { aggregationBenchmark } from './bench-aggregation.mjs';
import { assignmentBenchmark } from './bench-assignment.mjs';
import { submitBenchmark } from './bench-submit.mjs';

const require = createRequire(import.meta.url);
const { startEmbeddedPostgres } = require('../dist/src/common/database/embedded-postgres.js');

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => `${value.toFixed(0)} ms`;

async function untilHealthy(port, child) {
  for (;;) {
    if (child.exitCode !== null) throw new Error('app exited during start-up');
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function startApp(dataDir) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: { ...process.env, PORT: String(port), KONKURS_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  await untilHealthy(port, child);
  return { port, child, elapsed: performance.now() - started };
}

const stopApp = (child) =>
  new Promise((resolve) => {
    child.on('exit', resolve);
    child.kill('SIGINT');
  });

/** Start-up to healthy on an existing data folder vs. the embedded PostgreSQL alone starting on the same folder. */
async function startupBenchmark(rounds = 5) {
  const dataDir = mkdtempSync(join(tmpdir(), 'konkurs-bench-'));
  try {
    const first = await startApp(dataDir);
    console.log(`first start (init data folder, migrate, demo data): ${ms(first.elapsed)}`);
    await stopApp(first.child);
    const app = [];
    const postgresOnly = [];
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      const db = await startEmbeddedPostgres(dataDir, null);
      postgresOnly.push(performance.now() - t0);
      await db.stop();
      const run = await startApp(dataDir);
      app.push(run.elapsed);
      if (i === rounds - 1) await requestBenchmark(run.port);
      await stopApp(run.child);
    }
    console.log(`start to healthy, existing data folder: median ${ms(median(app))} (runs: ${app.map(ms).join(', ')})`);
    console.log(`baseline, embedded PostgreSQL alone:    median ${ms(median(postgresOnly))}`);
    console.log(`ratio app / baseline: ${(median(app) / median(postgresOnly)).toFixed(2)}x`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Public programme list throughput vs. the health check (one trivial query) as baseline, 16 clients, 3 s each. */
async function requestBenchmark(port, clients = 16, seconds = 3) {
  const measure = async (path) => {
    const latencies = [];
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (performance.now() < until) {
          const t0 = performance.now();
          const response = await fetch(`http://127.0.0.1:${port}/api/v1${path}`);
          await response.arrayBuffer();
          if (!response.ok) throw new Error(`${path}: ${response.status}`);
          latencies.push(performance.now() - t0);
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    return {
      rps: latencies.length / seconds,
      p50: latencies[Math.floor(latencies.length * 0.5)],
      p99: latencies[Math.floor(latencies.length * 0.99)],
    };
  };
  const health = await measure('/health');
  const programmes = await measure('/programmes');
  console.log(`GET /health (baseline):  ${health.rps.toFixed(0)} req/s, p50 ${health.p50.toFixed(1)} ms, p99 ${health.p99.toFixed(1)} ms`);
  console.log(
    `GET /programmes:         ${programmes.rps.toFixed(0)} req/s, p50 ${programmes.p50.toFixed(1)} ms, p99 ${programmes.p99.toFixed(1)} ms`,
  );
  console.log(`ratio programmes / health throughput: ${(programmes.rps / health.rps).toFixed(2)}`);
}

function testSuiteBenchmark() {
  const t0 = performance.now();
  const result = spawnSync('npx', ['jest', '--silent'], { stdio: 'ignore' });
  console.log(`full test suite (jest, parallel files): ${((performance.now() - t0) / 1000).toFixed(1)} s, exit code ${result.status}`);
}

console.log('== konkurs benchmarks ==');
await startupBenchmark();
if (!process.argv.includes('--no-submit')) {
  const at = process.argv.indexOf('--submit-seconds');
  console.log('\n== submit throughput: naive baseline (a), our SQL (b), HTTP API (c) ==');
  await submitBenchmark({ seconds: at > 0 ? Number(process.argv[at + 1]) : 15 });
}
if (!process.argv.includes('--no-assignment')) {
  console.log('\n== reviewer assignment: min-cost flow vs greedy, 5,000 bids × 300 reviewers × 3 ==');
  assignmentBenchmark();
}
if (!process.argv.includes('--no-aggregation')) {
  console.log('\n== score aggregation: service vs one SQL aggregate, 100,000 bids × 3 reviewers × 6 criteria ==');
  await aggregationBenchmark({ bids: 100_000, rounds: 3 });
}
if (!process.argv.includes('--no-tests')) testSuiteBenchmark();
