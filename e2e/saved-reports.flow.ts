import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { jobHandlers } from '../server/src/jobs.ts';
import { deliverDueReports } from '../server/src/modules/reports/index.ts';
import type { AppContext } from '../server/src/platform/context.ts';
import { runDueJobs } from '../server/src/platform/jobs.ts';
import { adminPassword, type Client } from '../server/test/app.ts';
import { createCustomer, createDepartment, createUserClient, userPassword } from '../server/test/factories.ts';
import { browserSuite, errorsOf, chooseOption, signInPage } from './harness.ts';

const tall = { width: 1440, height: 1200 };

/** The names of the reports the library's table shows, in their order. */
const namesShown = (page: Page) => page.locator('.ant-table-tbody tr.ant-table-row td:first-child').allInnerTexts();
/** A folder of the library's tree, by its name and count as shown ("销售 (2)"). */
const folderNode = (page: Page, text: string) => page.locator('.ant-tree-treenode').filter({ hasText: text });

async function saveReport(client: Client, body: Record<string, unknown>): Promise<number> {
  const response = await client.post('/api/v1/reports', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

describe('saved reports library in the browser', () => {
  const suite = browserSuite();

  it('files reports in folders, opens one by its link, sends it weekly to two people and stops it; a colleague it is shared with only opens it', async () => {
    const t = suite.server;
    const team = await createDepartment(t, '报表库销售部');
    const rep = await createUserClient(t, 'sales_rep', team, { locale: 'zh-CN' });
    const leaver = await createUserClient(t, 'sales_rep', team);
    await createCustomer(rep, { name: '报表库客户', level: 'A' });
    const byLevel = await saveReport(t.admin, {
      name: '客户级别月报',
      folder: '销售/月报',
      definition: { source: 'customers', groupBy: [{ field: 'level' }], measures: [{ aggregate: 'count' }] },
      chart: 'table',
      sharedWithDepartmentIds: [team],
    });
    const tickets = await saveReport(t.admin, {
      name: '工单状态',
      folder: '服务',
      definition: { source: 'tickets', groupBy: [{ field: 'status' }], measures: [{ aggregate: 'count' }] },
      chart: 'pie',
    });
    const loose = await saveReport(t.admin, {
      name: '客户总数',
      definition: { source: 'customers', measures: [{ aggregate: 'count' }] },
    });

    // The library, from the menu: every report in the tree, by folder, with counts.
    const page = await signInPage(suite.browser, t.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
    const errors = errorsOf(page);
    await page.getByRole('menuitem', { name: '报表库' }).click();
    await page.waitForURL((url) => url.pathname === '/reports/saved');
    await expect
      .poll(() => namesShown(page).then((names) => names.sort()))
      .toEqual(['客户总数', '客户级别月报', '工单状态']);
    for (const node of ['全部报表 (3)', '销售 (1)', '月报 (1)', '服务 (1)', '无文件夹 (1)'])
      await expect.poll(() => folderNode(page, node).count(), { message: node }).toBeGreaterThan(0);
    const byLevelRow = page.locator('.ant-table-row').filter({ hasText: '客户级别月报' });
    expect(await byLevelRow.innerText()).toMatch(/客户 · 按客户级别\s+表格\s+系统管理员\s+报表库销售部\s+未设置/);

    // A folder, then no folder, then a search by name across all of them.
    await folderNode(page, '服务 (1)').locator('.ant-tree-title').click();
    await expect.poll(() => namesShown(page)).toEqual(['工单状态']);
    await folderNode(page, '无文件夹').locator('.ant-tree-title').click();
    await expect.poll(() => namesShown(page)).toEqual(['客户总数']);
    await folderNode(page, '全部报表').locator('.ant-tree-title').click();
    await expect.poll(() => namesShown(page).then((names) => names.length)).toBe(3);
    await page.getByLabel('按名称搜索').fill('级别');
    await page.getByLabel('按名称搜索').press('Enter');
    await expect.poll(() => namesShown(page)).toEqual(['客户级别月报']);
    await page.getByLabel('按名称搜索').fill('没有这个报表');
    await page.getByLabel('按名称搜索').press('Enter');
    await expect.poll(() => page.locator('.ant-table-tbody').innerText()).toContain('没有符合条件的记录');
    await page.getByLabel('按名称搜索').fill('');
    await page.getByLabel('按名称搜索').press('Enter');
    await expect.poll(() => namesShown(page).then((names) => names.length)).toBe(3);

    // Its name opens it in the builder by its address, run as saved.
    await page.locator('.ant-table-row').filter({ hasText: '客户级别月报' }).getByRole('link').click();
    await page.waitForURL((url) => url.pathname === '/reports' && url.searchParams.get('report') === String(byLevel));
    const all = (await t.admin.get('/api/v1/customers', { pageSize: 1 })).json().total;
    await expect.poll(() => page.getByTestId('total-count').innerText()).toBe(String(all));
    await expect.poll(() => page.locator('.ant-select').filter({ hasText: '客户级别月报' }).count()).toBe(1);
    // The address alone opens it too.
    await page.goto(`${t.baseUrl}/reports?report=${byLevel}`);
    await expect.poll(() => page.getByTestId('total-count').innerText()).toBe(String(all));

    // Sent every Wednesday at 09:00 to the administrator and the rep.
    await page.getByRole('button', { name: '定时发送' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.innerText()).toContain('定时发送：客户级别月报');
    await dialog.getByText('每周', { exact: true }).click();
    await chooseOption(page, dialog.getByLabel('星期'), '周三', { search: false });
    await chooseOption(page, dialog.getByLabel('发送时间'), '09:00', { search: false });
    await chooseOption(page, dialog.getByLabel('收件人'), rep.username);
    await chooseOption(page, dialog.getByLabel('收件人'), leaver.username);
    await page.keyboard.press('Escape');
    expect(await dialog.innerText()).toContain('Asia/Shanghai');
    // A recipient who leaves meanwhile: the server's message stands under the recipients.
    const left = await t.admin.patch(`/api/v1/users/${leaver.userId}`, { status: 'disabled' });
    expect(left.statusCode, left.body).toBe(200);
    expect(errors).toEqual([]);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    const recipientsItem = dialog.locator('.ant-form-item').filter({ hasText: '收件人' });
    await expect.poll(() => recipientsItem.innerText()).toContain('收件人必须都是在职用户');
    // The browser logs the refused request; nothing else.
    expect(errors).toEqual([expect.stringContaining('status of 400')]);
    errors.length = 0;
    // The leaver's tag is taken off by its own remove button.
    await recipientsItem
      .locator('.ant-select-selection-item', { hasText: leaver.username })
      .locator('.ant-select-selection-item-remove')
      .click();
    await expect.poll(() => recipientsItem.innerText()).not.toContain(leaver.username);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    const schedule = (await t.admin.get(`/api/v1/reports/${byLevel}/schedule`)).json();
    expect(schedule).toMatchObject({ frequency: 'weekly', weekday: 3, monthDay: null, hour: 9, enabled: true });
    expect([...schedule.recipientIds].sort()).toEqual([t.admin.userId, rep.userId].sort());
    expect(schedule.nextRunAt).not.toBeNull();

    // Its hour comes with no mail server set up: why nobody got it is kept, in the owner's language.
    const ctx = { db: t.database.db, dialect: t.database.dialect, config: t.config } as AppContext;
    const now = new Date(new Date(schedule.nextRunAt).getTime() + 60_000);
    await deliverDueReports(ctx, now);
    await runDueJobs(ctx, jobHandlers, [], 'test', now);

    // The library says so; the schedule opens from the row with its next sending, and is stopped there.
    await page.goto(`${t.baseUrl}/reports/saved`);
    const row = page.locator('.ant-table-row').filter({ hasText: '客户级别月报' });
    await expect.poll(() => row.getByTestId('schedule-status').innerText()).toBe('每周三 09:00 · 2 人');
    await row.getByRole('button', { name: '定时发送' }).click();
    await expect.poll(() => dialog.innerText()).toMatch(/下次发送\s*\d{4}-\d\d-\d\d 09:00/);
    await expect.poll(() => dialog.innerText()).toMatch(/上次发送\s*尚未发送/);
    await expect.poll(() => dialog.getByTestId('schedule-last-error').innerText()).toContain('尚未设置邮件服务器');
    await dialog.getByRole('button', { name: '停止发送' }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(async () => (await t.admin.get(`/api/v1/reports/${byLevel}/schedule`)).json()).toBeNull();
    await expect.poll(() => row.innerText()).toContain('未设置');

    // A report is deleted after a confirmation.
    await page.locator('.ant-table-row').filter({ hasText: '客户总数' }).getByRole('button', { name: '删除' }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await expect.poll(() => namesShown(page).then((names) => names.sort())).toEqual(['客户级别月报', '工单状态']);
    expect((await t.admin.get(`/api/v1/reports/${loose}`)).statusCode).toBe(404);
    await expect.poll(() => folderNode(page, '无文件夹 (0)').count()).toBe(1);

    // In English.
    await page.getByText('EN', { exact: true }).click();
    await expect.poll(() => page.title()).toContain('Saved reports');
    await expect.poll(() => folderNode(page, 'All reports (2)').count()).toBe(1);
    expect(await row.innerText()).toMatch(/Customers by Level\s+Table\s+系统管理员\s+报表库销售部\s+None/);
    await row.getByRole('button', { name: 'Email schedule' }).click();
    await expect.poll(() => dialog.innerText()).toContain('Email schedule: 客户级别月报');
    expect(await dialog.getByRole('radio', { name: 'Weekly' }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('中文', { exact: true }).click();
    await expect.poll(() => page.title()).toContain('报表库');
    expect(errors).toEqual([]);
    await page.context().close();

    // The rep sees the report shared with their department, opens it, and may neither schedule nor delete it.
    const repPage = await signInPage(suite.browser, t.baseUrl, rep.username, userPassword, 'zh-CN', tall);
    const repErrors = errorsOf(repPage);
    await repPage.goto(`${t.baseUrl}/reports/saved`);
    await expect.poll(() => namesShown(repPage)).toEqual(['客户级别月报']);
    const shared = repPage.locator('.ant-table-row').filter({ hasText: '客户级别月报' });
    expect(await shared.getByRole('button', { name: '打开' }).count()).toBe(1);
    expect(await shared.getByRole('button', { name: '定时发送' }).count()).toBe(0);
    expect(await shared.getByRole('button', { name: '删除' }).count()).toBe(0);
    await shared.getByRole('button', { name: '打开' }).click();
    await repPage.waitForURL((url) => url.searchParams.get('report') === String(byLevel));
    await expect.poll(() => repPage.getByTestId('total-count').innerText()).toBe('1');
    expect(await repPage.getByRole('button', { name: '定时发送' }).count()).toBe(0);
    expect(await repPage.getByRole('button', { name: /删\s*除/ }).count()).toBe(0);
    // A report not shared with them does not open by its address.
    await repPage.goto(`${t.baseUrl}/reports?report=${tickets}`);
    await expect.poll(() => repPage.getByText('报表不存在，或未共享给你').count()).toBe(1);
    // The refused read is the only error the browser logged.
    expect(repErrors).toEqual([expect.stringContaining('status of 404')]);
    await repPage.context().close();
  });
});
