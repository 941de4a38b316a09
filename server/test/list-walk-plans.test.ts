import { CustomerInput } from '@relate/common';
import { type CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../src/db/bulk-insert.ts';
import { queryPlan, readsRowsOf, StatementRecorder } from '../src/db/statement-recorder.ts';
import { nowIso } from '../src/db/time.ts';
import { insertCustomerBatch } from '../src/modules/customers/customers.bulk.ts';
import { listCountCap } from '../src/platform/list-query.ts';
import { searchDocument } from '../src/platform/search.ts';
import { type Client, createTestApp, type TestApp } from './app.ts';
import { testDialects } from './databases.ts';
import { createCustomer, createDepartment, createUserClient } from './factories.ts';

/**
 * A manager's list of more rows than the count cap, sorted by a column: the page walks the sort's
 * index, checking the department on the way, instead of gathering the department's rows by their own
 * index and sorting them all (which SQLite, not knowing how many there are, prefers). The pages are
 * the same either way. Both directions put empty values last, which PostgreSQL walks in descending
 * order only with an index of its own (migration 0050).
 */
describe.each(testDialects)('a long list sorted by a column on %s', (dialect) => {
  const recorder = new StatementRecorder();
  const rows = listCountCap + 50;
  let t: TestApp;
  let manager: Client;

  beforeAll(async () => {
    t = await createTestApp(dialect, { plugins: [recorder] });
    const east = await createDepartment(t, '长列表东区');
    const rep = (await createUserClient(t, 'sales_rep', east)) as Client & { userId: number };
    manager = await createUserClient(t, 'sales_manager', east);
    const customer = await createCustomer(rep, { name: '长列表客户' });
    const now = nowIso();
    const name = (i: number) => `名${String((i * 7919) % rows).padStart(5, '0')}`;
    await t.database.db.transaction().execute(async (trx) => {
      await insertRows(
        trx,
        'contacts',
        Array.from({ length: rows }, (_, i) => ({
          customerId: customer.id,
          name: name(i),
          gender: 'unknown',
          isPrimary: 0,
          ownerId: rep.userId,
          departmentId: east,
          searchText: searchDocument([name(i)]).text,
          createdAt: now,
          updatedAt: now,
        })),
      );
      await insertRows(
        trx,
        'followups',
        Array.from({ length: rows }, (_, i) => ({
          customerId: customer.id,
          type: 'call',
          content: `跟进${i}`,
          occurredAt: now,
          nextFollowupAt: `2027-01-01T00:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000Z`,
          ownerId: rep.userId,
          departmentId: east,
          createdAt: now,
          updatedAt: now,
        })),
      );
      await insertCustomerBatch(
        { db: trx, dialect },
        { userId: rep.userId, username: 'rep', ip: null, userAgent: null },
        Array.from({ length: rows }, (_, i) => ({
          ...CustomerInput.parse({ name: name(i) }),
          owner: { id: rep.userId, departmentId: east },
        })),
      );
    });
  });
  afterAll(async () => t?.close());

  it.each([
    { path: '/api/v1/contacts', sort: 'name', column: 'name', field: 'name' },
    { path: '/api/v1/customers', sort: 'name', column: 'name', field: 'name' },
    { path: '/api/v1/followups', sort: 'nextFollowupAt', column: 'next_followup_at', field: 'nextFollowupAt' },
    { path: '/api/v1/customers', sort: 'nextFollowupAt', column: 'next_followup_at', field: 'nextFollowupAt' },
  ])('$path by $sort walks its index both ways', async ({ path, sort, column, field }) => {
    for (const direction of ['asc', 'desc'] as const) {
      recorder.start();
      const response = await manager.get(path, { sort: `${sort}:${direction}`, page: 3, pageSize: 20 });
      const recorded = recorder.stop(t.database.db);
      expect(response.statusCode, response.body).toBe(200);
      const listed = response.json();
      expect(listed).toMatchObject({ total: listCountCap, totalCapped: true });
      const values = listed.items.map((item: Record<string, string | null>) => item[field]);
      expect(values).toHaveLength(20);
      const inOrder = values.filter((value: string | null) => value !== null).sort();
      if (direction === 'desc') inOrder.reverse();
      // Empty values come last either way.
      expect(values).toEqual([...inOrder, ...values.filter((value: string | null) => value === null)]);
      if (field === 'name' && direction === 'asc') expect(values[0]).toBe(`名${String(40).padStart(5, '0')}`);
      const sorted = new RegExp(`order by "[a-z_]+"\\."${column}" ${direction}`);
      const plans: string[] = [];
      for (const statement of recorded.filter((s) => sorted.test(s.sql)))
        plans.push((await planWithoutSortingIfAvoidable(statement)).join(' / '));
      expect(plans.length).toBeGreaterThan(0);
      for (const plan of plans) expect(plan).not.toMatch(/USE TEMP B-TREE FOR ORDER BY|Sort Key/);
    }
  });

  /**
   * The statement's plan. PostgreSQL may sort a few thousand rows rather than walk an index; told to
   * avoid sorting, it sorts only when no index gives the order.
   */
  async function planWithoutSortingIfAvoidable(statement: CompiledQuery): Promise<string[]> {
    if (dialect === 'sqlite') return queryPlan(t.database.db, 'sqlite', statement);
    return t.database.db.transaction().execute(async (trx) => {
      await sql`set local enable_sort = off`.execute(trx);
      return queryPlan(trx, 'postgres', statement);
    });
  }

  it.each([
    { param: 'createdFrom', column: 'created_at' },
    { param: 'lastFollowupFrom', column: 'last_followup_at' },
  ])("counts a manager's customers by $column from an index alone", async ({ param, column }) => {
    recorder.start();
    const response = await manager.get('/api/v1/customers', { [param]: '2020-01-01', sort: 'code:asc' });
    const recorded = recorder.stop(t.database.db);
    expect(response.statusCode, response.body).toBe(200);
    if (dialect !== 'sqlite') return;
    const counts = recorded.filter((s) => /count\(\*\)/.test(s.sql) && s.sql.includes(`"${column}"`));
    expect(counts.length).toBeGreaterThan(0);
    for (const statement of counts) expect(await readsRowsOf(t.database.db, statement, 'customers')).toBe(false);
  });
});
