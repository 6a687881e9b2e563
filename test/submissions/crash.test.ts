import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { findFreePort } from '../../src/common/database/embedded-postgres';
import { A_PDF, aBidProgramme, validLines } from '../support/bids';
import { aCluster } from '../support/factories';

/**
 * A receipt is a promise: once the applicant holds one, the bid is in the record. The compiled app (as
 * `npm start` runs it) is killed with SIGKILL in the middle of a burst of submits, restarted on the same data
 * folder, and every receipt that reached a client must be there, with numbers still gap-free and the audit chain
 * intact. Needs `npm run build` first (the test command does it).
 */
jest.setTimeout(240_000);

const MAIN = join(__dirname, '..', '..', 'dist', 'src', 'main.js');
const ADMIN_EMAIL = 'admin@crash.konkurs.test';
const ADMIN_PASSWORD = 'crash-test-admin-password';
const APPLICANT_PASSWORD = 'crash-test-applicant-password';

interface Running {
  process: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

interface Receipt {
  submissionId: string;
  registrationNumber: string;
  version: number;
  contentSha256: string;
  submittedAt: string;
}

interface Bid {
  token: string;
  id: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const alive = (pid: number | null) => {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('submissions survive kill -9 of the app in the middle of a burst', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'konkurs-crash-'));
  const started: Running[] = [];
  let app: Running;
  let adminToken: string;
  let programme: { id: string; code: string };
  const receipts: Receipt[] = [];

  const postmasterPid = () => {
    const file = join(dataDir, 'pg', 'postmaster.pid');
    return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : null;
  };

  async function launch(): Promise<Running> {
    const port = await findFreePort();
    let output = '';
    const child = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        PORT: String(port),
        KONKURS_DATA_DIR: dataDir,
        KONKURS_DEMO_DATA: 'false',
        KONKURS_ADMIN_EMAIL: ADMIN_EMAIL,
        KONKURS_ADMIN_PASSWORD: ADMIN_PASSWORD,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const running = { process: child, port, output: () => output, exited };
    started.push(running);
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`app exited early:\n${output}`);
      if (Date.now() > deadline) throw new Error(`not healthy within 60 s:\n${output}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).ok) return running;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
  }

  async function call(method: string, path: string, token: string | null, body?: unknown, contentType = 'application/json') {
    const response = await fetch(`http://127.0.0.1:${app.port}/api/v1${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': contentType } : {}) },
      body: body === undefined ? undefined : Buffer.isBuffer(body) ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  async function ok(method: string, path: string, token: string | null, body?: unknown, contentType?: string) {
    const response = await call(method, path, token, body, contentType);
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  const login = async (email: string, password: string) => (await ok('POST', '/auth/login', null, { email, password })).token as string;

  /** A new cluster with its applicant and a complete draft; `submitted` bids get version 1 now and an edit. */
  async function prepareBid(submitted: boolean): Promise<Bid> {
    const cluster = await ok('POST', '/clusters', adminToken, aCluster());
    const email = `applicant-${randomBytes(4).toString('hex')}@crash.konkurs.test`;
    await ok('POST', '/users', adminToken, {
      email,
      fullName: 'Заявитель',
      role: 'applicant',
      password: APPLICANT_PASSWORD,
      clusterId: cluster.id,
    });
    const token = await login(email, APPLICANT_PASSWORD);
    const draft = await ok('POST', `/programmes/${programme.id}/submissions`, token, {
      title: 'Кластер 2.0: единый центр компетенций',
      summary: 'Совместные НИОКР и центр коллективного пользования',
      sections: { programme: 'Программа развития кластера на 2027–2028 годы' },
      budgetLines: validLines(),
    });
    await ok('POST', `/submissions/${draft.id}/attachments?kind=regional-letter&fileName=letter.pdf`, token, A_PDF, 'application/pdf');
    if (submitted) {
      receipts.push(await ok('POST', `/submissions/${draft.id}/submit`, token));
      await ok('PATCH', `/submissions/${draft.id}`, token, { title: 'Кластер 2.0: уточнённая заявка' });
    }
    return { token, id: draft.id };
  }

  async function prepareBids(count: number) {
    const bids: Bid[] = [];
    for (let i = 0; i < count; i += 4)
      bids.push(...(await Promise.all([0, 1, 2, 3].slice(0, count - i).map((j) => prepareBid((i + j) % 3 === 0)))));
    return bids;
  }

  /**
   * Fires every submit at once and kills the app (and, with `killPostgres`, PostgreSQL too) with SIGKILL as soon as
   * `killAfter` receipts have come back. Returns how many receipts arrived and how many requests failed.
   */
  async function burstAndKill(bids: Bid[], killAfter: number, killPostgres: boolean) {
    let received = 0;
    let failed = 0;
    let killed = false;
    const postgres = postmasterPid();
    const victim = app;
    const results = bids.map(async (bid) => {
      try {
        const response = await fetch(`http://127.0.0.1:${victim.port}/api/v1/submissions/${bid.id}/submit`, {
          method: 'POST',
          headers: { authorization: `Bearer ${bid.token}` },
        });
        const body = await response.json();
        if (response.status === 201) {
          receipts.push(body as Receipt);
          if (++received === killAfter) {
            killed = true;
            victim.process.kill('SIGKILL');
            if (killPostgres) process.kill(postgres!, 'SIGKILL');
          }
        } else {
          // Before the kill, every bid is complete and in time: anything but a receipt is a bug.
          throw new Error(`submit ${bid.id}: ${response.status} ${JSON.stringify(body)}`);
        }
      } catch (error) {
        if (!killed) throw error;
        failed++;
      }
    });
    await Promise.all(results);
    await victim.exited;
    return { received, failed };
  }

  /** Everything the record says after the restart, through the API and straight from the database. */
  async function checkRecord() {
    adminToken = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
    // Every receipt a client holds is there: same number, version, content hash and time.
    for (const receipt of receipts) {
      const versions = await ok('GET', `/submissions/${receipt.submissionId}/versions`, adminToken);
      const stored = versions.items.find((v: Receipt) => v.version === receipt.version);
      expect(stored).toMatchObject({
        registrationNumber: receipt.registrationNumber,
        version: receipt.version,
        contentSha256: receipt.contentSha256,
        submittedAt: receipt.submittedAt,
      });
    }
    // The ministry's list: numbers 1..k without gaps or duplicates.
    const list = await ok('GET', `/programmes/${programme.id}/submissions?pageSize=200`, adminToken);
    const numbers = list.items
      .map((s: { registrationNumber: string | null }) => s.registrationNumber)
      .filter(Boolean)
      .map((n: string) => Number(n.slice(programme.code.length + 1)))
      .sort((a: number, b: number) => a - b);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));

    // The database: the counter is at k, and every bid's versions are exactly 1..current_version.
    const settings = JSON.parse(readFileSync(join(dataDir, 'embedded-postgres.json'), 'utf8'));
    const db = new Client({
      connectionString: `postgres://postgres:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}/konkurs`,
    });
    await db.connect();
    try {
      const counter = await db.query(`SELECT last_number FROM programme_counters WHERE programme_id = $1`, [programme.id]);
      expect(counter.rows[0].last_number).toBe(numbers.length);
      const mismatched = await db.query(
        `SELECT s.id, s.current_version, array_agg(v.version ORDER BY v.version) AS versions
         FROM submissions s LEFT JOIN submission_versions v ON v.submission_id = s.id
         WHERE s.programme_id = $1 GROUP BY s.id
         HAVING coalesce(array_agg(v.version ORDER BY v.version) FILTER (WHERE v.version IS NOT NULL), '{}') <> array(SELECT generate_series(1, s.current_version))`,
        [programme.id],
      );
      expect(mismatched.rows).toEqual([]);
    } finally {
      await db.end();
    }

    const verify = await ok('GET', '/audit/verify', adminToken);
    expect(verify.valid).toBe(true);
    return numbers.length;
  }

