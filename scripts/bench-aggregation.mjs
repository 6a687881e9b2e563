// Score aggregation at scale: 100,000 bids × 3 reviewers × 6 criteria (1.8 million scores) through the service
// (ScoringService.aggregates: lean read + the pure aggregation with disagreements and thresholds) vs one SQL
// aggregate over the same rows (per-criterion means and the weighted total per bid), in the same run.
// Usage: node scripts/bench-aggregation.mjs [--bids 100000] [--rounds 3]
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const flag = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

/**
 * Fills the demo's PILOT-2014 programme up to `bids` bids, each scored by 3 of its 5 commission members on every
 * criterion with a realistic justification. Triggers are off for the fill only (the commission is closed, and the
 * lock trigger would rightly refuse new scores): this is test data, written the fast way.
 */
async function seed(pool, bids) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query(`SELECT id FROM programmes WHERE code = 'PILOT-2014'`);
    const programmeId = rows[0].id;
    await client.query('BEGIN');
    await client.query(`SET LOCAL session_replication_role = replica`);
    await client.query(
      `INSERT INTO submissions (programme_id, cluster_id, status, title, registration_number, current_version,
                                first_submitted_at, submitted_at, submitted_federal_kopecks)
       SELECT $1, (SELECT id FROM clusters ORDER BY name_en LIMIT 1), 'scored', 'Bench bid ' || i, 'BENCH-' || lpad(i::text, 6, '0'), 1,
              now() - interval '30 days', now() - interval '30 days', 10000000000 + i * 100
       FROM generate_series(1, $2::int - (SELECT count(*) FROM submissions WHERE programme_id = $1)::int) AS i`,
      [programmeId, bids],
    );
    await client.query(
      `WITH members AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n, count(*) OVER () AS total
                        FROM commission_members WHERE programme_id = $1),
            bench AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM submissions
                      WHERE programme_id = $1 AND registration_number LIKE 'BENCH-%')
       INSERT INTO review_assignments (programme_id, submission_id, member_id, status, origin, submitted_at)
       SELECT $1, b.id, m.id, 'submitted', 'solver', now() - interval '10 days'
       FROM bench b JOIN members m ON (m.n - b.n) % m.total BETWEEN -2 AND 0 OR (m.n - b.n) % m.total >= m.total - 2`,
      [programmeId],
    );
    await client.query(
      `INSERT INTO review_scores (assignment_id, criterion_code, score, justification)
       SELECT a.id, c.code, (floor(random() * 11) / 2)::numeric(7,2),
              'Обоснование: программа развития кластера проработана, бюджет реалистичен, показатели измеримы.'
       FROM review_assignments a
       JOIN submissions s ON s.id = a.submission_id AND s.registration_number LIKE 'BENCH-%'
       CROSS JOIN (SELECT code FROM criteria WHERE programme_id = $1) c
       WHERE a.programme_id = $1`,
      [programmeId],
    );
    await client.query('COMMIT');
    await client.query('VACUUM ANALYZE submissions, review_assignments, review_scores');
    const counts = await client.query(
      `SELECT (SELECT count(*) FROM submissions WHERE programme_id = $1)::int AS bids,
              (SELECT count(*) FROM review_assignments WHERE programme_id = $1 AND status = 'submitted')::int AS reviews,
              (SELECT count(*) FROM review_scores r JOIN review_assignments a ON a.id = r.assignment_id WHERE a.programme_id = $1)::int AS scores,
              (SELECT count(*) FROM criteria WHERE programme_id = $1)::int AS criteria`,
      [programmeId],
    );
    return { programmeId, ...counts.rows[0] };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** The baseline: per-criterion means and the weighted total per bid in one statement, every row to the client. */
const SQL_AGGREGATE = `
  SELECT x.submission_id, sum(c.weight * x.mean) / 100 AS weighted_total, array_agg(x.mean ORDER BY c.code) AS means
  FROM (SELECT a.submission_id, r.criterion_code, avg(r.score) AS mean
        FROM review_assignments a JOIN review_scores r ON r.assignment_id = a.id
        WHERE a.programme_id = $1 AND a.status = 'submitted'
        GROUP BY a.submission_id, r.criterion_code) x
  JOIN criteria c ON c.programme_id = $1 AND c.code = x.criterion_code
  GROUP BY x.submission_id`;

export async function aggregationBenchmark({ bids = flag('bids', 100_000), rounds = flag('rounds', 3) } = {}) {
  const { startEmbeddedPostgres } = require('../dist/src/common/database/embedded-postgres.js');
  const { runMigrations } = require('../dist/src/common/database/migrate.js');
  const { NestFactory } = require('@nestjs/core');
  const { AppModule } = require('../dist/src/app.module.js');
  const { loadConfig } = require('../dist/src/common/config/config.js');
  const { DemoService } = require('../dist/src/demo/demo.service.js');
  const { ScoringService } = require('../dist/src/scoring/scoring.service.js');
  const { Pool } = require('pg');

  const dataDir = mkdtempSync(join(tmpdir(), 'konkurs-bench-aggregation-'));
  const storageDir = mkdtempSync(join(tmpdir(), 'konkurs-bench-storage-'));
  const db = await startEmbeddedPostgres(join(dataDir, 'pg'), null);
  let app;
  const pool = new Pool({ connectionString: db.url, max: 2 });
  try {
    await runMigrations(db.url);
    const config = { ...loadConfig({}), loadDemoData: true, storageDir, logLevel: 'error' };
    app = await NestFactory.createApplicationContext(AppModule.forRoot(config, db.url), { logger: ['error'] });
    await app.get(DemoService).prepare();
    const t0 = performance.now();
    const data = await seed(pool, bids);
    console.log(
      `data: ${data.bids} bids, ${data.reviews} submitted reviews, ${data.scores} scores on ${data.criteria} criteria ` +
        `(seeded in ${seconds(performance.now() - t0)})`,
    );
    const service = app.get(ScoringService);
    const [sqlTimes, serviceTimes] = [[], []];
    let [sqlRows, serviceBids, flagged, memory] = [0, 0, 0, 0];
    for (let round = 0; round < rounds; round++) {
      let t = performance.now();
      sqlRows = (await pool.query(SQL_AGGREGATE, [data.programmeId])).rows.length;
      sqlTimes.push(performance.now() - t);
      global.gc?.();
      const heapBefore = process.memoryUsage().heapUsed;
      t = performance.now();
      const { aggregates } = await service.aggregates(data.programmeId);
      serviceTimes.push(performance.now() - t);
      memory = Math.max(memory, process.memoryUsage().heapUsed - heapBefore);
      serviceBids = aggregates.length;
      flagged = aggregates.filter((a) => a.criteria.some((c) => c.disagreement)).length;
    }
    const [sql, ours] = [median(sqlTimes), median(serviceTimes)];
    console.log(
      `one SQL aggregate (means + weighted total, ${sqlRows} rows): median ${seconds(sql)} (runs ${sqlTimes.map(seconds).join(', ')})`,
    );
    console.log(
      `service (mean, median spread, disagreements, thresholds; ${serviceBids} bids, ${flagged} flagged): median ${seconds(ours)} ` +
        `(runs ${serviceTimes.map(seconds).join(', ')}), heap held at the end ≈ ${(memory / 2 ** 20).toFixed(0)} MB`,
    );
    console.log(`ratio service / SQL aggregate = ${(ours / sql).toFixed(2)}x (goal ≤ 3x)`);
  } finally {
    await app?.close();
    await pool.end();
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(storageDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await aggregationBenchmark();
