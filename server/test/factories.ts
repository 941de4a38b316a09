import type { BuiltInRoleCode } from '@relate/common';
import type { Client, TestApp } from './app.ts';

export const userPassword = 'Passw0rd1';

let sequence = 0;
export const unique = (prefix: string) => `${prefix}${++sequence}${Math.random().toString(36).slice(2, 6)}`;

export async function roleId(t: TestApp, code: BuiltInRoleCode): Promise<number> {
  const row = await t.database.db.selectFrom('roles').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return row.id;
}

export async function rootDepartmentId(t: TestApp): Promise<number> {
  const row = await t.database.db
    .selectFrom('departments')
    .select('id')
    .where('parentId', 'is', null)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function createDepartment(t: TestApp, name: string, parentId?: number): Promise<number> {
  const response = await t.admin.post('/api/v1/departments', {
    name,
    parentId: parentId ?? (await rootDepartmentId(t)),
  });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json().id;
}

/** Creates a user with a built-in role and returns a signed-in client for them. */
export async function createUserClient(
  t: TestApp,
  role: BuiltInRoleCode,
  departmentId?: number,
  extra: Record<string, unknown> = {},
): Promise<Client & { username: string }> {
  const username = unique('u');
  const response = await t.admin.post('/api/v1/users', {
    username,
    displayName: username,
    password: userPassword,
    departmentId: departmentId ?? (await rootDepartmentId(t)),
    roleIds: [await roleId(t, role)],
    locale: 'en',
    ...extra,
  });
  if (response.statusCode !== 201) throw new Error(response.body);
  return Object.assign(await t.login(username, userPassword), { username });
}

export async function createCustomer(client: Client, fields: Record<string, unknown> = {}) {
  const response = await client.post('/api/v1/customers', { name: unique('客户'), ...fields });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json();
}

export async function createLead(client: Client, fields: Record<string, unknown> = {}) {
  const response = await client.post('/api/v1/leads', { name: unique('线索'), ...fields });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json();
}

export async function createFollowup(client: Client, fields: Record<string, unknown>) {
  const response = await client.post('/api/v1/followups', {
    type: 'call',
    occurredAt: new Date().toISOString(),
    content: unique('跟进'),
    ...fields,
  });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json();
}
