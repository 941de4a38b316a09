import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createUserClient, roleId, unique } from '../../../test/factories.ts';

describe.each(testDialects)('roles on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('ships the built-in roles with stable codes', async () => {
    const codes = (await t.admin.get('/api/v1/roles')).json().map((r: { code: string }) => r.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'admin',
        'sales_manager',
        'sales_rep',
        'service_agent',
        'readonly',
        'finance',
        'marketing',
      ]),
    );
    const catalogue = (await t.admin.get('/api/v1/permissions')).json();
    expect(catalogue.modules.customers).toContain('assign');
  });

  it('ships a marketing role: campaigns, segments, templates, forms and scoring over every contact and lead, no money', async () => {
    const marketer = await createUserClient(t, 'marketing');
    const rep = await createUserClient(t, 'sales_rep');
    const customer = await createCustomer(rep);
    const contact = (
      await rep.post('/api/v1/contacts', { customerId: customer.id, name: unique('联系人'), email: 'm@example.com' })
    ).json();
    const lead = (await rep.post('/api/v1/leads', { name: unique('线索'), company: unique('公司') })).json();
    // Everyone's contacts and leads, for segments and campaigns.
    expect((await marketer.get(`/api/v1/contacts/${contact.id}`)).statusCode).toBe(200);
    expect((await marketer.get(`/api/v1/leads/${lead.id}`)).statusCode).toBe(200);
    const campaign = await marketer.post('/api/v1/campaigns', { name: unique('活动'), type: 'email' });
    expect(campaign.statusCode, campaign.body).toBe(201);
    const members = await marketer.post(`/api/v1/campaigns/${campaign.json().id}/members`, {
      entity: 'contacts',
      ids: [contact.id],
    });
    expect(members.statusCode, members.body).toBe(200);
    const segment = await marketer.post('/api/v1/segments', {
      name: unique('分群'),
      entity: 'contacts',
      kind: 'static',
    });
    expect(segment.statusCode, segment.body).toBe(201);
    // Not the money: orders and receipts stay with sales and finance.
    expect((await marketer.get('/api/v1/orders')).statusCode).toBe(403);
    expect((await marketer.get('/api/v1/receipts')).statusCode).toBe(403);
    const catalogue = (await t.admin.get('/api/v1/roles')).json() as Array<{ code: string; permissions: string[] }>;
    const marketing = catalogue.find((r) => r.code === 'marketing')!;
    expect(marketing.permissions).toEqual(
      expect.arrayContaining(['webForms.manage', 'emailTemplates.manage', 'scoring.manage', 'assignmentRules.manage']),
    );
    expect(marketing.permissions).not.toContain('leads.convert');
  });

  it('changes take effect on the next request and are audited', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const colleague = await createUserClient(t, 'sales_rep');
    const customer = await createCustomer(colleague);
    expect((await rep.get(`/api/v1/customers/${customer.id}`)).statusCode).toBe(404);
    const salesRep = await roleId(t, 'sales_rep');
    await t.admin.patch(`/api/v1/roles/${salesRep}`, { dataScopes: { customers: 'all', contacts: 'own' } });
    expect((await rep.get(`/api/v1/customers/${customer.id}`)).statusCode).toBe(200);
    await t.admin.patch(`/api/v1/roles/${salesRep}`, { dataScopes: { customers: 'own', contacts: 'own' } });
    const audit = (await t.admin.get('/api/v1/audit-logs', { entity: 'roles', entityId: salesRep })).json();
    expect(audit.items[0].action).toBe('permission_change');
  });

  it('rejects unknown permissions, and deleting built-in or used roles', async () => {
    const bad = await t.admin.post('/api/v1/roles', { name: 'X', permissions: ['customers.fly'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('permissions.0');
    expect((await t.admin.delete(`/api/v1/roles/${await roleId(t, 'readonly')}`)).statusCode).toBe(400);
    const custom = (
      await t.admin.post('/api/v1/roles', { name: unique('自定义'), permissions: ['customers.view'] })
    ).json();
    expect((await t.admin.delete(`/api/v1/roles/${custom.id}`)).statusCode).toBe(204);
  });

  it('refuses a second role of the same name, built-in ones included, in either language', async () => {
    const builtIn = await t.admin.post('/api/v1/roles', { name: '财务', permissions: [] });
    expect(builtIn.statusCode).toBe(400);
    expect(builtIn.json().error.fields.name).toBeTruthy();
    const english = await t.admin.post('/api/v1/roles', { name: unique('仓管'), nameEn: 'finance', permissions: [] });
    expect(english.json().error.fields.nameEn).toBeTruthy();
    const first = (await t.admin.post('/api/v1/roles', { name: unique('质检'), permissions: [] })).json();
    const second = (await t.admin.post('/api/v1/roles', { name: unique('质检'), permissions: [] })).json();
    const renamed = await t.admin.patch(`/api/v1/roles/${second.id}`, { name: first.name });
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json().error.code).toBeTruthy();
    // Saving a role with its own name is no clash.
    expect((await t.admin.patch(`/api/v1/roles/${first.id}`, { name: first.name })).statusCode).toBe(200);
  });

  it('needs roles.manage', async () => {
    const manager = await createUserClient(t, 'sales_manager');
    expect((await manager.post('/api/v1/roles', { name: 'X', permissions: [] })).statusCode).toBe(403);
  });

  it('sets a data scope for every owned module, and a change of name keeps the rest', async () => {
    const created = (
      await t.admin.post('/api/v1/roles', {
        name: '电销',
        permissions: ['leads.view', 'tasks.view'],
        dataScopes: { leads: 'department', tasks: 'own', opportunities: 'department_tree' },
      })
    ).json();
    expect(created.dataScopes).toEqual({ leads: 'department', tasks: 'own', opportunities: 'department_tree' });
    const renamed = (await t.admin.patch(`/api/v1/roles/${created.id}`, { name: '电话销售' })).json();
    expect(renamed).toMatchObject({
      name: '电话销售',
      permissions: ['leads.view', 'tasks.view'],
      dataScopes: { leads: 'department', tasks: 'own', opportunities: 'department_tree' },
    });
    expect(
      (await t.admin.post('/api/v1/roles', { name: 'x', permissions: [], dataScopes: { gossip: 'all' } })).statusCode,
    ).toBe(400);
  });
});
