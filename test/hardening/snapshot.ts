import type { TestApp } from '../support/test-app';

/**
 * Every table of the app's schema as `count:md5(rows)`: equal digests mean no row was added, removed or changed
 * anywhere. Built once per database (the table list does not change while a test file runs).
 */
export async function digester(t: TestApp): Promise<() => Promise<Record<string, string>>> {
  const { rows } = await t.db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  const digests = rows.map(
    ({ tablename }: { tablename: string }) =>
      `'${tablename}', (SELECT count(*)::text || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM "${tablename}" x)`,
  );
  const sql = `SELECT json_build_object(${digests.join(', ')}) AS digest`;
  return async () => (await t.db.query(sql)).rows[0].digest as Record<string, string>;
}

/** The tables whose digest differs. */
export const changedTables = (before: Record<string, string>, after: Record<string, string>) =>
  Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
