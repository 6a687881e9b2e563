import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source.options';

/** Any constant will do; every instance uses the same one so only one migrates at a time. */
const MIGRATION_LOCK = 727_001;

/**
 * Brings the schema up to date. Several instances may start at once on one database: a session-level advisory
 * lock makes the others wait, then find nothing left to do.
 */
export async function runMigrations(url: string, logger = new Logger('Migrations')): Promise<void> {
  const dataSource = new DataSource({ ...dataSourceOptions(url, { poolSize: 2, applicationName: 'konkurs-migrate' }) });
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'all' });
    for (const migration of applied) logger.log(`Applied migration ${migration.name}`);
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  } finally {
    await lock.release();
    await dataSource.destroy();
  }
}
