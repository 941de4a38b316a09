import { CamelCasePlugin, Kysely, sql, SqliteDialect } from 'kysely';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { DB } from './schema.ts';
import { listCountCap } from '../platform/list-query.ts';
import { PlanHints, walkingSortIndexWhenMany } from './plan-hints.ts';

const db = new Kysely<DB>({
  dialect: new SqliteDialect({ database: new SQLite(':memory:') }),
  plugins: [new PlanHints(), new CamelCasePlugin()],
});

const page = () =>
  db
    .selectFrom('contacts')
    .innerJoin('customers as customer', (join) =>
      join.onRef('customer.id', '=', 'contacts.customerId').on('customer.deletedAt', 'is', null),
    )
    .select('contacts.id')
    .where(sql<boolean>`${sql.ref('contacts.department_id')} in (${sql.join([3, 4])})`)
    .where('contacts.deletedAt', 'is', null)
    .where('contacts.ownerId', '=', 7)
    .where('contacts.name', '>=', 'a')
    .where('customer.name', '=', 'x')
    .where((eb) => eb.exists(eb.selectFrom('users').select('users.id').whereRef('users.id', '=', 'contacts.ownerId')))
    .orderBy('contacts.name');

describe('the hint to walk the sort index', () => {
  it("writes the list table's filter columns as expressions, and nothing else", () => {
    const hinted = walkingSortIndexWhenMany(page(), 'sqlite', { total: listCountCap, totalCapped: true }).compile().sql;
    expect(hinted).toContain('+"contacts"."department_id" in (?, ?)');
    expect(hinted).toContain('"contacts"."deleted_at" is null');
    expect(hinted).toContain('"customer"."name" = ?');
    expect(hinted).toContain('"users"."id" = "contacts"."owner_id"');
    expect(hinted).toContain('"contacts"."owner_id" = ?');
    expect(hinted).toContain('"contacts"."name" >= ?');
    expect(hinted).toContain('order by "contacts"."name"');
  });

  it('is given only for many rows, and only to SQLite', () => {
    const plain = page().compile().sql;
    expect(walkingSortIndexWhenMany(page(), 'sqlite', { total: listCountCap }).compile().sql).toBe(plain);
    expect(walkingSortIndexWhenMany(page(), 'sqlite', { total: listCountCap + 1 }).compile().sql).not.toBe(plain);
    expect(walkingSortIndexWhenMany(page(), 'postgres', { total: listCountCap, totalCapped: true }).compile().sql).toBe(
      plain,
    );
  });
});
