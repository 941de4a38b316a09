import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDialects } from '../../../test/databases.ts';
import { decodePinyin } from '../../platform/pinyin.ts';
import { candidateCount, searchColumns, searchTargets } from '../../platform/search.ts';
import { searchDocument } from '../../platform/search-text.ts';
import { type Database, openDatabase } from '../database.ts';
import { createMigrator } from '../migrator.ts';
import { seedEssentials } from '../seed.ts';
import * as pinyinSearch from './0069-pinyin-search.ts';

describe.each(testDialects)('pinyin search migration on %s', (dialect) => {
  let testDb: TestDatabase;
  let database: Database;
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  const candidates = async (target: keyof typeof searchTargets, q: string) =>
    Number((await candidateCount(dialect, searchTargets[target], q)!.execute(database.db)).rows[0].n);
  const textOf = async (table: string, id: number) =>
    (
      await sql<{ text: string }>`select search_text as text from ${sql.table(table)} where id = ${id}`.execute(
        database.db,
      )
    ).rows[0].text;

  it('gives the records written before it their names’ pinyin, keeps what their text held, and runs again unchanged', async () => {
    testDb = await createTestDatabase(dialect);
    database = openDatabase(testDb.url);
    const migrator = createMigrator(database.db);
    expect((await migrator.migrateTo('0067-lunar-anniversaries')).error).toBeUndefined();
    await seedEssentials(database.db, 'Admin12345');
    const now = '2026-12-01T08:00:00.000Z';
    const insert = async (statement: ReturnType<typeof sql>) =>
      Number((await statement.execute(database.db)).rows.map((row) => (row as { id: number }).id)[0]);

    // Written as the server wrote them before: the values, no pinyin.
    const customerDoc = searchDocument(['深圳龙腾科技有限公司', 'C000001', '0755-12345678', '075512345678']);
    const customer = await insert(sql`
      insert into customers (code, name, name_norm, type, custom_fields, search_text, owner_id, created_at, updated_at)
      values ('C000001', '深圳龙腾科技有限公司', '深圳龙腾科技', 'company', '{}', ${customerDoc.text}, 1, ${now}, ${now}) returning id`);
    if (dialect === 'sqlite')
      await sql`insert into customer_search (rowid, grams) values (${customer}, ${customerDoc.grams})`.execute(
        database.db,
      );
    else
      await sql`update customers set search_grams = ${searchColumns('postgres', customerDoc).searchGrams}::text[] where id = ${customer}`.execute(
        database.db,
      );
    const english = await insert(sql`
      insert into customers (code, name, name_norm, type, custom_fields, search_text, owner_id, created_at, updated_at)
      values ('C000002', 'Northwind Ltd', 'northwind', 'company', '{}', 'northwind ltd', 1, ${now}, ${now}) returning id`);
    const individual = await insert(sql`
      insert into customers (code, name, name_norm, type, custom_fields, search_text, owner_id, created_at, updated_at)
      values ('C000003', '单雄信', '单雄信', 'individual', '{}', '单雄信', 1, ${now}, ${now}) returning id`);
    const contact = await insert(sql`
      insert into contacts (customer_id, name, search_text, is_primary, owner_id, created_at, updated_at)
      values (${customer}, '吕小布', ${searchDocument(['吕小布', '13800001111']).text}, 0, 1, ${now}, ${now}) returning id`);
    const lead = await insert(sql`
      insert into leads (code, name, company, name_norm, search_text, owner_id, created_at, updated_at)
      values ('L000001', '欧阳锋', '白驼山庄', '欧阳锋', ${searchDocument(['欧阳锋', 'L000001', '白驼山庄']).text}, 1, ${now}, ${now}) returning id`);
    const product = await insert(sql`
      insert into products (code, name, unit, list_price, tax_rate_bp, currency, status, track_stock, search_text, created_at, updated_at)
      values ('TEA-1', '绿茶礼盒', 'box', 8800, 1300, 'CNY', 'active', 0, ${searchDocument(['TEA-1', '绿茶礼盒']).text}, ${now}, ${now}) returning id`);
    expect(await candidates('customers', 'szlt')).toBe(0);

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(await candidates('customers', 'szlt')).toBe(1);
    expect(await candidates('customers', 'shenzhenlongteng')).toBe(1);
    expect(await candidates('customers', '深圳lt')).toBe(1);
    expect(await candidates('customers', '12345678')).toBe(1);
    expect(await candidates('customers', 'shanxiongxin')).toBe(1);
    expect(await candidates('contacts', 'lvxiaobu')).toBe(1);
    expect(await candidates('contacts', '00001111')).toBe(1);
    expect(decodePinyin(await textOf('customers', customer))).toBe(
      [customerDoc.text, '^shenzhenlongtengkejiyouxiangongsi', '^szltkjyxgs'].join('\u0001'),
    );
    expect(await textOf('customers', english)).toBe('northwind ltd');
    expect(decodePinyin(await textOf('customers', individual))).toContain('^shanxiongxin');
    expect(decodePinyin(await textOf('contacts', contact))).toContain('^lvxiaobu\u0001^lxb');
    expect(decodePinyin(await textOf('leads', lead))).toContain('^ouyangfeng\u0001^oyf\u0001^baituoshanzhuang');
    expect(decodePinyin(await textOf('products', product))).toContain('^lvchalihe\u0001^lclh');
    const admin = await sql<{ text: string }>`select search_text as text from users where username = 'admin'`.execute(
      database.db,
    );
    expect(decodePinyin(admin.rows[0].text)).toBe('admin\u0001系统管理员\u0001^xitongguanliyuan\u0001^xtgly');

    // Again (after going down): the texts stay as they are, the forms held once.
    const before = await textOf('customers', customer);
    await pinyinSearch.down(database.db);
    await pinyinSearch.up(database.db);
    expect(await textOf('customers', customer)).toBe(before);
    expect(await candidates('customers', 'szlt')).toBe(1);
    expect(await candidates('customers', 'C000001')).toBe(1);
  });
});
