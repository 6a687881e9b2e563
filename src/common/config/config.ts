import { resolve } from 'node:path';

export interface AppConfig {
  host: string;
  port: number;
  /** External PostgreSQL; when absent the app starts its own embedded PostgreSQL in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  /** Where uploaded files live (content-addressed by sha256); share it between instances (e.g. a network volume). */
  storageDir: string;
  /** Port for the embedded PostgreSQL; null means "pick a free one on first start and remember it". */
  embeddedPgPort: number | null;
  tokenTtlHours: number;
  loginMaxFailuresPerEmail: number;
  loginMaxFailuresPerIp: number;
  loginWindowMinutes: number;
  adminEmail: string | null;
  adminPassword: string | null;
  loadDemoData: boolean;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  /** Public base URL used in printed links (and later in PDFs' verification links). */
  publicUrl: string | null;
  /** Express "trust proxy": false, true, a hop count or a list of proxy addresses; decides the client IP for rate limits. */
  trustProxy: boolean | number | string;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Configuration error: ${variable} ${message}`);
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function optionalInteger(env: Env, name: string, min: number, max: number): number | null {
  const raw = env[name];
  return raw === undefined || raw === '' ? null : integer(env, name, 0, min, max);
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const normalised = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(normalised)) return true;
  if (['0', 'false', 'no', 'off'].includes(normalised)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function databaseUrl(env: Env): string | null {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL', 'is not a valid URL (expected postgres://user:password@host:5432/database)');
  }
  if (!['postgres:', 'postgresql:'].includes(url.protocol)) {
    throw new ConfigError('DATABASE_URL', `must start with postgres:// or postgresql://, got "${url.protocol}//"`);
  }
  if (url.pathname.length <= 1) throw new ConfigError('DATABASE_URL', 'must name a database, e.g. postgres://host/konkurs');
  return raw;
}

function email(env: Env, name: string): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(raw)) throw new ConfigError(name, `must be an e-mail address, got "${raw}"`);
  return raw.trim().toLowerCase();
}

function password(env: Env, name: string): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  if (raw.length < 12) throw new ConfigError(name, 'must be at least 12 characters long');
  return raw;
}

function trustProxy(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw.trim() === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d{1,2}$/.test(raw)) return Number(raw);
  if (/^[0-9a-fA-F.:/, ]+$|^(loopback|linklocal|uniquelocal)(,\s*(loopback|linklocal|uniquelocal))*$/.test(raw)) return raw;
  throw new ConfigError('KONKURS_TRUST_PROXY', `must be true, false, a hop count or proxy addresses, got "${raw}"`);
}

const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;

/** Reads and validates the whole configuration once; a wrong value stops start-up naming the variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const logLevel = (env.LOG_LEVEL ?? 'log') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }
  const host = env.HOST?.trim() || '127.0.0.1';
  const dataDir = resolve(env.KONKURS_DATA_DIR?.trim() || 'data');
  const adminEmail = email(env, 'KONKURS_ADMIN_EMAIL');
  const adminPassword = password(env, 'KONKURS_ADMIN_PASSWORD');
  if (adminPassword && !adminEmail) {
    throw new ConfigError('KONKURS_ADMIN_EMAIL', 'must be set when KONKURS_ADMIN_PASSWORD is set');
  }
  const publicUrl = env.KONKURS_PUBLIC_URL?.trim() || null;
  if (publicUrl && !/^https?:\/\/\S+$/.test(publicUrl)) {
    throw new ConfigError('KONKURS_PUBLIC_URL', `must be an http(s) URL, got "${publicUrl}"`);
  }
  return {
    trustProxy: trustProxy(env.KONKURS_TRUST_PROXY),
    host,
    port: integer(env, 'PORT', 3000, 1, 65535),
    databaseUrl: databaseUrl(env),
    dataDir,
    storageDir: resolve(env.KONKURS_STORAGE_DIR?.trim() || resolve(dataDir, 'storage')),
    embeddedPgPort: optionalInteger(env, 'KONKURS_PG_PORT', 1024, 65535),
    tokenTtlHours: integer(env, 'KONKURS_TOKEN_TTL_HOURS', 12, 1, 24 * 30),
    loginMaxFailuresPerEmail: integer(env, 'KONKURS_LOGIN_MAX_FAILURES', 5, 1, 1000),
    loginMaxFailuresPerIp: integer(env, 'KONKURS_LOGIN_MAX_FAILURES_PER_IP', 30, 1, 100000),
    loginWindowMinutes: integer(env, 'KONKURS_LOGIN_WINDOW_MINUTES', 15, 1, 24 * 60),
    adminEmail,
    adminPassword,
    loadDemoData: bool(env, 'KONKURS_DEMO_DATA', true),
    logLevel,
    publicUrl,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