  beforeAll(async () => {
    app = await launch();
    adminToken = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const created = await ok('POST', '/programmes', adminToken, aBidProgramme({ singleActiveBid: false }));
    await ok('POST', `/programmes/${created.id}/status`, adminToken, { status: 'open' });
    programme = { id: created.id, code: created.code };
  });

  afterAll(async () => {
    for (const running of started)
      if (running.process.exitCode === null && running.process.signalCode === null) running.process.kill('SIGKILL');
    const pid = postmasterPid();
    if (alive(pid)) {
      process.kill(pid!, 'SIGINT');
      for (let i = 0; i < 100 && alive(pid); i++) await sleep(100);
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every receipt it gave out when the app is killed, and recovers the PostgreSQL it left running', async () => {
    const bids = await prepareBids(40);
    const postgres = postmasterPid();
    const { received, failed } = await burstAndKill(bids, 12, false);
    expect(received).toBeGreaterThanOrEqual(12);
    expect(failed).toBeGreaterThan(0);
    expect(alive(postgres)).toBe(true);

    app = await launch();
    expect(app.output()).toContain('left running by an instance that did not shut down');
    const k = await checkRecord();
    expect(k).toBeGreaterThanOrEqual(receipts.filter((r) => r.version === 1).length);

    // The bids whose answer was lost can be submitted (again); numbering goes on from k without a gap.
    const after = await Promise.all(bids.map((bid) => call('POST', `/submissions/${bid.id}/submit`, bid.token)));
    expect(after.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    receipts.push(...after.map((r) => r.body));
    expect(await checkRecord()).toBe(bids.length);
  });

  it('keeps every receipt when PostgreSQL is killed with the app (crash recovery from the WAL)', async () => {
    const bids = await prepareBids(40);
    const postgres = postmasterPid();
    const { received, failed } = await burstAndKill(bids, 12, true);
    expect(received).toBeGreaterThanOrEqual(12);
    expect(failed).toBeGreaterThan(0);
    for (let i = 0; i < 100 && alive(postgres); i++) await sleep(100);

    app = await launch();
    expect(app.output()).toContain('Removing a stale PostgreSQL lock');
    await checkRecord();
    app.process.kill('SIGINT');
    expect(await app.exited).toBe(0);
  });
});
