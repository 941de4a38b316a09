import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createFollowup, createUserClient } from '../../../test/factories.ts';

describe.each(testDialects)('follow-ups on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it("records a visit with a check-in and moves the customer's last and next follow-up times", async () => {
    const customer = await createCustomer(t.admin);
    const contact = (await t.admin.post('/api/v1/contacts', { customerId: customer.id, name: '王经理' })).json();
    const next = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const response = await t.admin.post('/api/v1/followups', {
      customerId: customer.id,
      contactId: contact.id,
      type: 'visit',
      occurredAt: '2026-11-20T10:30:00+08:00',
      content: '上门演示产品',
      result: '客户有兴趣',
      nextStep: '发送报价',
      nextFollowupAt: next,
      checkIn: { latitude: 22.5431, longitude: 114.0579, address: '深圳市南山区' },
    });
    expect(response.statusCode).toBe(201);
    const followup = response.json();
    expect(followup).toMatchObject({
      customerId: customer.id,
      customerName: customer.name,
      contactId: contact.id,
      occurredAt: '2026-11-20T02:30:00.000Z',
      checkIn: { latitude: 22.5431, longitude: 114.0579, address: '深圳市南山区' },
      ownerId: t.admin.userId,
    });
    const after = (await t.admin.get(`/api/v1/customers/${customer.id}`)).json();
    expect(after.lastFollowupAt).toBe('2026-11-20T02:30:00.000Z');
    expect(after.nextFollowupAt).toBe(next);

    const listed = (await t.admin.get('/api/v1/followups', { customerId: customer.id })).json();
    expect(listed.items.map((f: { id: number }) => f.id)).toEqual([followup.id]);

    expect((await t.admin.delete(`/api/v1/followups/${followup.id}`)).statusCode).toBe(204);
    const cleared = (await t.admin.get(`/api/v1/customers/${customer.id}`)).json();
    expect(cleared).toMatchObject({ lastFollowupAt: null, nextFollowupAt: null });
  });

  it('rejects bad input field by field', async () => {
    const customer = await createCustomer(t.admin);
    const other = await createCustomer(t.admin);
    const otherContact = (await t.admin.post('/api/v1/contacts', { customerId: other.id, name: '李四' })).json();
    const missing = await t.admin.post('/api/v1/followups', {
      customerId: customer.id,
      type: 'call',
      occurredAt: 'yesterday',
    });
    expect(missing.statusCode).toBe(400);
    expect(Object.keys(missing.json().error.fields).sort()).toEqual(['content', 'occurredAt']);
    const both = await t.admin.post('/api/v1/followups', {
      type: 'call',
      occurredAt: new Date().toISOString(),
      content: 'x',
    });
    expect(both.json().error.fields).toHaveProperty('customerId');
    const unknownType = await t.admin.post('/api/v1/followups', {
      customerId: customer.id,
      type: 'telepathy',
      occurredAt: new Date().toISOString(),
      content: 'x',
    });
    expect(unknownType.json().error.fields).toHaveProperty('type');
    const wrongContact = await t.admin.post('/api/v1/followups', {
      customerId: customer.id,
      contactId: otherContact.id,
      type: 'call',
      occurredAt: new Date().toISOString(),
      content: 'x',
    });
    expect(wrongContact.json().error.fields).toHaveProperty('contactId');
  });

  it('lets people follow up only customers they can see, and change only follow-ups in their scope', async () => {
    const team = await createDepartment(t, '华南一组');
    const rep = await createUserClient(t, 'sales_rep', team);
    const colleague = await createUserClient(t, 'sales_rep', team);
    const manager = await createUserClient(t, 'sales_manager', team);
    const service = await createUserClient(t, 'service_agent');
    const readonly = await createUserClient(t, 'readonly');
    const customer = await createCustomer(rep);

    const hidden = await colleague.post('/api/v1/followups', {
      customerId: customer.id,
      type: 'call',
      occurredAt: new Date().toISOString(),
      content: 'x',
    });
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json().error.fields).toHaveProperty('customerId');
    expect(
      (
        await readonly.post('/api/v1/followups', {
          customerId: customer.id,
          type: 'call',
          occurredAt: new Date().toISOString(),
          content: 'x',
        })
      ).statusCode,
    ).toBe(403);

    const followup = await createFollowup(rep, { customerId: customer.id });
    expect((await colleague.get(`/api/v1/followups/${followup.id}`)).statusCode).toBe(404);
    expect((await colleague.patch(`/api/v1/followups/${followup.id}`, { content: 'mine now' })).statusCode).toBe(404);
    expect((await manager.patch(`/api/v1/followups/${followup.id}`, { content: '经理补充' })).statusCode).toBe(200);
    // A service agent sees every customer and its follow-ups but may not change a rep's notes.
    expect((await service.get(`/api/v1/followups/${followup.id}`)).statusCode).toBe(200);
    expect((await service.patch(`/api/v1/followups/${followup.id}`, { content: 'x' })).statusCode).toBe(403);
    expect((await service.get('/api/v1/followups', { customerId: customer.id })).json().total).toBe(1);

    const teamList = (await manager.get('/api/v1/followups')).json();
    expect(teamList.items.map((f: { id: number }) => f.id)).toContain(followup.id);
    expect((await colleague.get('/api/v1/followups')).json().items.map((f: { id: number }) => f.id)).not.toContain(
      followup.id,
    );
  });
});
