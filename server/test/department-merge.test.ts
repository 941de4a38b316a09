import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../src/db/bulk-insert.ts';
import { StatementRecorder } from '../src/db/statement-recorder.ts';
import { searchDocument } from '../src/platform/search.ts';
import { type Client, createTestApp, type TestApp } from './app.ts';
import { testDialects } from './databases.ts';
import { createCustomer, createDepartment, createUserClient } from './factories.ts';

type Listed = { id: number; updatedAt: string };

/**
 * A manager of several departments reads a list in update order department by department, each from
 * its own index, merged: the pages are the scope's rows in one order, without gaps or repeats, in
 * both directions — also where ties of update time are broken by id across departments.
 */
describe.each(testDialects)('a department scope in update order on %s', (dialect) => {
  const recorder = new StatementRecorder();
  const contactCount = 150;
  let t: TestApp;
  let manager: Client;
  let region: number;
  let north: number;
  let south: number;
  let reps: Array<Client & { userId: number }>;

  beforeAll(async () => {
    t = await createTestApp(dialect, { plugins: [recorder] });
    region = await createDepartment(t, '合并大区');
    north = await createDepartment(t, '合并北区', region);
    south = await createDepartment(t, '合并南区', region);
    manager = await createUserClient(t, 'sales_manager', region);
    reps = [
      (await createUserClient(t, 'sales_rep', north)) as Client & { userId: number },
      (await createUserClient(t, 'sales_rep', south)) as Client & { userId: number },
    ];
    const customers = [
      await createCustomer(reps[0], { name: '北区客户' }),
      await createCustomer(reps[1], { name: '南区客户' }),
    ];
    // The north's contacts are mostly older than the south's; a few of each share an update time.
    const updatedAt = (i: number) =>
      new Date(Date.UTC(2026, 10, 1) + (i % 3 === 0 ? i : 100 + Math.floor(i / 4)) * 60_000).toISOString();
    await t.database.db.transaction().execute(async (trx) => {
      await insertRows(
        trx,
        'contacts',
        Array.from({ length: contactCount }, (_, i) => {
          const side = i % 3 === 0 ? 0 : 1;
          return {
            customerId: customers[side].id,
            name: `合并联系人${i}`,
            gender: 'unknown',
            isPrimary: 0,
            ownerId: reps[side].userId,
            departmentId: side === 0 ? north : south,
            searchText: searchDocument([`合并联系人${i}`]).text,
            createdAt: updatedAt(i),
            updatedAt: updatedAt(i),
          };
        }),
      );
    });
  });
  afterAll(async () => t?.close());

  async function everyPage(path: string, sort: string, pageSize: number): Promise<Listed[]> {
    const listed: Listed[] = [];
    for (let page = 1; ; page++) {
      const response = await manager.get(path, { sort, page, pageSize });
      expect(response.statusCode, response.body).toBe(200);
      const { items } = response.json() as { items: Listed[] };
      listed.push(...items);
      if (items.length < pageSize) return listed;
    }
  }

  const inOrder = (rows: Listed[], direction: 'asc' | 'desc') =>
    [...rows].sort((a, b) => {
      const byTime = a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : a.id - b.id;
      return direction === 'asc' ? byTime : -byTime;
    });

  it.each(['desc', 'asc'] as const)('pages the contacts of two departments in one order (%s)', async (direction) => {
    recorder.start();
    const listed = await everyPage('/api/v1/contacts', `updatedAt:${direction}`, 20);
    const recorded = recorder.stop(t.database.db);
    expect(listed).toHaveLength(contactCount);
    expect(new Set(listed.map((c) => c.id)).size).toBe(contactCount);
    expect(listed.map((c) => c.id)).toEqual(inOrder(listed, direction).map((c) => c.id));
    expect(recorded.some((s) => /union all/i.test(s.sql) && /"department_id" in \(/.test(s.sql))).toBe(true);
  });

  it('reads the opportunities and orders of a department scope department by department, newest first', async () => {
    for (const [i, rep] of reps.entries()) {
      const customer = await createCustomer(rep, { name: `合并单据客户${i}` });
      for (const n of [1, 2]) {
        await rep.post('/api/v1/opportunities', { name: `合并商机${i}-${n}`, customerId: customer.id });
        await rep.post('/api/v1/orders', {
          title: `合并订单${i}-${n}`,
          customerId: customer.id,
          lines: [{ name: '设备', quantity: '1', unitPrice: '100', taxRate: '13' }],
        });
      }
    }
    for (const path of ['/api/v1/opportunities', '/api/v1/orders']) {
      recorder.start();
      const response = await manager.get(path, { pageSize: 3 });
      const recorded = recorder.stop(t.database.db);
      const listed = response.json() as { items: Listed[]; total: number };
      expect(listed.total).toBe(4);
      expect(listed.items.map((r) => r.id)).toEqual(inOrder(listed.items, 'desc').map((r) => r.id));
      const all = await everyPage(path, 'updatedAt:desc', 3);
      expect(all.map((r) => r.id)).toEqual(inOrder(all, 'desc').map((r) => r.id));
      expect(all[0].id).toBe(Math.max(...all.map((r) => r.id)));
      expect(recorded.some((s) => /union all/i.test(s.sql))).toBe(true);
    }
  });
});
