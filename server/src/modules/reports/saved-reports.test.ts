import type { SavedReport } from '@relate/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient, roleId } from '../../../test/factories.ts';

/**
 * Saved reports: the owner's own, seen by the roles and departments they are shared with (who run them
 * within their own scope), changed and deleted by the owner alone.
 */
describe.each(testDialects)('saved reports on %s', (dialect) => {
  let t: TestApp;
  let east: number;
  let owner: Client;
  let colleague: Client;
  let agent: Client;
  let stranger: Client;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    east = await createDepartment(t, '保存报表东区');
    const west = await createDepartment(t, '保存报表西区');
    owner = await createUserClient(t, 'sales_rep', east);
    colleague = await createUserClient(t, 'sales_rep', east);
    agent = await createUserClient(t, 'service_agent', west);
    stranger = await createUserClient(t, 'sales_rep', west);
    await createCustomer(owner, { name: '保存报表客户甲', level: 'A' });
    await createCustomer(colleague, { name: '保存报表客户乙', level: 'A' });
    await createCustomer(colleague, { name: '保存报表客户丙', level: 'B' });
  });
  afterAll(async () => t?.close());

  const definition = { source: 'customers', groupBy: [{ field: 'level' }], measures: [{ aggregate: 'count' }] };
  const names = async (client: Client) =>
    ((await client.get('/api/v1/reports')).json() as SavedReport[]).map((r) => r.name);

  it('shares with a department: its people see the report and run it within their own scope; only the owner changes it', async () => {
    const created = await owner.post('/api/v1/reports', {
      name: '按级别的客户',
      folder: '销售',
      definition,
      chart: 'pie',
      sharedWithDepartmentIds: [east],
    });
    expect(created.statusCode, created.body).toBe(201);
    const report = created.json() as SavedReport;
    expect(report).toMatchObject({ name: '按级别的客户', folder: '销售', chart: 'pie', mine: true });
    expect(report.definition).toMatchObject(definition);

    expect(await names(colleague)).toContain('按级别的客户');
    expect(await names(stranger)).not.toContain('按级别的客户');
    expect((await stranger.get(`/api/v1/reports/${report.id}`)).statusCode).toBe(404);

    // The colleague runs it and counts their own customers, not the owner's.
    const shared = (await colleague.get(`/api/v1/reports/${report.id}`)).json() as SavedReport;
    expect(shared.mine).toBe(false);
    const run = (await colleague.post('/api/v1/reports/run', shared.definition)).json();
    expect(run.totals).toEqual({ count: 2 });

    expect((await colleague.patch(`/api/v1/reports/${report.id}`, { name: '改名' })).statusCode).toBe(403);
    expect((await colleague.delete(`/api/v1/reports/${report.id}`)).statusCode).toBe(403);
    expect((await stranger.delete(`/api/v1/reports/${report.id}`)).statusCode).toBe(404);

    const renamed = await owner.patch(`/api/v1/reports/${report.id}`, {
      name: '客户级别分布',
      sharedWithDepartmentIds: [],
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '客户级别分布', sharedWithDepartmentIds: [], chart: 'pie' });
    expect(await names(colleague)).not.toContain('客户级别分布');

    expect((await owner.delete(`/api/v1/reports/${report.id}`)).statusCode).toBe(204);
    expect(await names(owner)).not.toContain('客户级别分布');
  });

  it('shares with a department its whole subtree: people of departments below it see the report, others do not (404)', async () => {
    const region = await createDepartment(t, '保存报表华南区');
    const branch = await createDepartment(t, '保存报表深圳分部', region);
    const team = await createDepartment(t, '保存报表深圳一组', branch);
    const deep = await createUserClient(t, 'sales_rep', team);
    const created = await owner.post('/api/v1/reports', {
      name: '共享给上级部门',
      definition,
      sharedWithDepartmentIds: [region],
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json() as SavedReport;
    expect(await names(deep)).toContain('共享给上级部门');
    expect((await deep.get(`/api/v1/reports/${id}`)).statusCode).toBe(200);
    // A sibling department and a department above the shared one are not reached.
    expect((await stranger.get(`/api/v1/reports/${id}`)).statusCode).toBe(404);
    const onlyBranch = await owner.patch(`/api/v1/reports/${id}`, { sharedWithDepartmentIds: [branch] });
    expect(onlyBranch.statusCode, onlyBranch.body).toBe(200);
    const inRegion = await createUserClient(t, 'sales_rep', region);
    expect((await inRegion.get(`/api/v1/reports/${id}`)).statusCode).toBe(404);
    expect((await deep.get(`/api/v1/reports/${id}`)).statusCode).toBe(200);
  });

  it('shares with a role, and shows a report only to those who may report on its source', async () => {
    const agents = await roleId(t, 'service_agent');
    const reps = await roleId(t, 'sales_rep');
    const created = await owner.post('/api/v1/reports', {
      name: '共享给角色',
      definition,
      sharedWithRoleIds: [agents, reps],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(await names(stranger)).toContain('共享给角色');
    // A service agent may not open the customer list, so a customer report is not theirs to see.
    const agentMayReport = ((await agent.get('/api/v1/reports/sources')).json() as Array<{ source: string }>).some(
      (s) => s.source === 'customers',
    );
    expect(await names(agent)).toEqual(agentMayReport ? ['共享给角色'] : []);
  });

  it('refuses shares with roles or departments that do not exist, and sources the owner may not report on', async () => {
    const refused = await owner.post('/api/v1/reports', { name: '无效共享', definition, sharedWithRoleIds: [999_999] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toHaveProperty('sharedWithRoleIds');
    const noSource = await agent.post('/api/v1/reports', {
      name: '无权数据源',
      definition: { source: 'orders', measures: [{ aggregate: 'count' }] },
    });
    expect(noSource.statusCode).toBe(400);
    expect(noSource.json().error.fields).toHaveProperty(['definition.source']);
  });
});
