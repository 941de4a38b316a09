import { type CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../src/db/bulk-insert.ts';
import { queryPlan, StatementRecorder } from '../src/db/statement-recorder.ts';
import { listCountCap } from '../src/platform/list-query.ts';
import { searchDocument } from '../src/platform/search.ts';
import { type Client, createTestApp, type TestApp } from './app.ts';
import { testDialects } from './databases.ts';
import { createCustomer, createDepartment, createUserClient } from './factories.ts';

/** The statement that merges the departments' walks: a compound select of their rows (not the department tree's). */
const isMerge = (statement: { sql: string }) =>
  / union all /.test(statement.sql) && !/with recursive/.test(statement.sql);

type Listed = { items: Array<{ id: number }>; total: number; totalCapped?: boolean; nextCursor?: string };

/**
 * A manager of several departments reads a long list in update order department by department, each
 * from its own index, merged: the pages are the scope's rows in one order — also where ties of update
 * time are broken by id across departments — in both directions, merged as the walks go, sorting nothing;
 * the page after one, given its cursor, walks on from its last row in each department. A short list is
 * read as any other.
 */
describe.each(testDialects)('a department scope in update order on %s', (dialect) => {
  const recorder = new StatementRecorder();
  const rows = listCountCap + 60;
  const pageSize = 50;
  let t: TestApp;
  let manager: Client;
  let departments: number[];

  beforeAll(async () => {
    t = await createTestApp(dialect, { plugins: [recorder] });
    const region = await createDepartment(t, '合并大区');
    departments = [await createDepartment(t, '合并北区', region), await createDepartment(t, '合并南区', region)];
    manager = await createUserClient(t, 'sales_manager', region);
    const reps = [
      (await createUserClient(t, 'sales_rep', departments[0])) as Client & { userId: number },
      (await createUserClient(t, 'sales_rep', departments[1])) as Client & { userId: number },
    ];
    const customers = [
      await createCustomer(reps[0], { name: '北区客户' }),
      await createCustomer(reps[1], { name: '南区客户' }),
    ];
    const [pipeline] = (await t.admin.get('/api/v1/pipelines')).json();
    // The north's rows are mostly older than the south's; runs of the south's share an update time.
    const side = (i: number) => (i % 3 === 0 ? 0 : 1);
    const at = (i: number) =>
      new Date(Date.UTC(2026, 0, 1) + (side(i) === 0 ? i : rows / 2 + Math.floor(i / 4)) * 60_000).toISOString();
    const owned = (i: number) => ({
      customerId: customers[side(i)].id,
      ownerId: reps[side(i)].userId,
      departmentId: departments[side(i)],
      createdAt: at(i),
      updatedAt: at(i),
    });
    await t.database.db.transaction().execute(async (trx) => {
      await insertRows(
        trx,
        'contacts',
        Array.from({ length: rows }, (_, i) => ({
          ...owned(i),
          name: `合并联系人${i}`,
          gender: 'unknown',
          isPrimary: 0,
          searchText: searchDocument([`合并联系人${i}`]).text,
        })),
      );
      await insertRows(
        trx,
        'opportunities',
        Array.from({ length: rows }, (_, i) => ({
          ...owned(i),
          code: `OPP-M${i}`,
          name: `合并商机${i}`,
          pipelineId: pipeline.id,
          stageId: pipeline.stages[0].id,
          status: 'open',
          currency: 'CNY',
          probability: 10,
          searchText: searchDocument([`合并商机${i}`]).text,
          stageEnteredAt: at(i),
        })),
      );
      await insertRows(
        trx,
        'orders',
        Array.from({ length: rows }, (_, i) => ({
          ...owned(i),
          number: `SO-M${String(i).padStart(6, '0')}`,
          title: `合并订单${i}`,
          currency: 'CNY',
          status: 'draft',
          discountBp: 0,
          subtotal: 0,
          discount: 0,
          tax: 0,
          total: 0,
        })),
      );
    });
  });
  afterAll(async () => t?.close());
  // Planner statistics, as a database that has been running has them (SQLite plans without).
  beforeAll(async () => {
    if (dialect === 'postgres') await sql`analyze contacts, opportunities, orders`.execute(t.database.db);
  });

  /**
   * Whether the database merges the departments' walks (SQLite's merge of a compound select, PostgreSQL's
   * Merge Append) and whether it sorts anything instead.
   */
  async function mergePlan(statement: CompiledQuery) {
    // PostgreSQL sorts a few thousand rows rather than walk an index; told to avoid sorting, it sorts only
    // what no index gives in order.
    const plan = (
      dialect === 'sqlite'
        ? await queryPlan(t.database.db, dialect, statement)
        : await t.database.db.transaction().execute(async (trx) => {
            await sql`set local enable_sort = off`.execute(trx);
            return queryPlan(trx, dialect, statement);
          })
    ).join('\n');
    return {
      merged: dialect === 'sqlite' ? /MERGE \(UNION ALL\)/.test(plan) : /Merge Append/.test(plan),
      sorted: /USE TEMP B-TREE|(^|->)\s*(Incremental )?Sort\s+\(/m.test(plan),
    };
  }

  /** The scope's ids in update order, as the database sorts them all. */
  async function expectedIds(table: string, direction: 'asc' | 'desc') {
    const order = sql.raw(direction);
    const { rows: found } = await sql<{ id: number }>`
      select id from ${sql.table(table)} where department_id in (${sql.join(departments)}) and deleted_at is null
      order by updated_at ${order}, id ${order}`.execute(t.database.db);
    return found.map((row) => Number(row.id));
  }

  it.each([
    ['/api/v1/contacts', 'contacts'],
    ['/api/v1/opportunities', 'opportunities'],
    ['/api/v1/orders', 'orders'],
  ])('pages %s of two departments in one order, both ways', async (path, table) => {
    for (const direction of ['desc', 'asc'] as const) {
      const expected = await expectedIds(table, direction);
      const lastPage = Math.ceil(rows / pageSize);
      for (const page of [1, 2, 101, lastPage]) {
        recorder.start();
        const response = await manager.get(path, { sort: `updatedAt:${direction}`, page, pageSize });
        const recorded = recorder.stop(t.database.db);
        expect(response.statusCode, response.body).toBe(200);
        const listed = response.json() as Listed;
        expect(listed).toMatchObject({ total: listCountCap, totalCapped: true });
        expect(listed.items.map((item) => item.id)).toEqual(expected.slice((page - 1) * pageSize, page * pageSize));
        const merge = recorded.find(isMerge);
        expect(merge).toBeDefined();
        if (page === 101) expect(await mergePlan(merge!)).toEqual({ merged: true, sorted: false });
        if (page === lastPage) {
          expect(listed.nextCursor).toBeUndefined();
          continue;
        }
        // The next page after this one's cursor: a walk of the scope's update index from its last row.
        recorder.start();
        const next = await manager.get(path, {
          sort: `updatedAt:${direction}`,
          page: page + 1,
          pageSize,
          cursor: listed.nextCursor!,
        });
        expect(recorder.stop(t.database.db).some(isMerge)).toBe(true);
        expect((next.json() as Listed).items.map((item) => item.id)).toEqual(
          expected.slice(page * pageSize, (page + 1) * pageSize),
        );
      }
    }
  });

  it('reads a short list of a department scope as any other', async () => {
    const region = await createDepartment(t, '短列表大区');
    const team = await createDepartment(t, '短列表组', region);
    const shortManager = await createUserClient(t, 'sales_manager', region);
    const rep = await createUserClient(t, 'sales_rep', team);
    const customer = await createCustomer(rep, { name: '短列表客户' });
    for (const name of ['甲', '乙', '丙']) await rep.post('/api/v1/contacts', { customerId: customer.id, name });
    recorder.start();
    const response = await shortManager.get('/api/v1/contacts', { pageSize: 2 });
    const recorded = recorder.stop(t.database.db);
    const listed = response.json() as { items: Array<{ name: string }>; total: number };
    expect(listed.total).toBe(3);
    expect(listed.items.map((item) => item.name)).toEqual(['丙', '乙']);
    expect(recorded.some(isMerge)).toBe(false);
  });
});
