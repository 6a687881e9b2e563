import { ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { findFreePort } from '../../src/common/database/embedded-postgres';

/**
 * The decision job survives kill -9: the compiled app (as `npm start` runs it, with the demo data) issues the
 * decisions of a 2,000-bid run, is killed with SIGKILL part-way, restarted on the same data folder, and finishes —
 * exactly one current letter per bid and language, every stored PDF whole and matching its recorded sha256.
 * Needs `npm run build` first (the test command does it).
 */
jest.setTimeout(600_000);

const MAIN = join(__dirname, '..', '..', 'dist', 'src', 'main.js');
const BIDS = 2000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Running {
  process: ChildProcess;
  port: number;
  exited: Promise<number | null>;
  output: () => string;
}

describe('decision job: kill -9 in the middle of a 2,000-bid run, restart, finish', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'konkurs-decisions-crash-'));
  const started: Running[] = [];
  let db: Client;

  async function launch(): Promise<Running> {
    const port = await findFreePort();
    let output = '';
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, PORT: String(port), KONKURS_DATA_DIR: dataDir, KONKURS_DEMO_DATA: 'true', LOG_LEVEL: 'log' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
    child.stderr!.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const running = { process: child, port, exited, output: () => output };
    started.push(running);
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`app exited early:\n${output}`);
      if (Date.now() > deadline) throw new Error(`not healthy within 120 s:\n${output}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).ok) return running;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
  }

  async function call(app: Running, method: string, path: string, token: string | null, body?: unknown) {
    const response = await fetch(`http://127.0.0.1:${app.port}/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }

  /** 2,000 more bids in the published 2014 round and a what-if run holding them all (reserve / not funded, no money). */
  async function seedLargeRun(programmeId: string): Promise<string> {
    await db.query('BEGIN');
    await db.query(
      `INSERT INTO submissions (programme_id, cluster_id, status, title, registration_number, current_version, first_submitted_at, submitted_at,
                                submitted_federal_kopecks)
       SELECT $1, c.id, 'eligible', 'Нагрузочная заявка ' || i, 'PILOT-2014-' || lpad((1000 + i)::text, 5, '0'), 1,
              now() - interval '3 years', now() - interval '3 years', 100000000000
       FROM generate_series(1, $2::int) AS i
       JOIN LATERAL (SELECT id FROM clusters ORDER BY name_en OFFSET (i % 11) LIMIT 1) c ON true`,
      [programmeId, BIDS],
    );
    const [{ budget }] = (await db.query(`SELECT budget_kopecks AS budget FROM programmes WHERE id = $1`, [programmeId])).rows;
    const [run] = (
      await db.query(
        `INSERT INTO allocation_runs (programme_id, number, label, policy, inputs, totals, budget_kopecks, allocated_kopecks, remainder_kopecks)
         VALUES ($1, (SELECT max(number) + 1 FROM allocation_runs WHERE programme_id = $1), 'load', 'greedy-skip', '{}', '{}', $2, 0, $2)
         RETURNING id`,
        [programmeId, budget],
      )
    ).rows;
    await db.query(
      `INSERT INTO allocation_run_bids (run_id, submission_id, rank, weighted_total, outcome, reserve_position, requested_federal_kopecks,
                                        funded_federal_kopecks, funded_cofinancing_kopecks, reason, lines)
       SELECT $1, s.id, row_number() OVER (ORDER BY s.registration_number), 2.5,
              CASE WHEN row_number() OVER (ORDER BY s.registration_number) <= 5 THEN 'reserve' ELSE 'not_funded' END,
              CASE WHEN row_number() OVER (ORDER BY s.registration_number) <= 5 THEN row_number() OVER (ORDER BY s.registration_number) END,
              s.submitted_federal_kopecks, 0, 0,
              '{"code": "DOES_NOT_FIT_BUDGET", "ru": "Не хватило средств отбора", "en": "The budget ran out"}', '[]'
       FROM submissions s WHERE s.programme_id = $2 AND s.registration_number >= 'PILOT-2014-01001'`,
      [run.id, programmeId],
    );
    await db.query('COMMIT');
    return run.id;
  }

  /** Direct SQL on the app's embedded PostgreSQL; reconnected after a restart (which stops the orphaned server). */
  async function connect() {
    await db?.end().catch(() => undefined);
    const settings = JSON.parse(readFileSync(join(dataDir, 'embedded-postgres.json'), 'utf8'));
    db = new Client({
      connectionString: `postgres://postgres:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}/konkurs`,
    });
    db.on('error', () => undefined);
    await db.connect();
  }

  beforeAll(async () => {
    await launch();
    await connect();
  });

  afterAll(async () => {
    await db?.end().catch(() => undefined);
    for (const running of started)
      if (running.process.exitCode === null && running.process.signalCode === null) running.process.kill('SIGINT');
    await Promise.all(started.map((r) => r.exited));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes after the restart with exactly one current decision per bid and language, each PDF whole and as hashed', async () => {
    let app = started[0];
    const token = (await call(app, 'POST', '/auth/login', null, { email: 'ministry@konkurs.demo', password: 'konkurs-demo-2026' })).token;
    const programmes = await call(app, 'GET', '/programmes?pageSize=50', null);
    const programmeId = programmes.items.find((p: { code: string }) => p.code === 'PILOT-2014').id;
    const runId = await seedLargeRun(programmeId);
    await call(app, 'POST', `/programmes/${programmeId}/allocation-runs/${runId}/publish`, token, {
      supersede: true,
      reason: 'Нагрузочная проверка выпуска решений',
    });
    const issue = await call(app, 'POST', `/programmes/${programmeId}/decisions/issues`, token);
    expect(issue.total).toBe(BIDS * 2 + 2);

    // Kill the app once a fair part is done, mid-batch.
    for (;;) {
      const progress = await call(app, 'GET', `/programmes/${programmeId}/decisions/issues/${issue.issueId}`, token);
      if (progress.done >= 300) break;
      await sleep(200);
    }
    app.process.kill('SIGKILL');
    await app.exited;
    const before = (await db.query(`SELECT count(*)::int AS n FROM decisions WHERE issue_id = $1`, [issue.issueId])).rows[0].n;
    expect(before).toBeLessThan(issue.total);

    app = await launch();
    await connect();
    const relogin = (await call(app, 'POST', '/auth/login', null, { email: 'ministry@konkurs.demo', password: 'konkurs-demo-2026' })).token;
    let progress;
    for (;;) {
      progress = await call(app, 'GET', `/programmes/${programmeId}/decisions/issues/${issue.issueId}`, relogin);
      if (progress.status === 'completed') break;
      await sleep(500);
    }
    expect(progress.done).toBe(issue.total);
    console.log(`decision job: ${issue.total} documents, ${progress.ratePerSecond} per second overall (including the restart)`);
    // Each document exactly once in the issue; one current letter per bid and language across issues (the 11 demo
    // bids outside this run keep their first letters).
    const duplicates = await db.query(
      `SELECT submission_id, kind, language, count(*) FROM decisions WHERE issue_id = $1 GROUP BY 1, 2, 3 HAVING count(*) > 1`,
      [issue.issueId],
    );
    expect(duplicates.rows).toEqual([]);
    const current = await db.query(
      `SELECT count(*)::int AS n, count(DISTINCT (submission_id, language))::int AS distinct_n FROM decisions
       WHERE programme_id = $1 AND kind = 'letter' AND status = 'current'`,
      [programmeId],
    );
    expect(current.rows[0]).toEqual({ n: (BIDS + 11) * 2, distinct_n: (BIDS + 11) * 2 });
    // Every stored file is a whole PDF whose sha256 is the recorded one.
    const storage = join(dataDir, 'storage');
    const files = await db.query(`SELECT sha256, size_bytes FROM decisions WHERE issue_id = $1`, [issue.issueId]);
    for (const { sha256, size_bytes } of files.rows) {
      const path = join(storage, sha256.slice(0, 2), sha256);
      expect(existsSync(path)).toBe(true);
      const pdf = readFileSync(path);
      expect(pdf.length).toBe(size_bytes);
      expect(createHash('sha256').update(pdf).digest('hex')).toBe(sha256);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.subarray(-6).toString()).toContain('%%EOF');
    }
  });
});
