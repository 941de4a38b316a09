import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import {
  createCustomer,
  createDepartment,
  createFollowup,
  createLead,
  createUserClient,
  unique,
} from '../../../test/factories.ts';

describe.each(testDialects)('leads on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('creates, finds by a Chinese fragment or phone digits, filters and edits a lead', async () => {
    const company = `${unique('')}星辰网络科技有限公司`;
    const lead = await createLead(t.admin, {
      name: '赵敏',
      company,
      mobile: '139-1234-5678',
      source: 'website',
      score: 70,
    });
    expect(lead).toMatchObject({
      code: expect.stringMatching(/^L\d{6}$/),
      status: 'new',
      score: 70,
      ownerId: t.admin.userId,
    });
    for (const q of ['星辰网络', '12345678', '赵敏']) {
      expect(
        (await t.admin.get('/api/v1/leads', { q })).json().items.map((l: { id: number }) => l.id),
        q,
      ).toContain(lead.id);
    }
    expect(
      (await t.admin.get('/api/v1/leads', { q: '星辰', status: 'qualified' }))
        .json()
        .items.map((l: { id: number }) => l.id),
    ).not.toContain(lead.id);
    expect(
      (await t.admin.get('/api/v1/leads', { scoreMin: 71 })).json().items.map((l: { id: number }) => l.id),
    ).not.toContain(lead.id);
    const edited = await t.admin.patch(`/api/v1/leads/${lead.id}`, { status: 'contacting', title: '采购总监' });
    expect(edited.json()).toMatchObject({ status: 'contacting', title: '采购总监' });
  });

  it('asks a reason to disqualify, and converts only through conversion', async () => {
    const lead = await createLead(t.admin);
    const noReason = await t.admin.patch(`/api/v1/leads/${lead.id}`, { status: 'disqualified' });
    expect(noReason.json().error.fields).toHaveProperty('disqualifyReason');
    expect(
      (
        await t.admin.patch(`/api/v1/leads/${lead.id}`, { status: 'disqualified', disqualifyReason: '预算不足' })
      ).json(),
    ).toMatchObject({ status: 'disqualified', disqualifyReason: '预算不足' });
    expect(
      (await t.admin.patch(`/api/v1/leads/${lead.id}`, { status: 'converted' })).json().error.fields,
    ).toHaveProperty('status');
    const bad = await t.admin.post('/api/v1/leads', {
      name: '',
      email: 'not-mail',
      score: 101,
      source: 'carrier-pigeon',
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['email', 'name', 'score']);
    expect(
      (await t.admin.post('/api/v1/leads', { name: '某人', source: 'carrier-pigeon' })).json().error.fields,
    ).toHaveProperty('source');
  });

  it('finds duplicates among leads, customers and contacts, hiding what the caller may not see', async () => {
    const phone = `1370000${String(Date.now()).slice(-4)}`;
    const customer = await createCustomer(t.admin, { name: `${unique('')}海蓝贸易有限公司` });
    await t.admin.post('/api/v1/contacts', { customerId: customer.id, name: '钱七', mobile: phone });
    await createLead(t.admin, { name: '孙八', company: customer.name, email: 'sun@hailan.cn' });
    const rep = await createUserClient(t, 'sales_rep');
    const found = (
      await rep.post('/api/v1/leads/duplicates', {
        company: customer.name.replace('有限公司', ''),
        mobile: phone,
        email: 'SUN@hailan.cn',
      })
    ).json();
    const byEntity = Object.fromEntries(found.map((d: { entity: string }) => [d.entity, d]));
    expect(byEntity.customers).toMatchObject({ visible: false, id: null, name: customer.name, matchedOn: ['company'] });
    expect(byEntity.contacts).toMatchObject({ visible: false, name: '钱七', matchedOn: ['phone'] });
    expect(byEntity.leads).toMatchObject({ visible: false, name: '孙八', matchedOn: ['company', 'email'] });
  });

  it('converts a lead into a customer and contact, with its follow-ups, once', async () => {
    const lead = await createLead(t.admin, {
      name: '周九',
      company: `${unique('')}云杉软件有限公司`,
      mobile: '13912340000',
      email: 'zhou@yunshan.cn',
      industry: 'it',
      title: 'CTO',
    });
    const followup = await createFollowup(t.admin, { leadId: lead.id, content: '电话初步沟通' });
    const response = await t.admin.post(`/api/v1/leads/${lead.id}/convert`, {});
    expect(response.statusCode).toBe(200);
    const result = response.json();
    expect(result).toMatchObject({ leadId: lead.id, customerCreated: true, opportunityId: null });
    const customer = (await t.admin.get(`/api/v1/customers/${result.customerId}`)).json();
    expect(customer).toMatchObject({
      name: lead.company,
      industry: 'it',
      type: 'company',
      lastFollowupAt: followup.occurredAt,
    });
    const contact = (await t.admin.get(`/api/v1/contacts/${result.contactId}`)).json();
    expect(contact).toMatchObject({
      name: '周九',
      title: 'CTO',
      mobile: '13912340000',
      isPrimary: true,
      customerId: customer.id,
    });
    expect((await t.admin.get(`/api/v1/followups/${followup.id}`)).json()).toMatchObject({
      customerId: customer.id,
      contactId: contact.id,
    });
    const timeline = (await t.admin.get(`/api/v1/customers/${customer.id}/timeline`)).json();
    expect(
      timeline.items.some((e: { kind: string; followup?: { id: number } }) => e.followup?.id === followup.id),
    ).toBe(true);
    expect(
      timeline.items.some(
        (e: { change?: { action: string; entity: string } }) =>
          e.change?.action === 'convert' && e.change.entity === 'leads',
      ),
    ).toBe(true);
    expect((await t.admin.get(`/api/v1/leads/${lead.id}`)).json()).toMatchObject({
      status: 'converted',
      convertedCustomerId: customer.id,
      convertedContactId: contact.id,
    });
    const again = await t.admin.post(`/api/v1/leads/${lead.id}/convert`, {});
    expect(again.statusCode).toBe(400);
  });

  it('gives the contact the lead’s consent, unless the contact has answered since', async () => {
    const answered = async (
      leadId: number,
      channel: 'email' | 'sms',
      state: 'granted' | 'withdrawn',
      changedAt: string,
    ) =>
      t.database.db
        .insertInto('leadConsents')
        .values({ leadId, channel, state, source: 'web_form:expo', changedAt, changedBy: null })
        .execute();
    const lead = await createLead(t.admin, { name: '钱十三', company: `${unique('')}青松贸易`, email: 'qian@qs.cn' });
    await answered(lead.id, 'email', 'granted', '2026-03-01T08:00:00.000Z');
    await answered(lead.id, 'sms', 'withdrawn', '2026-03-02T08:00:00.000Z');
    const { contactId } = (await t.admin.post(`/api/v1/leads/${lead.id}/convert`, {})).json();
    const consents = (await t.admin.get(`/api/v1/contacts/${contactId}/consents`)).json().items;
    expect(consents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          channel: 'email',
          state: 'granted',
          source: 'web_form:expo',
          at: '2026-03-01T08:00:00.000Z',
        }),
        expect.objectContaining({ channel: 'sms', state: 'withdrawn', source: 'web_form:expo' }),
      ]),
    );

    // A contact who withdrew after the lead consented stays withdrawn when a later lead is linked to them.
    const customer = await createCustomer(t.admin);
    const contact = (await t.admin.post('/api/v1/contacts', { customerId: customer.id, name: '孙十四' })).json();
    await t.admin.put(`/api/v1/contacts/${contact.id}/consents`, {
      channel: 'email',
      state: 'withdrawn',
      source: '电话',
    });
    const later = await createLead(t.admin, { name: '孙十四' });
    await answered(later.id, 'email', 'granted', '2026-01-01T08:00:00.000Z');
    await answered(later.id, 'sms', 'granted', '2026-01-01T08:00:00.000Z');
    const linked = await t.admin.post(`/api/v1/leads/${later.id}/convert`, {
      customerId: customer.id,
      contactId: contact.id,
    });
    expect(linked.statusCode).toBe(200);
    const kept = (await t.admin.get(`/api/v1/contacts/${contact.id}/consents`)).json().items;
    expect(kept).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ channel: 'email', state: 'withdrawn', source: '电话' }),
        expect.objectContaining({ channel: 'sms', state: 'granted', source: 'web_form:expo' }),
      ]),
    );
  });

  it('links a lead to an existing customer, and leaves nothing behind when conversion fails midway', async () => {
    const existing = await createCustomer(t.admin);
    const lead = await createLead(t.admin, { name: '吴十' });
    const linked = (await t.admin.post(`/api/v1/leads/${lead.id}/convert`, { customerId: existing.id })).json();
    expect(linked).toMatchObject({ customerId: existing.id, customerCreated: false });

    const other = await createCustomer(t.admin);
    const foreignContact = (await t.admin.post('/api/v1/contacts', { customerId: other.id, name: '外人' })).json();
    const second = await createLead(t.admin, { name: '郑十一' });
    const customerName = `${unique('')}不应存在的客户`;
    const failed = await t.admin.post(`/api/v1/leads/${second.id}/convert`, {
      customerName,
      contactId: foreignContact.id,
    });
    expect(failed.statusCode).toBe(400);
    expect(failed.json().error.fields).toHaveProperty('contactId');
    expect((await t.admin.get('/api/v1/customers', { q: customerName })).json().total).toBe(0);
    expect((await t.admin.get(`/api/v1/leads/${second.id}`)).json().status).toBe('new');
  });

  it('opens an opportunity on the customer in the same conversion, with the new contact on it', async () => {
    const lead = await createLead(t.admin, { name: '冯十二', company: `${unique('')}云帆物流`, source: 'website' });
    const response = await t.admin.post(`/api/v1/leads/${lead.id}/convert`, {
      createOpportunity: true,
      opportunity: { name: '仓储系统升级', amount: '128000.00', expectedCloseDate: '2027-03-31' },
    });
    expect(response.statusCode, response.body).toBe(200);
    const conversion = response.json();
    expect(conversion.opportunityId).toEqual(expect.any(Number));
    const opportunity = (await t.admin.get(`/api/v1/opportunities/${conversion.opportunityId}`)).json();
    expect(opportunity).toMatchObject({
      name: '仓储系统升级',
      customerId: conversion.customerId,
      amount: '128000.00',
      expectedCloseDate: '2027-03-31',
      ownerId: t.admin.userId,
    });
    expect(opportunity.contacts.map((c: { contactId: number }) => c.contactId)).toEqual([conversion.contactId]);

    // A bad opportunity undoes the whole conversion and names its field.
    const second = await createLead(t.admin, { name: '褚十三', company: `${unique('')}不应存在的公司` });
    const failed = await t.admin.post(`/api/v1/leads/${second.id}/convert`, {
      createOpportunity: true,
      opportunity: { name: '坏商机', pipelineId: 999_999 },
    });
    expect(failed.statusCode).toBe(400);
    expect(failed.json().error.fields).toHaveProperty(['opportunity.pipelineId']);
    expect((await t.admin.get(`/api/v1/leads/${second.id}`)).json().status).not.toBe('converted');
    expect((await t.admin.get('/api/v1/customers', { q: second.company })).json().total).toBe(0);
    expect(
      (await t.admin.post(`/api/v1/leads/${second.id}/convert`, { createOpportunity: true })).json().error.fields,
    ).toHaveProperty('opportunity');
  });

  it('keeps leads to their scope and conversion to those allowed', async () => {
    const team = await createDepartment(t, '线索组');
    const rep = await createUserClient(t, 'sales_rep', team);
    const colleague = await createUserClient(t, 'sales_rep', team);
    const readonly = await createUserClient(t, 'readonly');
    const lead = await createLead(rep);
    expect((await colleague.get(`/api/v1/leads/${lead.id}`)).statusCode).toBe(404);
    expect((await colleague.post(`/api/v1/leads/${lead.id}/convert`, {})).statusCode).toBe(404);
    expect((await readonly.get(`/api/v1/leads/${lead.id}`)).statusCode).toBe(200);
    expect((await readonly.post(`/api/v1/leads/${lead.id}/convert`, {})).statusCode).toBe(403);
    expect(
      (await rep.post('/api/v1/leads/assign', { ids: [lead.id], method: 'manual', ownerId: colleague.userId }))
        .statusCode,
    ).toBe(403);
    expect((await rep.post('/api/v1/leads', { name: 'x', ownerId: colleague.userId })).statusCode).toBe(403);
  });

  it('assigns by hand, by turns and by load, and tells each assignee', async () => {
    const team = await createDepartment(t, '电销组');
    const members = [
      await createUserClient(t, 'sales_rep', team),
      await createUserClient(t, 'sales_rep', team),
      await createUserClient(t, 'sales_rep', team),
    ];
    const leads = [];
    for (let i = 0; i < 4; i++) leads.push(await createLead(t.admin));
    const ids = leads.map((l) => l.id);

    const turns = (
      await t.admin.post('/api/v1/leads/assign', { ids: ids.slice(0, 2), method: 'round_robin', departmentId: team })
    ).json();
    const more = (
      await t.admin.post('/api/v1/leads/assign', { ids: ids.slice(2), method: 'round_robin', departmentId: team })
    ).json();
    expect([...turns.assigned, ...more.assigned].map((a: { ownerId: number }) => a.ownerId)).toEqual([
      members[0].userId,
      members[1].userId,
      members[2].userId,
      members[0].userId,
    ]);

    // Member 0 holds two open leads and the others one each, so the next two go to members 1 and 2.
    const fresh = [await createLead(t.admin), await createLead(t.admin)];
    const byLoad = (
      await t.admin.post('/api/v1/leads/assign', {
        ids: fresh.map((l) => l.id),
        method: 'least_loaded',
        departmentId: team,
      })
    ).json();
    expect(byLoad.assigned.map((a: { ownerId: number }) => a.ownerId).sort()).toEqual(
      [members[1].userId, members[2].userId].sort(),
    );

    const manual = await t.admin.post('/api/v1/leads/assign', {
      ids: [ids[0]],
      method: 'manual',
      ownerId: members[2].userId,
    });
    expect(manual.json().assigned).toEqual([{ leadId: ids[0], ownerId: members[2].userId }]);
    expect((await members[2].get(`/api/v1/leads/${ids[0]}`)).statusCode).toBe(200);

    const inbox = (await members[2].get('/api/v1/notifications')).json();
    expect(inbox.items.map((n: { kind: string; params: { count: number } }) => [n.kind, n.params.count])).toEqual([
      ['leadsAssigned', 1],
      ['leadsAssigned', 1],
      ['leadsAssigned', 1],
    ]);
    expect((await members[2].get('/api/v1/notifications/unread-count')).json()).toEqual({ unread: 3 });
    expect((await members[2].post(`/api/v1/notifications/${inbox.items[0].id}/read`)).statusCode).toBe(204);
    expect((await members[1].post(`/api/v1/notifications/${inbox.items[1].id}/read`)).statusCode).toBe(404);
    await members[2].post('/api/v1/notifications/read-all');
    expect((await members[2].get('/api/v1/notifications/unread-count')).json()).toEqual({ unread: 0 });

    const missing = await t.admin.post('/api/v1/leads/assign', { ids, method: 'round_robin' });
    expect(missing.json().error.fields).toHaveProperty('departmentId');
    const empty = await createDepartment(t, '空部门');
    expect(
      (await t.admin.post('/api/v1/leads/assign', { ids, method: 'least_loaded', departmentId: empty })).json().error
        .fields,
    ).toHaveProperty('departmentId');
  });

  it('hands a departing rep’s leads over with the rest of their records', async () => {
    const team = await createDepartment(t, '交接组');
    const leaving = await createUserClient(t, 'sales_rep', team);
    const taking = await createUserClient(t, 'sales_rep', team);
    const lead = await createLead(leaving);
    expect(
      (await t.admin.post(`/api/v1/users/${leaving.userId}/handover`, { toUserId: taking.userId })).statusCode,
    ).toBeLessThan(300);
    expect((await taking.get(`/api/v1/leads/${lead.id}`)).json().ownerId).toBe(taking.userId);
  });
});
