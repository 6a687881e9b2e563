import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '../src/common/database/embedded-postgres';

/**
 * The real start command, as a user runs it: the compiled app with its embedded PostgreSQL, demo data, clean
 * stop on Ctrl-C, recovery after kill -9, and clear refusals. Needs `npm run build` first (the test command does it).
 */
const MAIN = join(__dirname, '..', 'dist', 'src', 'main.js');

interface Running {
  process: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Running {
  let output = '';
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, LOG_LEVEL: 'log', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { process: child, port: Number(env.PORT), output: () => output, exited };
}

async function untilHealthy(app: Running, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app.process.exitCode !== null) throw new Error(`app exited early:\n${app.output()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${app.port}/api/v1/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`not healthy within ${timeoutMs} ms:\n${app.output()}`);
}

const postmasterPid = (dataDir: string) => {
  const file = join(dataDir, 'pg', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : null;
};

const alive = (pid: number | null) => {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

interface ProgrammeList {
  items: { code: string; status: string }[];
  total: number;
}

const get = async (port: number, path: string) => (await (await fetch(`http://127.0.0.1:${port}/api/v1${path}`)).json()) as ProgrammeList;

describe('start-up with the embedded PostgreSQL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'konkurs-start-'));
  const started: Running[] = [];
  const launch = async (extra: Record<string, string> = {}) => {
    const app = start({ PORT: String(await findFreePort()), KONKURS_DATA_DIR: dataDir, ...extra });
    started.push(app);
    return app;
  };

  afterAll(async () => {
    for (const app of started) if (app.process.exitCode === null) app.process.kill('SIGKILL');
    const pid = postmasterPid(dataDir);
    if (alive(pid)) process.kill(pid!, 'SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts on a fresh folder with demo data, prints the logins, and stops postgres on Ctrl-C', async () => {
    const app = await launch();
    await untilHealthy(app);
    const programmes = await get(app.port, '/programmes');
    expect(programmes.items.map((p: { code: string }) => p.code)).toEqual(expect.arrayContaining(['CL20-2016', 'PILOT-2014']));
    expect(programmes.items.find((p: { status: string }) => p.status === 'open')).toBeDefined();
    expect(app.output()).toContain('ministry@konkurs.demo');
    expect(app.output()).toMatch(/First ministry account: admin@konkurs\.local \/ \S+/);
    const login = await fetch(`http://127.0.0.1:${app.port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'tomsk@konkurs.demo', password: 'konkurs-demo-2026' }),
    });
    expect(login.status).toBe(200);

    const pid = postmasterPid(dataDir);
    expect(alive(pid)).toBe(true);
    app.process.kill('SIGINT');
    expect(await app.exited).toBe(0);
    expect(alive(pid)).toBe(false);
  });

  it('keeps the data on restart and loads the demo only once', async () => {
    const app = await launch();
    await untilHealthy(app);
    const programmes = await get(app.port, '/programmes');
    expect(programmes.total).toBe(3);
    expect(app.output()).not.toContain('First ministry account');
    app.process.kill('SIGTERM');
    expect(await app.exited).toBe(0);
  });

  it('recovers the data folder after kill -9 left PostgreSQL running', async () => {
    const crashed = await launch();
    await untilHealthy(crashed);
    const orphan = postmasterPid(dataDir);
    crashed.process.kill('SIGKILL');
    await crashed.exited;
    expect(alive(orphan)).toBe(true);

    const app = await launch();
    await untilHealthy(app);
    expect(app.output()).toContain('left running by an instance that did not shut down');
    expect((await get(app.port, '/programmes')).total).toBe(3);
    app.process.kill('SIGINT');
    expect(await app.exited).toBe(0);
  });

  it('removes a stale lock when the app and PostgreSQL both died', async () => {
    const crashed = await launch();
    await untilHealthy(crashed);
    const postgres = postmasterPid(dataDir)!;
    crashed.process.kill('SIGKILL');
    process.kill(postgres, 'SIGKILL');
    await crashed.exited;
    while (alive(postgres)) await new Promise((resolve) => setTimeout(resolve, 100));

    const app = await launch();
    await untilHealthy(app);
    expect(app.output()).toContain('Removing a stale PostgreSQL lock');
    expect((await get(app.port, '/programmes')).total).toBe(3);
    app.process.kill('SIGINT');
    expect(await app.exited).toBe(0);
  });

  it('lets a second instance share the database through DATABASE_URL, and refuses to share the data folder', async () => {
    const first = await launch();
    await untilHealthy(first);
    const settings = JSON.parse(readFileSync(join(dataDir, 'embedded-postgres.json'), 'utf8'));
    const url = `postgres://postgres:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}/konkurs`;

    const second = await launch({ DATABASE_URL: url, KONKURS_DATA_DIR: join(dataDir, 'unused') });
    await untilHealthy(second);
    expect((await get(second.port, '/programmes')).total).toBe(3);

    const intruder = await launch();
    expect(await intruder.exited).toBe(1);
    expect(intruder.output()).toContain('is in use by another running konkurs instance');

    second.process.kill('SIGINT');
    first.process.kill('SIGINT');
    expect(await second.exited).toBe(0);
    expect(await first.exited).toBe(0);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be a whole number'],
    [{ PORT: '70000' }, 'PORT must be between 1 and 65535'],
    [{ DATABASE_URL: 'mysql://x/y' }, 'DATABASE_URL must start with postgres://'],
    [{ KONKURS_ADMIN_PASSWORD: 'short' }, 'KONKURS_ADMIN_PASSWORD must be at least 12 characters'],
    [{ KONKURS_DEMO_DATA: 'maybe' }, 'KONKURS_DEMO_DATA must be true or false'],
    [{ KONKURS_DATA_DIR: '/dev/null/konkurs' }, 'KONKURS_DATA_DIR /dev/null/konkurs cannot be created or written'],
    [{ KONKURS_DATA_DIR: '/proc/konkurs-data' }, 'KONKURS_DATA_DIR /proc/konkurs-data cannot be created or written'],
  ])('stops on bad configuration %o naming the variable', async (env, message) => {
    const app = start({ KONKURS_DATA_DIR: dataDir, PORT: String(await findFreePort()), ...env });
    started.push(app);
    expect(await app.exited).toBe(1);
    expect(app.output()).toContain(message);
  });
});
