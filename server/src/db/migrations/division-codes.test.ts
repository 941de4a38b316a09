import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDialects } from '../../../test/databases.ts';
import { type Database, openDatabase } from '../database.ts';
import { createMigrator } from '../migrator.ts';

describe.each(testDialects)('division codes migration on %s', (dialect) => {
  let testDb: TestDatabase;
  let database: Database;
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('gives existing customers and leads the code their names give exactly', async () => {
    testDb = await createTestDatabase(dialect);
    database = openDatabase(testDb.url);
    const migrator = createMigrator(database.db);
    expect((await migrator.migrateTo('0079-email-header-ids')).error).toBeUndefined();
    const now = '2026-12-01T00:00:00.000Z';
    const customers: Array<[string, string | null, string | null, string | null]> = [
      ['C1', '广东省', '深圳市', '南山区'],
      ['C2', '浙江省', '杭州市', null],
      ['C3', '北京市', null, null],
      ['C4', '广东省', '深圳市', '不存在区'],
      ['C5', null, null, null],
    ];
    for (const [code, province, city, district] of customers)
      await sql`insert into customers (code, name, name_norm, type, province, city, district, custom_fields, search_text, created_at, updated_at)
        values (${code}, ${code}, ${code}, 'company', ${province}, ${city}, ${district}, '{}', '', ${now}, ${now})`.execute(
        database.db,
      );
    await sql`insert into leads (code, name, name_norm, province, city, district, status, score, search_text, created_at, updated_at)
      values ('L1', '线索', '线索', '四川省', '成都市', '武侯区', 'new', 0, '', ${now}, ${now})`.execute(database.db);

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const codes = await database.db.selectFrom('customers').select(['code', 'divisionCode']).orderBy('code').execute();
    expect(codes.map((c) => c.divisionCode)).toEqual(['440305', '330100', '110000', null, null]);
    expect(await database.db.selectFrom('leads').select('divisionCode').execute()).toEqual([
      { divisionCode: '510107' },
    ]);
  });
});
