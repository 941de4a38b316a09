import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adminPassword } from '../server/test/app.ts';
import { createCustomer, createDepartment, createUserClient, roleId, userPassword } from '../server/test/factories.ts';
import { browserSuite, chooseOption, errorsOf, signInPage } from './harness.ts';

const tall = { width: 1440, height: 1200 };

/** Saves with the page's one save button and waits for the server's answer to `method url`. */
async function saveAndWait(page: Page, method: string, url: string): Promise<number> {
  const answered = page.waitForResponse((r) => r.url().endsWith(url) && r.request().method() === method);
  await page.getByRole('button', { name: /保\s*存/ }).click();
  return (await answered).status();
}

describe('a dashboard as a role’s home section in the browser', () => {
  const suite = browserSuite();

  it('is shared with the sales managers and set as their home section by an administrator; a manager sees it at home and opens it, a rep sees neither; taking the share away is asked first', async () => {
    const t = suite.server;
    const team = await createDepartment(t, '首页看板销售部');
    const manager = await createUserClient(t, 'sales_manager', team, { locale: 'zh-CN' });
    const rep = await createUserClient(t, 'sales_rep', team, { locale: 'zh-CN' });
    await createCustomer(rep, { name: '首页看板客户', source: 'website' });
    const managers = await roleId(t, 'sales_manager');
    const created = await t.admin.post('/api/v1/dashboards', {
      name: '经理周看板',
      period: 'thisYear',
      widgets: [
        {
          key: 'sources',
          title: '客户来源',
          definition: { source: 'customers', groupBy: [{ field: 'source' }], measures: [{ aggregate: 'count' }] },
          chart: 'table',
          dateField: 'createdAt',
          layout: { x: 0, y: 0, w: 6, h: 6 },
        },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const dashboard = created.json() as { id: number };

    // The administrator shares it with the sales managers from the dashboard's edit bar…
    const admin = await signInPage(suite.browser, t.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
    const adminErrors = errorsOf(admin);
    await admin.goto(`${t.baseUrl}/dashboards/${dashboard.id}`);
    await admin.getByRole('button', { name: /编\s*辑/ }).click();
    await chooseOption(admin, admin.getByLabel('共享给角色'), '销售经理');
    // A multiple choice keeps its list open until another field is chosen.
    await admin.getByLabel('名称').click();
    expect(await saveAndWait(admin, 'PATCH', `/api/v1/dashboards/${dashboard.id}`)).toBe(200);
    expect((await t.admin.get(`/api/v1/dashboards/${dashboard.id}`)).json().sharedWithRoleIds).toEqual([managers]);

    // …and, in the role editor, makes it the sales managers' home dashboard.
    await admin.goto(`${t.baseUrl}/admin/roles`);
    await admin.getByText('销售经理', { exact: true }).click();
    await expect.poll(() => admin.getByRole('textbox', { name: '角色名称' }).inputValue()).toBe('销售经理');
    await chooseOption(admin, admin.getByLabel('工作台仪表盘'), '经理周看板');
    expect(await saveAndWait(admin, 'PATCH', `/api/v1/roles/${managers}`)).toBe(200);
    expect((await t.admin.get(`/api/v1/roles/${managers}`)).json().homeDashboardId).toBe(dashboard.id);
    expect(adminErrors).toEqual([]);
    await admin.context().close();

    // A sales manager finds it on their home page in Chinese, with its widget in their own scope, and opens it.
    const page = await signInPage(suite.browser, t.baseUrl, manager.username, userPassword, 'zh-CN', tall);
    const errors = errorsOf(page);
    await page.goto(`${t.baseUrl}/`);
    const section = page.getByTestId(`home-dashboard-${dashboard.id}`);
    await expect.poll(() => section.locator('.ant-card-head').first().innerText()).toContain('经理周看板 · 今年');
    const widget = section.getByTestId('widget-sources');
    await expect.poll(() => widget.innerText()).toContain('客户来源');
    await expect.poll(() => widget.locator('.ant-table tbody tr').count()).toBeGreaterThan(0);
    expect(await widget.locator('.ant-alert-error').count()).toBe(0);
    await section.getByRole('link', { name: '打开仪表盘' }).click();
    await page.waitForURL((url) => url.pathname === `/dashboards/${dashboard.id}`);
    const picker = page.locator('.ant-select').filter({ has: page.getByLabel('选择仪表盘') });
    await expect.poll(() => picker.innerText()).toContain('经理周看板');
    await expect.poll(() => page.getByTestId('widget-sources').locator('.ant-table').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();

    // A sales rep has neither the section on their home page nor the dashboard.
    const repPage = await signInPage(suite.browser, t.baseUrl, rep.username, userPassword, 'zh-CN', tall);
    const repErrors = errorsOf(repPage);
    await repPage.goto(`${t.baseUrl}/`);
    await repPage.getByTestId('home-sections').waitFor();
    expect(await repPage.locator('[data-testid^="home-dashboard-"]').count()).toBe(0);
    await repPage.goto(`${t.baseUrl}/dashboards/${dashboard.id}`);
    await expect.poll(() => repPage.getByText('记录不存在或您无权查看').count()).toBe(1);
    expect(repErrors.filter((e) => !/404/.test(e))).toEqual([]);
    await repPage.context().close();

    // Taking the share away is asked first, naming the role whose home page shows it; then the managers'
    // home page leaves it out.
    const again = await signInPage(suite.browser, t.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
    await again.goto(`${t.baseUrl}/dashboards/${dashboard.id}`);
    await again.getByRole('button', { name: /编\s*辑/ }).click();
    const roleShares = again.locator('.ant-select').filter({ has: again.getByLabel('共享给角色') });
    await roleShares.locator('.ant-select-selection-item-remove').click();
    await again.getByRole('button', { name: /保\s*存/ }).click();
    const ask = again.locator('.ant-popconfirm');
    await expect.poll(() => ask.innerText()).toContain('不再共享给 销售经理？');
    const unshared = again.waitForResponse(
      (r) => r.url().endsWith(`/api/v1/dashboards/${dashboard.id}`) && r.request().method() === 'PATCH',
    );
    await ask.getByRole('button', { name: /确\s*定|OK/ }).click();
    expect((await unshared).status()).toBe(200);
    const home = await manager.get('/api/v1/home');
    expect(home.statusCode).toBe(200);
    expect(home.json().dashboards).toEqual([]);
    await again.context().close();
  });
});
