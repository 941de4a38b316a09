import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDialects } from '../../../test/databases.ts';
import { candidateCount, searchTargets } from '../../platform/search.ts';
import { bigrams } from '../../platform/search-text.ts';
import { type Database, openDatabase } from '../database.ts';
import { createMigrator } from '../migrator.ts';
import { seedEssentials } from '../seed.ts';
import * as digitSearchTokens from './0045-digit-search-tokens.ts';

describe.each(testDialects)('digit search tokens migration on %s', (dialect) => {
  let testDb: TestDatabase;
  let database: Database;
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  const candidates = async (target: keyof typeof searchTargets, q: string) =>
    Number((await candidateCount(dialect, searchTargets[target], q)!.execute(database.db)).rows[0].n);

  it('gives the records already indexed their digit tokens, and goes back and forth', async () => {
    testDb = await createTestDatabase(dialect);
    database = openDatabase(testDb.url);
    const migrator = createMigrator(database.db);
    expect((await migrator.migrateTo('0044-list-sort-indexes')).error).toBeUndefined();
    await seedEssentials(database.db, 'Admin12345');
    const now = '2026-12-01T08:00:00.000Z';
    const customerText = '数字客户\u000113912345678';
    const [customer] = await sql<{ id: number }>`
      insert into customers (code, name, name_norm, custom_fields, search_text, owner_id, created_at, updated_at)
      values ('C1', '数字客户', '数字客户', '{}', ${customerText}, 1, ${now}, ${now}) returning id`
      .execute(database.db)
      .then((r) => r.rows);
    // The customers' index is filled by the server, as it was before digit tokens: bigrams only.
    if (dialect === 'sqlite')
      await sql`insert into customer_search (rowid, grams) values (${customer.id}, relate_bigrams(${customerText}))`.execute(
        database.db,
      );
    else
      await sql`update customers set search_grams = ${bigrams(customerText)}::text[] where id = ${customer.id}`.execute(
        database.db,
      );
    await sql`insert into contacts (customer_id, name, search_text, is_primary, owner_id, created_at, updated_at)
      values (${customer.id}, '司马迁徙', '司马迁徙 13800001111', 0, 1, ${now}, ${now})`.execute(database.db);
    await sql`insert into orders (number, title, customer_id, status, currency, discount_bp, subtotal, discount, tax, total, owner_id, created_at, updated_at)
      values ('SO-20261201-0042', '旧订单标题', ${customer.id}, 'draft', 'CNY', 0, 0, 0, 0, 0, 1, ${now}, ${now})`.execute(
      database.db,
    );

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(await candidates('contacts', '00001111')).toBe(1);
    expect(await candidates('contacts', '0011')).toBe(1);
    expect(await candidates('contacts', '1112')).toBe(0);
    expect(await candidates('orders', '20261201')).toBe(1);
    expect(await candidates('customers', '12345678')).toBe(1);
    expect(await candidates('customers', '数字')).toBe(1);
    expect(await candidates('customers', '迁徙')).toBe(0);
    expect(await candidates('contacts', '迁徙')).toBe(1);

    // A record written after the migration is indexed with its digit tokens by the trigger.
    await sql`update contacts set search_text = '司马迁徙 13800002222' where customer_id = ${customer.id}`.execute(
      database.db,
    );
    expect(await candidates('contacts', '00002222')).toBe(1);
    expect(await candidates('contacts', '00001111')).toBe(0);

    await digitSearchTokens.down(database.db);
    await digitSearchTokens.up(database.db);
    expect(await candidates('contacts', '00002222')).toBe(1);
    expect(await candidates('customers', '12345678')).toBe(1);
    expect(await candidates('customers', '数字')).toBe(1);
  });
});
