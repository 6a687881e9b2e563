import type { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './naming.strategy';
import { ENTITIES } from './entities';
import { MIGRATIONS } from '../../../migrations';

/** One definition of how konkurs talks to PostgreSQL, used by the app, the migration runner and the tests. */
export function dataSourceOptions(url: string, overrides: { poolSize?: number; applicationName?: string } = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'all',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    applicationName: overrides.applicationName ?? 'konkurs',
    extra: { max: overrides.poolSize ?? 20, connectionTimeoutMillis: 10_000 },
  };
}
