import type { Dashboard, Home, HomeDashboardChoice, Role } from '@relate/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createDepartment, createUserClient, roleId, unique } from '../../../test/factories.ts';

/**
 * A dashboard as a role's home section: an administrator chooses, for a role, a built-in dashboard or one
 * shared with the role; its users see it on their home page while they may see it, each dashboard once.
 */
describe.each(testDialects)('dashboards on the home page of a role on %s', (dialect) => {
  let t: TestApp;
  let managers: number;
  let reps: number;
  let east: number;
  let owner: Client;
  let manager: Client;
  let rep: Client;
  let executive: Dashboard;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    managers = await roleId(t, 'sales_manager');
    reps = await roleId(t, 'sales_rep');
    east = await createDepartment(t, '首页看板东区');
    const west = await createDepartment(t, '首页看板西区');
    owner = await createUserClient(t, 'sales_rep', east);
    manager = await createUserClient(t, 'sales_manager', west);
    rep = await createUserClient(t, 'sales_rep', west);
    executive = ((await t.admin.get('/api/v1/dashboards')).json() as Dashboard[]).find(
      (d) => d.builtin === 'executive',
    )!;
  });
  afterAll(async () => t?.close());

  const widget = {
    key: 'sources',
    title: '客户来源',
    definition: { source: 'customers', groupBy: [{ field: 'source' }], measures: [{ aggregate: 'count' }] },
    chart: 'pie',
    layout: { x: 0, y: 0, w: 6, h: 8 },
  };
  const dashboardOf = async (shares: { sharedWithRoleIds?: number[]; sharedWithDepartmentIds?: number[] }) => {
    const response = await owner.post('/api/v1/dashboards', { name: unique('经理看板'), widgets: [widget], ...shares });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as Dashboard;
  };
  /** Sets a role's home dashboard as the administrator, who reads Chinese, or as another who reads English. */
  const setHome = (role: number, homeDashboardId: number | null, by: Client = t.admin) =>
    by.patch(`/api/v1/roles/${role}`, { homeDashboardId });
  const homeOf = async (client: Client) => {
    const response = await client.get('/api/v1/home');
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Home;
  };
  const choices = async (query: Record<string, number> = {}) => {
    const response = await t.admin.get('/api/v1/dashboards/home-choices', query);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as HomeDashboardChoice[];
  };

  it('offers a role the built-in dashboards and those shared with it, to those who may read roles', async () => {
    const forManagers = await dashboardOf({ sharedWithRoleIds: [managers] });
    const forEast = await dashboardOf({ sharedWithDepartmentIds: [east] });
    const forReps = await dashboardOf({ sharedWithRoleIds: [reps] });
    const ids = (list: HomeDashboardChoice[]) => list.map((d) => d.id);

    const offered = await choices({ roleId: managers });
    expect(offered.filter((d) => d.builtin).map((d) => d.builtin)).toHaveLength(4);
    expect(ids(offered)).toContain(forManagers.id);
    expect(ids(offered)).not.toContain(forEast.id);
    expect(ids(offered)).not.toContain(forReps.id);
    expect(offered.find((d) => d.id === forManagers.id)).toEqual({
      id: forManagers.id,
      name: forManagers.name,
      builtin: null,
      ownerName: expect.any(String),
    });
    // A role not yet saved has no shares: the built-in dashboards only.
    expect((await choices()).every((d) => d.builtin)).toBe(true);
    expect((await manager.get('/api/v1/dashboards/home-choices', { roleId: managers })).statusCode).toBe(403);
  });

  it('keeps a role’s home dashboard, shows it to the role’s users and to no one else, and audits the change', async () => {
    const dashboard = await dashboardOf({ sharedWithRoleIds: [managers] });
    const saved = await setHome(managers, dashboard.id);
    expect(saved.statusCode, saved.body).toBe(200);
    expect((saved.json() as Role).homeDashboardId).toBe(dashboard.id);
    expect(((await t.admin.get(`/api/v1/roles/${managers}`)).json() as Role).homeDashboardId).toBe(dashboard.id);
    expect(((await owner.get(`/api/v1/dashboards/${dashboard.id}`)).json() as Dashboard).homeOfRoleIds).toEqual([
      managers,
    ]);

    const managerHome = await homeOf(manager);
    expect(managerHome.dashboards.map((d) => d.id)).toEqual([dashboard.id]);
    expect(managerHome.dashboards[0]).toMatchObject({
      name: dashboard.name,
      mine: false,
      widgets: [{ key: 'sources' }],
    });
    expect((await homeOf(rep)).dashboards).toEqual([]);
    expect((await homeOf(t.admin)).dashboards).toEqual([]);

    const audit = (await t.admin.get('/api/v1/audit-logs', { entity: 'roles', entityId: managers })).json();
    expect(audit.items[0].changes).toEqual([{ field: 'homeDashboardId', old: null, new: dashboard.id }]);

    // Cleared, it is gone from the home page.
    expect((await setHome(managers, null)).json().homeDashboardId).toBeNull();
    expect((await homeOf(manager)).dashboards).toEqual([]);
  });

  it('refuses a dashboard that does not exist or that not every user of the role sees, in the caller’s language', async () => {
    const refusal = async (response: Awaited<ReturnType<typeof setHome>>) => {
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
      return response.json().error.fields.homeDashboardId as string;
    };
    const englishAdmin = await createUserClient(t, 'admin', east, { locale: 'en' });
    expect(await refusal(await setHome(managers, 999_999, englishAdmin))).toBe('This dashboard does not exist');
    expect(await refusal(await setHome(managers, 999_999))).toBe('该仪表盘不存在');

    // Shared with a department only, or with another role, or nobody's but its owner's: not every manager sees it.
    for (const shares of [{ sharedWithDepartmentIds: [east] }, { sharedWithRoleIds: [reps] }, {}]) {
      const dashboard = await dashboardOf(shares);
      expect(await refusal(await setHome(managers, dashboard.id, englishAdmin))).toMatch(/share it with the role/);
      expect(await refusal(await setHome(managers, dashboard.id))).toMatch(/共享给该角色/);
    }
    const shared = await dashboardOf({ sharedWithRoleIds: [managers] });
    const created = await t.admin.post('/api/v1/roles', {
      name: unique('总经理'),
      permissions: ['customers.view'],
      homeDashboardId: shared.id,
    });
    expect(await refusal(created)).toMatch(/共享给该角色/);
    expect(((await t.admin.get(`/api/v1/roles/${managers}`)).json() as Role).homeDashboardId).toBeNull();

    // A new role may start with a built-in dashboard.
    const general = await t.admin.post('/api/v1/roles', {
      name: unique('总经理'),
      permissions: ['customers.view', 'orders.view'],
      homeDashboardId: executive.id,
    });
    expect(general.statusCode, general.body).toBe(201);
    expect((general.json() as Role).homeDashboardId).toBe(executive.id);
    expect(
      (await t.admin.post('/api/v1/roles', { name: 'x', permissions: [], homeDashboardId: 'executive' })).statusCode,
    ).toBe(400);
  });

  it('shows each dashboard once to a user of several roles, and leaves out one they may no longer see', async () => {
    const dashboard = await dashboardOf({ sharedWithRoleIds: [managers] });
    expect((await setHome(managers, dashboard.id)).statusCode).toBe(200);
    const general = (
      await t.admin.post('/api/v1/roles', {
        name: unique('总经理'),
        permissions: ['customers.view'],
        homeDashboardId: executive.id,
      })
    ).json() as Role;
    const both = await createUserClient(t, 'sales_manager', east, { roleIds: [managers, general.id] });
    expect((await homeOf(both)).dashboards.map((d) => d.id).sort()).toEqual([dashboard.id, executive.id].sort());
    // Two roles with the same dashboard: it shows once.
    expect((await setHome(general.id, null)).statusCode).toBe(200);
    const shareBoth = await owner.patch(`/api/v1/dashboards/${dashboard.id}`, {
      sharedWithRoleIds: [managers, general.id],
    });
    expect(shareBoth.statusCode, shareBoth.body).toBe(200);
    expect((await setHome(general.id, dashboard.id)).statusCode).toBe(200);
    expect((await homeOf(both)).dashboards.map((d) => d.id)).toEqual([dashboard.id]);

    // No longer shared with the managers: their home page leaves it out, without an error, and the role
    // keeps its choice, which may be sent back unchanged with another change.
    expect((await owner.patch(`/api/v1/dashboards/${dashboard.id}`, { sharedWithRoleIds: [] })).statusCode).toBe(200);
    expect((await homeOf(manager)).dashboards).toEqual([]);
    expect((await homeOf(both)).dashboards).toEqual([]);
    const description = await t.admin.patch(`/api/v1/roles/${managers}`, {
      description: '销售团队负责人',
      homeDashboardId: dashboard.id,
    });
    expect(description.statusCode, description.body).toBe(200);
    expect((await setHome(general.id, executive.id)).statusCode).toBe(200);
    expect((await homeOf(both)).dashboards.map((d) => d.id)).toEqual([executive.id]);
  });

  it('clears the role’s home dashboard when the dashboard is deleted', async () => {
    const dashboard = await dashboardOf({ sharedWithRoleIds: [managers] });
    expect((await setHome(managers, dashboard.id)).statusCode).toBe(200);
    expect((await owner.delete(`/api/v1/dashboards/${dashboard.id}`)).statusCode).toBe(204);
    expect(((await t.admin.get(`/api/v1/roles/${managers}`)).json() as Role).homeDashboardId).toBeNull();
    expect((await homeOf(manager)).dashboards).toEqual([]);
  });
});
