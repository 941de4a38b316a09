import { describe, expect, it } from 'vitest';
import { adminPassword } from '../server/test/app.ts';
import { createUserClient, roleId, userPassword } from '../server/test/factories.ts';
import { startSmtpServer } from '../server/test/smtp.ts';
import { browserSuite, popoverAtRest, signInPage } from './harness.ts';

describe('administration in the browser', () => {
  const suite = browserSuite();

  it("grants permissions in the role grid, a module's own rights too, and the server stores them", async () => {
    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword);
    await page.goto(`${suite.server.baseUrl}/admin/roles`);
    await page.getByText('只读', { exact: true }).click();
    const checkbox = page.getByRole('checkbox', { name: 'customers.export' });
    await expect.poll(() => checkbox.isVisible()).toBe(true);
    expect(await checkbox.isChecked()).toBe(false);
    await checkbox.check();
    // A module's own rights (confirming receipts) are granted beside the shared columns.
    await page.getByRole('checkbox', { name: 'receipts.confirm' }).check();
    await page
      .getByRole('button', { name: '保 存' })
      .or(page.getByRole('button', { name: '保存' }))
      .click();
    await expect
      .poll(
        async () =>
          (await suite.server.admin.get(`/api/v1/roles/${await roleId(suite.server, 'readonly')}`)).json().permissions,
      )
      .toEqual(expect.arrayContaining(['customers.export', 'receipts.confirm']));
    await page.context().close();
  });

  it('creates a department and shows it in the tree at once', async () => {
    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword);
    await page.goto(`${suite.server.baseUrl}/admin/departments`);
    await page.getByRole('button', { name: '新建部门' }).click();
    await page.getByRole('textbox', { name: '部门名称' }).fill('华南销售部');
    const created = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/departments') && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: /确 ?定|OK/ }).click();
    expect((await created).status()).toBe(201);
    await expect.poll(() => page.locator('.ant-tree').getByText('华南销售部').isVisible()).toBe(true);
    const departments = (await suite.server.admin.get('/api/v1/departments')).json();
    expect(departments.map((d: { name: string }) => d.name)).toContain('华南销售部');
    await page.context().close();
  });

  it('fills a custom field on a customer and shows it on the detail page', async () => {
    await suite.server.admin.post('/api/v1/custom-fields', {
      entity: 'customers',
      key: 'employees',
      labelZh: '员工人数',
      labelEn: 'Employees',
      type: 'number',
    });
    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword);
    await page.getByRole('button', { name: '新建客户' }).click();
    await page.getByRole('textbox', { name: '客户名称' }).fill('自定义字段测试公司');
    await page.getByRole('spinbutton', { name: '员工人数' }).fill('320');
    await page.getByTestId('customer-save').click();
    await page.waitForURL(/\/customers\/\d+$/);
    await expect.poll(() => page.getByText('320', { exact: true }).isVisible()).toBe(true);
    await page.context().close();
  });

  it('sets up the mail server and sends a test message through it', async () => {
    const smtp = await startSmtpServer();
    try {
      const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword);
      await page.goto(`${suite.server.baseUrl}/admin/settings`);
      await page.getByRole('textbox', { name: '服务器地址' }).fill('127.0.0.1');
      await page.getByRole('spinbutton', { name: '端口' }).fill(String(smtp.port));
      await page.getByRole('switch', { name: 'SSL/TLS' }).click();
      await page.getByRole('textbox', { name: '用户名' }).fill('crm');
      await page.getByLabel('密码', { exact: true }).fill('s3cret');
      await page.getByRole('textbox', { name: '发件地址' }).fill('crm@example.com');
      await page.getByRole('textbox', { name: '退信地址' }).fill('bounces@example.com');
      await page.getByRole('textbox', { name: 'DKIM 签名域名' }).fill('example.com');
      await page.getByRole('textbox', { name: 'DKIM 选择器' }).fill('relate');
      const saved = page.waitForResponse(
        (r) => r.url().endsWith('/api/v1/settings/mail') && r.request().method() === 'PUT',
      );
      await page.getByRole('textbox', { name: '发件人名称' }).press('Enter');
      expect((await saved).status()).toBe(200);
      expect(await (await saved).json()).toMatchObject({
        bounceAddress: 'bounces@example.com',
        dkimDomain: 'example.com',
        dkimSelector: 'relate',
      });
      // Saved again from the page, the campaign settings are kept, not erased by a form that lacked them.
      await page.reload();
      await expect.poll(() => page.getByRole('textbox', { name: 'DKIM 选择器' }).inputValue()).toBe('relate');
      await page.getByPlaceholder('收件地址').fill('boss@example.com');
      await page.getByRole('button', { name: '发送测试邮件' }).click();
      await expect.poll(() => smtp.received.map((m) => m.to.join())).toEqual(['boss@example.com']);
      await page.context().close();
    } finally {
      await smtp.close();
    }
  });

  it('lists all notifications on their own page, by kind and unread, and marks them all read', async () => {
    const rep = await createUserClient(suite.server, 'sales_rep', undefined, { locale: 'zh-CN' });
    const due = new Date(Date.now() + 86_400_000).toISOString();
    for (const subject of ['回访老客户', '准备年度报价'])
      await suite.server.admin.post('/api/v1/tasks', { subject, dueAt: due, assigneeId: rep.userId });
    const page = await signInPage(suite.browser, suite.server.baseUrl, rep.username, userPassword);
    await page.getByTestId('notification-bell').click();
    // The latest notifications arrive after the popover opens and push its buttons down: a click aimed
    // before they arrive lands on a notification instead.
    await expect.poll(() => page.locator('.ant-popover .ant-list-item').count()).toBe(2);
    await popoverAtRest(page.locator('.ant-popover').filter({ has: page.getByTestId('all-notifications') }));
    await page.getByTestId('all-notifications').click();
    await page.waitForURL(/\/notifications$/);
    const table = page.getByTestId('notifications');
    await expect.poll(() => table.innerText()).toContain('准备年度报价');
    expect(await table.innerText()).toContain('回访老客户');
    await page.getByText('未读（2）').click();
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(2);
    await page.getByTestId('mark-all-read').click();
    await expect.poll(() => page.getByText('未读（0）').isVisible()).toBe(true);
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(0);
    await page.context().close();
  });
});
