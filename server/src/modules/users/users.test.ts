import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import {
  createCustomer,
  createUserClient,
  roleId,
  rootDepartmentId,
  unique,
  userPassword,
} from '../../../test/factories.ts';

describe.each(testDialects)('users on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const newUser = async (extra: Record<string, unknown> = {}) => ({
    username: unique('user'),
    displayName: '新同事',
    password: 'Welcome123',
    departmentId: await rootDepartmentId(t),
    roleIds: [await roleId(t, 'sales_rep')],
    ...extra,
  });

  it('creates a user who can sign in, and lists them', async () => {
    const input = await newUser({ email: 'New@Example.com' });
    const created = await t.admin.post('/api/v1/users', input);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      username: input.username,
      email: 'new@example.com',
      status: 'active',
      roleIds: input.roleIds,
    });
    expect(created.json()).not.toHaveProperty('passwordHash');
    await t.login(input.username, 'Welcome123');
    const page = (await t.admin.get('/api/v1/users', { q: input.username })).json();
    expect(page.items).toHaveLength(1);
  });

  it('enforces unique usernames and the password policy', async () => {
    const input = await newUser();
    await t.admin.post('/api/v1/users', input);
    expect((await t.admin.post('/api/v1/users', input)).json().error.fields).toHaveProperty('username');
    const weak = await t.admin.post('/api/v1/users', await newUser({ password: 'abcdefgh' }));
    expect(weak.json().error.fields.password).toBeDefined();
    const noRole = await t.admin.post('/api/v1/users', await newUser({ roleIds: [] }));
    expect(noRole.json().error.fields).toHaveProperty('roleIds');
  });

  it('disables a user, ending their sessions, and resets a password', async () => {
    const user = await createUserClient(t, 'sales_rep');
    expect((await t.admin.patch(`/api/v1/users/${user.userId}`, { status: 'disabled' })).json().status).toBe(
      'disabled',
    );
    expect((await user.get('/api/v1/auth/me')).statusCode).toBe(401);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: user.username, password: userPassword },
    });
    expect(login.json().error.code).toBe('ACCOUNT_DISABLED');
    await t.admin.patch(`/api/v1/users/${user.userId}`, { status: 'active' });
    expect((await t.admin.post(`/api/v1/users/${user.userId}/password`, { password: 'Reset2026x' })).json()).toEqual({
      apiKeysRevoked: 0,
    });
    await t.login(user.username, 'Reset2026x');
  });

  it('hands over every customer and contact of a leaving user, with an audit row each', async () => {
    const leaving = await createUserClient(t, 'sales_rep');
    const successor = await createUserClient(t, 'sales_rep');
    const a = await createCustomer(leaving);
    const b = await createCustomer(leaving);
    await leaving.post('/api/v1/contacts', { customerId: a.id, name: '赵六' });
    await t.admin.patch(`/api/v1/users/${leaving.userId}`, { status: 'disabled' });
    const result = await t.admin.post(`/api/v1/users/${leaving.userId}/handover`, { toUserId: successor.userId });
    expect(result.json()).toEqual({
      moved: {
        customers: 2,
        contacts: 1,
        leads: 0,
        opportunities: 0,
        tasks: 0,
        quotes: 0,
        orders: 0,
        contracts: 0,
        followups: 0,
        tickets: 0,
        workOrders: 0,
        campaigns: 0,
        callLists: 0,
      },
    });
    const mine = (await successor.get('/api/v1/customers')).json().items.map((c: { id: number }) => c.id);
    expect(mine).toEqual(expect.arrayContaining([a.id, b.id]));
    const audit = (await t.admin.get('/api/v1/audit-logs', { action: 'handover', entity: 'customers' })).json();
    expect(audit.items.map((r: { entityId: number }) => r.entityId)).toEqual(expect.arrayContaining([a.id, b.id]));
    const leftOver = await t.database.db
      .selectFrom('customers')
      .select('id')
      .where('ownerId', '=', leaving.userId)
      .execute();
    expect(leftOver).toHaveLength(0);
  });

  it('refuses a handover to a disabled user or to oneself, and without org.manage', async () => {
    const from = await createUserClient(t, 'sales_rep');
    const disabled = await createUserClient(t, 'sales_rep');
    await t.admin.patch(`/api/v1/users/${disabled.userId}`, { status: 'disabled' });
    expect(
      (await t.admin.post(`/api/v1/users/${from.userId}/handover`, { toUserId: disabled.userId })).json().error.fields,
    ).toHaveProperty('toUserId');
    expect((await t.admin.post(`/api/v1/users/${from.userId}/handover`, { toUserId: from.userId })).statusCode).toBe(
      400,
    );
    expect((await from.post(`/api/v1/users/${from.userId}/handover`, { toUserId: t.admin.userId })).statusCode).toBe(
      403,
    );
    expect((await t.admin.post('/api/v1/users/999999/handover', { toUserId: from.userId })).statusCode).toBe(404);
  });

  it("takes a user's records along when they move to another department", async () => {
    const { createDepartment } = await import('../../../test/factories.ts');
    const from = await createDepartment(t, unique('旧部门'));
    const to = await createDepartment(t, unique('新部门'));
    const rep = await createUserClient(t, 'sales_rep', from);
    const newManager = await createUserClient(t, 'sales_manager', to);
    const customer = await createCustomer(rep);
    expect((await newManager.get(`/api/v1/customers/${customer.id}`)).statusCode).toBe(404);
    await t.admin.patch(`/api/v1/users/${rep.userId}`, { departmentId: to });
    expect((await newManager.get(`/api/v1/customers/${customer.id}`)).json().departmentId).toBe(to);
    expect((await rep.get(`/api/v1/customers/${customer.id}`)).statusCode).toBe(200);
  });
});
