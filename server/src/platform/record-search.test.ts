import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { testDialects } from '../../test/databases.ts';
import { createCustomer } from '../../test/factories.ts';
import { insertRows } from '../db/bulk-insert.ts';
import { nowIso } from '../db/time.ts';
import { candidateCount, searchBreadth, searchDocument, searchTargets } from './search.ts';

/** How many rows the bigram index names for a query (up to its candidate limit). */
async function candidates(t: TestApp, target: keyof typeof searchTargets, q: string) {
  const { rows } = await candidateCount(t.database.dialect, searchTargets[target], q)!.execute(t.database.db);
  return Number(rows[0].n);
}

describe.each(testDialects)('the search indexes of contacts, tickets, opportunities and orders on %s', (dialect) => {
  let t: TestApp;
  let customer: { id: number };
  beforeAll(async () => {
    t = await createTestApp(dialect);
    customer = await createCustomer(t.admin, { name: '索引测试客户' });
  });
  afterAll(async () => t?.close());

  it('follow every write of a contact: create, edit, delete and purge', async () => {
    const contact = (
      await t.admin.post('/api/v1/contacts', { customerId: customer.id, name: '欧阳澜沧', mobile: '13912345678' })
    ).json();
    expect(await candidates(t, 'contacts', '澜沧')).toBe(1);
    expect(await candidates(t, 'contacts', '12345')).toBe(1);
    expect(
      (await t.admin.get('/api/v1/contacts', { q: '澜沧' })).json().items.map((c: { id: number }) => c.id),
    ).toEqual([contact.id]);

    await t.admin.patch(`/api/v1/contacts/${contact.id}`, { name: '欧阳沧浪' });
    expect(await candidates(t, 'contacts', '澜沧')).toBe(0);
    expect((await t.admin.get('/api/v1/contacts', { q: '沧浪' })).json().total).toBe(1);

    await t.admin.delete(`/api/v1/contacts/${contact.id}`);
    expect((await t.admin.get('/api/v1/contacts', { q: '沧浪' })).json().total).toBe(0);
    // Purged (the recycle bin deletes the row): the index forgets it.
    await sql`delete from contacts where id = ${contact.id}`.execute(t.database.db);
    expect(await candidates(t, 'contacts', '沧浪')).toBe(0);
  });

  it('find tickets, opportunities and orders by a two-character fragment through the index', async () => {
    const ticket = (
      await t.admin.post('/api/v1/tickets', { type: 'repair', customerId: customer.id, subject: '卷帘门电机异响' })
    ).json();
    const opportunity = (
      await t.admin.post('/api/v1/opportunities', { name: '冷库改造项目', customerId: customer.id })
    ).json();
    const order = (
      await t.admin.post('/api/v1/orders', {
        title: '冷链设备采购',
        customerId: customer.id,
        lines: [{ name: '设备', quantity: '1', unitPrice: '100', taxRate: '13' }],
      })
    ).json();
    expect(await candidates(t, 'tickets', '电机')).toBe(1);
    expect(await candidates(t, 'opportunities', '冷库')).toBe(1);
    expect(await candidates(t, 'orders', '冷链')).toBe(1);
    expect(await candidates(t, 'orders', order.number.slice(-6))).toBe(1);
    expect((await t.admin.get('/api/v1/tickets', { q: '电机' })).json().items[0].id).toBe(ticket.id);
    expect((await t.admin.get('/api/v1/opportunities', { q: '冷库' })).json().items[0].id).toBe(opportunity.id);
    expect((await t.admin.get('/api/v1/orders', { q: '冷链' })).json().items[0].id).toBe(order.id);
    expect((await t.admin.get('/api/v1/orders', { q: order.number })).json().total).toBe(1);

    await t.admin.patch(`/api/v1/tickets/${ticket.id}`, { subject: '卷帘门遥控失灵' });
    expect(await candidates(t, 'tickets', '电机')).toBe(0);
    expect((await t.admin.get('/api/v1/tickets', { q: '遥控' })).json().total).toBe(1);

    // Full-width and half-width brackets are one character to the search, however typed or stored.
    await t.admin.post('/api/v1/opportunities', { name: '冷库（二期）', customerId: customer.id });
    expect((await t.admin.get('/api/v1/opportunities', { q: '库(二' })).json().total).toBe(1);
    expect((await t.admin.get('/api/v1/opportunities', { q: '库（二' })).json().total).toBe(1);

    const { groups } = (await t.admin.get('/api/v1/search', { q: '冷' })).json();
    expect(groups.map((g: { type: string }) => g.type)).toEqual(expect.arrayContaining(['opportunities', 'orders']));
  });

  it('serve a fragment found in many contacts in list order, counted up to the cap, and a rare one exactly', async () => {
    // More contacts than the index's candidate limit (5 000) and the search count's cap (1 000).
    const now = nowIso();
    const rows = Array.from({ length: 5600 }, (_, i) => {
      const name = `常见联系人${i}${i % 50 === 0 ? '罕见' : ''}`;
      return {
        customerId: customer.id,
        name,
        gender: 'unknown',
        isPrimary: 0,
        ownerId: t.admin.userId,
        departmentId: null,
        searchText: searchDocument([name]).text,
        createdAt: now,
        updatedAt: now,
      };
    });
    await t.database.db.transaction().execute((trx) => insertRows(trx, 'contacts', rows));
    if (dialect === 'postgres') await sql`analyze contacts`.execute(t.database.db);
    expect(await searchBreadth(t.database.db, dialect, searchTargets.contacts, '常见联系')).toBe('many');
    expect(await searchBreadth(t.database.db, dialect, searchTargets.contacts, '罕见')).toBe('few');

    const many = (await t.admin.get('/api/v1/contacts', { q: '常见联系', pageSize: 20 })).json();
    expect(many).toMatchObject({ total: 1000, totalCapped: true });
    expect(many.items).toHaveLength(20);
    expect((await t.admin.get('/api/v1/contacts', { q: '常见联系', count: 'exact' })).json().total).toBe(5600);
    const rare = (await t.admin.get('/api/v1/contacts', { q: '罕见', pageSize: 200 })).json();
    expect(rare.total).toBe(112);
    expect(rare.items.every((c: { name: string }) => c.name.includes('罕见'))).toBe(true);
    // A fragment no contact holds is answered by the index alone.
    expect((await t.admin.get('/api/v1/contacts', { q: '无此名称' })).json().total).toBe(0);
  });
});
