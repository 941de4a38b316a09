import { describe, expect, it } from 'vitest';
import { adminPassword } from '../server/test/app.ts';
import { createCustomer, createDepartment, createUserClient, userPassword } from '../server/test/factories.ts';
import { browserSuite, chooseOption, signInPage } from './harness.ts';

const tall = { width: 1440, height: 1200 };

describe('reports in the browser', () => {
  const suite = browserSuite();

  it('groups customers by level and owner, as a chart and a table whose totals count what each user may see', async () => {
    const t = suite.server;
    const team = await createDepartment(t, '报表销售部');
    const rep = await createUserClient(t, 'sales_rep', team, { locale: 'zh-CN' });
    for (const [i, level] of ['A', 'A', 'B', 'C'].entries()) await createCustomer(rep, { name: `报表客户${i}`, level });
    await createCustomer(t.admin, { name: '管理员的报表客户', level: 'A' });

    // The administrator counts every customer, by level, as a bar chart and a table.
    const admin = await signInPage(suite.browser, t.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
    await admin.goto(`${t.baseUrl}/reports`);
    await chooseOption(admin, admin.getByLabel('数据源'), '客户');
    await chooseOption(admin, admin.getByLabel('分组 1'), '客户级别');
    await admin.getByRole('button', { name: /运\s*行/ }).click();
    await expect.poll(() => admin.locator('canvas').count()).toBeGreaterThan(0);
    const all = (await t.admin.get('/api/v1/customers', { pageSize: 1 })).json().total;
    await expect.poll(() => admin.getByTestId('total-count').innerText()).toBe(String(all));
    await admin.getByText('表格', { exact: true }).click();
    await expect.poll(() => admin.locator('canvas').count()).toBe(0);
    // Level A's customers, by its dictionary label: the rep's two and the administrator's one.
    const levelA = admin.getByRole('row', { name: /重要客户/ });
    await expect.poll(() => levelA.innerText()).toMatch(/重要客户\s+3/);

    // Saved, it opens again from the list of saved reports, as the table it was left as.
    await admin.getByRole('button', { name: '保存报表' }).click();
    await admin.getByRole('dialog').getByLabel('名称').fill('客户级别分布');
    await admin
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定|保\s*存|OK/ })
      .click();
    await expect.poll(() => admin.getByRole('dialog').count()).toBe(0);
    await admin.reload();
    await chooseOption(admin, admin.getByLabel('打开已保存的报表'), '客户级别分布', { search: false });
    await expect.poll(() => admin.getByTestId('total-count').innerText()).toBe(String(all));
    await expect.poll(() => admin.locator('canvas').count()).toBe(0);

    // The rep's report counts only the rep's own customers, and names the rep as their owner.
    const page = await signInPage(suite.browser, t.baseUrl, rep.username, userPassword, 'zh-CN', tall);
    await page.goto(`${t.baseUrl}/reports`);
    await chooseOption(page, page.getByLabel('数据源'), '客户');
    await chooseOption(page, page.getByLabel('分组 1'), '负责人');
    await page.getByRole('button', { name: /运\s*行/ }).click();
    await expect.poll(() => page.getByTestId('total-count').innerText()).toBe('4');
    await page.getByText('表格', { exact: true }).click();
    await expect.poll(() => page.getByRole('cell', { name: rep.username }).count()).toBe(1);
    await page.context().close();
    await admin.context().close();
  });
});
