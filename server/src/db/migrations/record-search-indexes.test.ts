import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDialects } from '../../../test/databases.ts';
import { candidateCount, searchTargets } from '../../platform/search.ts';
import { type Database, openDatabase } from '../database.ts';
import { createMigrator } from '../migrator.ts';
import { seedEssentials } from '../seed.ts';
import * as recordSearchIndexes from './0043-record-search-indexes.ts';

describe.each(testDialects)('record search indexes migration on %s', (dialect) => {
  let testDb: TestDatabase;
  let database: Database;
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  const candidates = async (target: keyof typeof searchTargets, q: string) =>
    Number((await candidateCount(dialect, searchTargets[target], q)!.execute(database.db)).rows[0].n);

  it('indexes the contacts and orders already there, and goes back and forth', async () => {
    testDb = await createTestDatabase(dialect);
    database = openDatabase(testDb.url);
    const migrator = createMigrator(database.db);
    expect((await migrator.migrateTo('0042-saved-views')).error).toBeUndefined();
    await seedEssentials(database.db, 'Admin12345');
    const now = '2026-12-01T08:00:00.000Z';
    const [customer] = await sql<{
      id: number;
    }>`insert into customers (code, name, name_norm, custom_fields, search_text, owner_id, created_at, updated_at)
      values ('C1', '迁移客户', '迁移客户', '{}', '迁移客户', 1, ${now}, ${now}) returning id`
      .execute(database.db)
      .then((r) => r.rows);
    await sql`insert into contacts (customer_id, name, search_text, is_primary, owner_id, created_at, updated_at)
      values (${customer.id}, '司马迁徙', '司马迁徙 13800001111', 0, 1, ${now}, ${now})`.execute(database.db);
    await sql`insert into orders (number, title, customer_id, status, currency, discount_bp, subtotal, discount, tax, total, owner_id, created_at, updated_at)
      values ('SO-20261201-0042', '旧订单标题', ${customer.id}, 'draft', 'CNY', 0, 0, 0, 0, 0, 1, ${now}, ${now})`.execute(
      database.db,
    );

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(await candidates('contacts', '迁徙')).toBe(1);
    expect(await candidates('contacts', '00011')).toBe(1);
    expect(await candidates('orders', '订单标')).toBe(1);
    expect(await candidates('orders', 'so-2026')).toBe(1);

    await recordSearchIndexes.down(database.db);
    await recordSearchIndexes.up(database.db);
    expect(await candidates('contacts', '迁徙')).toBe(1);
  });
});
