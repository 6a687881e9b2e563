import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has working defaults: embedded database, port 3000, demo data on', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: null, loadDemoData: true, tokenTtlHours: 12 });
  });

  it.each([
    ['PORT', '0'],
    ['PORT', '3000abc'],
    ['DATABASE_URL', 'not a url'],
    ['DATABASE_URL', 'postgres://host'],
    ['KONKURS_PG_PORT', '80'],
    ['KONKURS_TOKEN_TTL_HOURS', '-1'],
    ['KONKURS_ADMIN_EMAIL', 'admin'],
    ['LOG_LEVEL', 'loud'],
    ['KONKURS_PUBLIC_URL', 'ftp://x'],
  ])('rejects %s=%s naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  it('needs the admin e-mail when an admin password is given', () => {
    expect(() => loadConfig({ KONKURS_ADMIN_PASSWORD: 'a-long-enough-secret' })).toThrow('KONKURS_ADMIN_EMAIL');
  });

  it('accepts an external database and lower-cases the admin e-mail', () => {
    const config = loadConfig({ DATABASE_URL: 'postgresql://u:p@db:5432/konkurs', KONKURS_ADMIN_EMAIL: 'Admin@Ministry.Example' });
    expect(config.databaseUrl).toBe('postgresql://u:p@db:5432/konkurs');
    expect(config.adminEmail).toBe('admin@ministry.example');
  });
});
