import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/common/database/data-source.options';
import { createTestDatabase } from './support/test-app';

describe('schema', () => {
  it('the entities describe exactly what the migrations created (a generated migration would be empty)', async () => {
    const dataSource = new DataSource(dataSourceOptions(await createTestDatabase(), { poolSize: 2 }));
    await dataSource.initialize();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('has no pending migrations on the template', async () => {
    const dataSource = new DataSource(dataSourceOptions(await createTestDatabase(), { poolSize: 2 }));
    await dataSource.initialize();
    try {
      expect(await dataSource.showMigrations()).toBe(false);
    } finally {
      await dataSource.destroy();
    }
  });
});
