import {
  type CompiledQuery,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from './schema.ts';
import { changesData, isPlainRead } from './statement-kinds.ts';

// Compiles only: nothing is sent anywhere.
const db = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (kysely) => new PostgresIntrospector(kysely),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

const raw = (query: ReturnType<typeof sql>) => query.compile(db) as CompiledQuery;

describe('what a statement does', () => {
  it('takes a select, also one with a reading `with` or a union, as a plain read that changes nothing', () => {
    const queries = [
      db.selectFrom('customers').select('id').where('name', 'like', '%a%').compile(),
      db
        .with('recent', (qb) => qb.selectFrom('customers').select('id').orderBy('id', 'desc').limit(5))
        .selectFrom('recent')
        .selectAll()
        .compile(),
      db.selectFrom('customers').select('id').union(db.selectFrom('leads').select('id')).compile(),
      raw(sql`select count(*) from customers`),
      raw(sql`  (select 1) union (select 2)`),
      raw(sql`with recursive tree(id) as (select 1 union all select id + 1 from tree where id < 3) select * from tree`),
    ];
    for (const query of queries) {
      expect(isPlainRead(query), query.sql).toBe(true);
      expect(changesData(query), query.sql).toBe(false);
    }
  });

  it('keeps a locking select on the primary without counting it as a change', () => {
    const queries = [
      db.selectFrom('customers').select('id').forUpdate().compile(),
      db.selectFrom('scheduledJobs').select('id').forUpdate().skipLocked().compile(),
      db.selectFrom('customers').select('id').forShare().compile(),
      raw(sql`select id from customers where id = 1 for no key update`),
    ];
    for (const query of queries) {
      expect(isPlainRead(query), query.sql).toBe(false);
      expect(changesData(query), query.sql).toBe(false);
    }
  });

  it('takes inserts, updates, deletes, writing `with`s and schema changes as changes', () => {
    const queries = [
      db.insertInto('dataChanges').values({ tableName: 'customers' }).compile(),
      db.updateTable('customers').set({ name: 'x' }).where('id', '=', 1).compile(),
      db.deleteFrom('customers').where('id', '=', 1).compile(),
      db
        .with('gone', (qb) => qb.deleteFrom('dataChanges').returning('tableName'))
        .selectFrom('gone')
        .selectAll()
        .compile(),
      raw(sql`with moved as (delete from data_changes returning table_name) select count(*) from moved`),
      raw(sql`insert into data_changes (table_name) values ('customers')`),
      raw(sql`update customers set name = 'x'`),
      raw(sql`create index if not exists x on customers (name)`),
      raw(sql`truncate customer_values`),
    ];
    for (const query of queries) {
      expect(changesData(query), query.sql).toBe(true);
      expect(isPlainRead(query), query.sql).toBe(false);
    }
  });

  it('does not mistake a column named like a verb for a write', () => {
    const query = raw(sql`with t as (select updated_at, last_update_by from customers) select * from t`);
    expect(isPlainRead(query)).toBe(true);
    expect(changesData(query)).toBe(false);
  });

  it('sends a session setting to the primary without counting it as a change', () => {
    const query = raw(sql`set local statement_timeout = 1000`);
    expect(isPlainRead(query)).toBe(false);
    expect(changesData(query)).toBe(false);
  });
});
