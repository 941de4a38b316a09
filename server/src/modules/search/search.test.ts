import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../test/app.ts';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient } from '../../../test/factories.ts';
import { searchTerm } from './search.service.ts';

type Group = { type: string; total: number; items: Array<{ id: number; type: string; title: string; url: string }> };

async function groupsOf(client: Client, query: Record<string, string | number>): Promise<Group[]> {
  const response = await client.get('/api/v1/search', query);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().groups;
}
const titles = (groups: Group[], type: string) =>
  groups
    .find((g) => g.type === type)
    ?.items.map((i) => i.title)
    .sort() ?? [];

describe('reading a phone number typed any way', () => {
  it('searches its digits, without the country code, and anything else as typed', () => {
    expect(searchTerm('+86 138-0013 8000')).toEqual({ term: '13800138000', phone: true });
    expect(searchTerm('0086 13800138000')).toEqual({ term: '13800138000', phone: true });
    expect(searchTerm('(0755) 8888')).toEqual({ term: '07558888', phone: true });
    expect(searchTerm('8613800138000')).toEqual({ term: '8613800138000', phone: true });
    expect(searchTerm('123')).toEqual({ term: '123', phone: false });
    expect(searchTerm(' 龙腾 ')).toEqual({ term: '龙腾', phone: false });
  });
});

describe.each(testDialects)('global search on %s', (dialect) => {
  let t: TestApp;
  let rep: Client;
  let otherRep: Client;
  let manager: Client;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const east = await createDepartment(t, '搜索东区');
    const west = await createDepartment(t, '搜索西区');
    rep = await createUserClient(t, 'sales_rep', east);
    manager = await createUserClient(t, 'sales_manager', east);
    otherRep = await createUserClient(t, 'sales_rep', west);
  });
  afterAll(async () => t?.close());

  it('finds every kind of record by name, number, phone digits and email, grouped by kind, as the caller may see them', async () => {
    const customer = await createCustomer(rep, {
      name: '深圳龙腾科技有限公司',
      phone: '+86 138-0013-8000',
      email: 'info@longteng.example',
      province: '广东省',
      city: '深圳市',
    });
    await createCustomer(otherRep, { name: '龙腾贸易（西区）' });
    const contact = (
      await rep.post('/api/v1/contacts', { customerId: customer.id, name: '王龙腾', mobile: '139 1234-5678' })
    ).json();
    await rep.post('/api/v1/leads', { name: '龙腾线索', company: '龙腾集团' });
    const opportunity = (
      await rep.post('/api/v1/opportunities', { name: '龙腾扩容项目', customerId: customer.id, amount: '5000' })
    ).json();
    const ticket = (
      await t.admin.post('/api/v1/tickets', {
        type: 'repair',
        customerId: customer.id,
        subject: '龙腾打印机卡纸',
        requesterPhone: '0755-8888-1234',
      })
    ).json();
    await t.admin.post('/api/v1/kb/articles', { title: '龙腾设备保养', body: '<p>每季度一次</p>', category: 'faq' });

    const found = await groupsOf(t.admin, { q: '龙腾' });
    expect(found.map((g) => g.type)).toEqual([
      'customers',
      'contacts',
      'leads',
      'opportunities',
      'tickets',
      'articles',
    ]);
    expect(titles(found, 'customers')).toEqual(['深圳龙腾科技有限公司', '龙腾贸易（西区）']);
    expect(found.find((g) => g.type === 'opportunities')?.items[0]).toMatchObject({
      id: opportunity.id,
      type: 'opportunities',
      url: `/opportunities/${opportunity.id}`,
    });

    // A rep finds only what the rep's lists show.
    const mine = await groupsOf(rep, { q: '龙腾' });
    expect(titles(mine, 'customers')).toEqual(['深圳龙腾科技有限公司']);
    expect(mine.find((g) => g.type === 'customers')?.total).toBe(1);
    expect(mine.map((g) => g.type)).not.toContain('tickets');
    expect(titles(await groupsOf(otherRep, { q: '深圳龙腾' }), 'customers')).toEqual([]);
    expect(titles(await groupsOf(manager, { q: '龙腾' }), 'customers')).toEqual(['深圳龙腾科技有限公司']);

    // Phone numbers by any four or more of their digits, typed with or without +86, spaces or dashes.
    expect(titles(await groupsOf(rep, { q: '0013 8000' }), 'customers')).toEqual(['深圳龙腾科技有限公司']);
    expect(titles(await groupsOf(rep, { q: '+86 139-1234' }), 'contacts')).toEqual(['王龙腾']);
    const byTicketPhone = await groupsOf(t.admin, { q: '0755 8888 1234' });
    expect(byTicketPhone.find((g) => g.type === 'tickets')?.items.map((i) => i.id)).toEqual([ticket.id]);
    expect(titles(await groupsOf(rep, { q: 'info@longteng' }), 'customers')).toEqual(['深圳龙腾科技有限公司']);
    expect(titles(await groupsOf(rep, { q: customer.code }), 'customers')).toEqual(['深圳龙腾科技有限公司']);

    // Only the kinds asked for.
    const contactsOnly = await groupsOf(rep, { q: '龙腾', types: 'contacts' });
    expect(contactsOnly).toEqual([
      {
        type: 'contacts',
        total: 1,
        items: [expect.objectContaining({ id: contact.id, url: `/customers/${customer.id}` })],
      },
    ]);
  });

  it('shows a few of each kind and counts them all', async () => {
    for (let i = 0; i < 7; i++) await createCustomer(rep, { name: `计数客户${i}号` });
    const [group] = await groupsOf(rep, { q: '计数客户', types: 'customers', limit: 5 });
    expect(group.items).toHaveLength(5);
    expect(group.total).toBe(7);
  });

  it('searches contact details only for those who may read them', async () => {
    const role = (
      await t.admin.post('/api/v1/roles', {
        name: '看不到电话的销售',
        permissions: ['customers.view', 'customers.create'],
        dataScopes: { customers: 'all' },
        fieldRules: { 'customers.phone': 'hidden' },
      })
    ).json();
    const dept = await createDepartment(t, '无电话部');
    const hidden = await createUserClient(t, 'readonly', dept, { roleIds: [role.id] });
    await createCustomer(t.admin, { name: '保密电话客户', phone: '13700009999' });
    expect(titles(await groupsOf(t.admin, { q: '13700009999' }), 'customers')).toEqual(['保密电话客户']);
    expect(await groupsOf(hidden, { q: '13700009999' })).toEqual([]);
    expect(titles(await groupsOf(hidden, { q: '保密电话' }), 'customers')).toEqual(['保密电话客户']);
  });

  it('refuses a query it cannot take with field messages', async () => {
    const refused: Array<[Record<string, string | number>, string]> = [
      [{}, 'q'],
      [{ q: '' }, 'q'],
      [{ q: 'x', limit: 0 }, 'limit'],
      [{ q: 'x', limit: 21 }, 'limit'],
      [{ q: 'x', types: 'planets' }, 'types.0'],
    ];
    for (const [query, field] of refused) {
      const response = await rep.get('/api/v1/search', query);
      expect(response.statusCode).toBe(400);
      const { error } = response.json();
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(error.fields)).toEqual([field]);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/search?q=x' })).statusCode).toBe(401);
  });
});
