import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createDepartment, createUserClient } from '../../../test/factories.ts';

describe.each(testDialects)('departments on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('creates, renames and moves departments in a tree', async () => {
    const a = await createDepartment(t, '市场部');
    const b = await createDepartment(t, '品牌组', a);
    const renamed = await t.admin.patch(`/api/v1/departments/${b}`, { name: '品牌与公关组' });
    expect(renamed.json()).toMatchObject({ name: '品牌与公关组', parentId: a });
    const list = (await t.admin.get('/api/v1/departments')).json();
    expect(list.find((d: { id: number }) => d.id === b).parentId).toBe(a);
  });

  it('refuses to move a department below itself', async () => {
    const a = await createDepartment(t, '甲');
    const b = await createDepartment(t, '乙', a);
    const response = await t.admin.patch(`/api/v1/departments/${a}`, { parentId: b });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toHaveProperty('parentId');
  });

  it('deletes only an empty department', async () => {
    const parent = await createDepartment(t, '待删除');
    const child = await createDepartment(t, '子部门', parent);
    expect((await t.admin.delete(`/api/v1/departments/${parent}`)).json().error.code).toBe('DEPARTMENT_NOT_EMPTY');
    await createUserClient(t, 'sales_rep', child);
    expect((await t.admin.delete(`/api/v1/departments/${child}`)).statusCode).toBe(409);
    const empty = await createDepartment(t, '空部门');
    expect((await t.admin.delete(`/api/v1/departments/${empty}`)).statusCode).toBe(204);
  });

  it('needs org.manage to change the tree and validates input', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    expect((await rep.post('/api/v1/departments', { name: 'X' })).statusCode).toBe(403);
    expect((await rep.get('/api/v1/departments')).statusCode).toBe(200);
    expect((await t.admin.post('/api/v1/departments', { name: '' })).json().error.fields).toHaveProperty('name');
    expect((await t.admin.post('/api/v1/departments', { name: 'X', parentId: 999999 })).statusCode).toBe(400);
    expect((await t.admin.get('/api/v1/departments/999999')).statusCode).toBe(404);
  });
});
