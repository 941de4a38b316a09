import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createUserClient } from '../../../test/factories.ts';

const inDays = (days: number) => {
  const d = new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000);
  return `1990-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
};

describe.each(testDialects)('contacts on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('creates a contact with anniversaries on a customer, one primary per customer', async () => {
    const customer = await createCustomer(t.admin);
    const first = await t.admin.post('/api/v1/contacts', {
      customerId: customer.id,
      name: '张伟',
      mobile: '13800001111',
      isPrimary: true,
    });
    expect(first.statusCode).toBe(201);
    const second = await t.admin.post('/api/v1/contacts', {
      customerId: customer.id,
      name: '刘洋',
      isPrimary: true,
      anniversaries: [{ type: 'birthday', date: '1988-05-20', remindDaysBefore: 7 }],
    });
    expect(second.json()).toMatchObject({
      customerName: customer.name,
      isPrimary: true,
      anniversaries: [{ type: 'birthday', date: '1988-05-20', remindDaysBefore: 7 }],
    });
    expect((await t.admin.get(`/api/v1/contacts/${first.json().id}`)).json().isPrimary).toBe(false);
    const list = (await t.admin.get('/api/v1/contacts', { customerId: customer.id })).json();
    expect(list.total).toBe(2);
  });

  it('lists upcoming anniversaries soonest first', async () => {
    const customer = await createCustomer(t.admin);
    await t.admin.post('/api/v1/contacts', {
      customerId: customer.id,
      name: '近',
      anniversaries: [{ type: 'birthday', date: inDays(2) }],
    });
    await t.admin.post('/api/v1/contacts', {
      customerId: customer.id,
      name: '远',
      anniversaries: [{ type: 'birthday', date: inDays(100) }],
    });
    const upcoming = (await t.admin.get('/api/v1/contacts/anniversaries/upcoming', { days: 30 })).json();
    const names = upcoming.map((a: { contactName: string }) => a.contactName);
    expect(names).toContain('近');
    expect(names).not.toContain('远');
    expect(upcoming.find((a: { contactName: string }) => a.contactName === '近').daysLeft).toBeLessThanOrEqual(3);
  });

  it("requires a visible customer and hides colleagues' contacts", async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const colleague = await createUserClient(t, 'sales_rep');
    const theirs = await createCustomer(colleague);
    const create = await rep.post('/api/v1/contacts', { customerId: theirs.id, name: 'X' });
    expect(create.statusCode).toBe(400);
    expect(create.json().error.fields).toHaveProperty('customerId');
    const contact = (await colleague.post('/api/v1/contacts', { customerId: theirs.id, name: 'Y' })).json();
    expect((await rep.get(`/api/v1/contacts/${contact.id}`)).statusCode).toBe(404);
    expect((await t.admin.post('/api/v1/contacts', { name: 'no customer' })).json().error.fields).toHaveProperty(
      'customerId',
    );
    const reader = await createUserClient(t, 'readonly');
    expect((await reader.post('/api/v1/contacts', { customerId: theirs.id, name: 'Z' })).statusCode).toBe(403);
  });

  it('takes a mobile number in the mobile field and a landline only in the phone field', async () => {
    const customer = await createCustomer(t.admin);
    const landlineAsMobile = await t.admin.post('/api/v1/contacts', {
      customerId: customer.id,
      name: '座机',
      mobile: '0755-86001234',
    });
    expect(landlineAsMobile.statusCode).toBe(400);
    expect(landlineAsMobile.json().error.fields.mobile).toBeTruthy();
    const right = await t.admin.post('/api/v1/contacts', {
      customerId: customer.id,
      name: '座机',
      mobile: '+86 138 0013 8000',
      phone: '0755-86001234',
    });
    expect(right.statusCode).toBe(201);
  });

  it('searches contacts by name and mobile fragment and deletes to the recycle bin', async () => {
    const customer = await createCustomer(t.admin);
    const contact = (
      await t.admin.post('/api/v1/contacts', { customerId: customer.id, name: '欧阳修远', mobile: '13655556666' })
    ).json();
    expect(
      (await t.admin.get('/api/v1/contacts', { q: '阳修' })).json().items.map((c: { id: number }) => c.id),
    ).toContain(contact.id);
    expect(
      (await t.admin.get('/api/v1/contacts', { q: '5555' })).json().items.map((c: { id: number }) => c.id),
    ).toContain(contact.id);
    expect((await t.admin.delete(`/api/v1/contacts/${contact.id}`)).statusCode).toBe(204);
    const bin = (await t.admin.get('/api/v1/recycle-bin', { entity: 'contacts' })).json();
    expect(bin.items.map((i: { id: number }) => i.id)).toContain(contact.id);
  });

  it("keeps each contact's customer name through a rename, a move and a merge", async () => {
    const names = async (ids: number[]) =>
      (await Promise.all(ids.map((id) => t.admin.get(`/api/v1/contacts/${id}`)))).map((r) => r.json().customerName);
    const stored = async (ids: number[]) =>
      (
        await t.database.db
          .selectFrom('contacts')
          .select(['id', 'customerName'])
          .where('id', 'in', ids)
          .orderBy('id')
          .execute()
      ).map((r) => r.customerName);
    const first = await createCustomer(t.admin, { name: '乙字号贸易' });
    const second = await createCustomer(t.admin, { name: '甲字号贸易' });
    const add = async (customerId: number, name: string) =>
      (await t.admin.post('/api/v1/contacts', { customerId, name })).json().id as number;
    const a = await add(first.id, '甲一');
    const b = await add(second.id, '乙一');
    expect(await stored([a, b])).toEqual(['乙字号贸易', '甲字号贸易']);

    expect((await t.admin.patch(`/api/v1/customers/${first.id}`, { name: '丙字号贸易' })).statusCode).toBe(200);
    expect(await names([a, b])).toEqual(['丙字号贸易', '甲字号贸易']);
    expect(await stored([a])).toEqual(['丙字号贸易']);

    expect((await t.admin.patch(`/api/v1/contacts/${a}`, { customerId: second.id })).statusCode).toBe(200);
    expect(await stored([a])).toEqual(['甲字号贸易']);

    const third = await createCustomer(t.admin, { name: '丁字号贸易' });
    const c = await add(third.id, '丁一');
    const merged = await t.admin.post(`/api/v1/customers/${second.id}/merge`, { sourceId: third.id });
    expect(merged.statusCode).toBe(200);
    expect(await stored([a, b, c])).toEqual(['甲字号贸易', '甲字号贸易', '甲字号贸易']);

    const stale = await t.database.db
      .selectFrom('contacts')
      .innerJoin('customers', 'customers.id', 'contacts.customerId')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .whereRef('contacts.customerName', '!=', 'customers.name')
      .executeTakeFirstOrThrow();
    expect(Number(stale.n)).toBe(0);
  });
});
