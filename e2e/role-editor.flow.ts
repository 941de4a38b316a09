import { describe, expect, it } from 'vitest';
import { adminPassword } from '../server/test/app.ts';
import { createCustomer, rootDepartmentId, userPassword } from '../server/test/factories.ts';
import { browserSuite, chooseOption, signInPage } from './harness.ts';

describe('a role made in the role editor, used by its member', () => {
  const suite = browserSuite();

  it('grants receipts.confirm to a new role, and a user of that role confirms a receipt', async () => {
    const api = suite.server.admin;
    const customer = await createCustomer(api, { name: '杭州云帆贸易有限公司' });
    const order = (
      await api.post('/api/v1/orders', {
        title: '年度服务',
        customerId: customer.id,
        lines: [{ name: '服务包', quantity: '1', unitPrice: '8800', taxRate: '0' }],
      })
    ).json();
    await api.post(`/api/v1/orders/${order.id}/submit`);
    const [instalment] = (
      await api.put(`/api/v1/orders/${order.id}/payment-plan`, {
        instalments: [{ dueDate: new Date().toISOString().slice(0, 10), percent: '100' }],
      })
    ).json();
    const receipt = (
      await api.post('/api/v1/receipts', {
        customerId: customer.id,
        receivedOn: new Date().toISOString().slice(0, 10),
        amount: '8800.00',
        method: 'bank_transfer',
        reference: 'TX-ROLE',
        allocations: [{ instalmentId: instalment.id, amount: '8800.00' }],
      })
    ).json();
    expect(receipt.status).toBe('unconfirmed');

    const admin = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword);
    await admin.goto(`${suite.server.baseUrl}/admin/roles`);
    await admin.getByRole('button', { name: '新建角色' }).click();
    await admin.getByRole('textbox', { name: '角色名称' }).fill('出纳');
    await admin.getByRole('textbox', { name: '英文名称' }).fill('Cashier');
    for (const permission of ['orders.view', 'receipts.view', 'receipts.confirm'])
      await admin.getByRole('checkbox', { name: permission, exact: true }).check();
    // A cashier confirms every order's payments, whoever sold it.
    for (const module of ['订单', '回款']) {
      // One list open at a time: the previous one has closed before the next field is opened.
      await expect.poll(() => admin.locator('.ant-select-dropdown:visible').count()).toBe(0);
      await chooseOption(admin, admin.getByRole('combobox', { name: module, exact: true }), '全部', { search: false });
    }
    const saved = admin.waitForResponse((r) => r.url().endsWith('/api/v1/roles') && r.request().method() === 'POST');
    await admin
      .getByRole('button', { name: '保 存' })
      .or(admin.getByRole('button', { name: '保存' }))
      .click();
    expect((await saved).status()).toBe(201);
    const role = (await api.get('/api/v1/roles')).json().find((r: { name: string }) => r.name === '出纳');
    expect(role.permissions).toEqual(expect.arrayContaining(['orders.view', 'receipts.view', 'receipts.confirm']));
    await admin.context().close();

    const created = await api.post('/api/v1/users', {
      username: 'cashier1',
      displayName: '林出纳',
      password: userPassword,
      departmentId: await rootDepartmentId(suite.server),
      roleIds: [role.id],
      locale: 'zh-CN',
    });
    expect(created.statusCode).toBe(201);
    const cashier = await signInPage(suite.browser, suite.server.baseUrl, 'cashier1', userPassword);
    // The cashier finds the payment in the list of payments received, which the menu offers them.
    await cashier.getByRole('menuitem', { name: /\s回款$/ }).click();
    await cashier.waitForURL((url) => url.pathname === '/receipts');
    await cashier.getByTestId(`confirm-${receipt.id}`).click();
    // Confirming is asked once more, naming the payment.
    const ask = cashier.locator('.ant-popconfirm');
    await expect.poll(() => ask.innerText()).toContain(receipt.number);
    await ask.getByRole('button', { name: /确 ?定|OK/ }).click();
    await expect.poll(async () => (await api.get(`/api/v1/receipts/${receipt.id}`)).json().status).toBe('confirmed');
    // A page the role does not open says so, and an address that names no page says that.
    await cashier.goto(`${suite.server.baseUrl}/tickets`);
    await expect.poll(() => cashier.getByText('无权访问').isVisible()).toBe(true);
    await cashier.goto(`${suite.server.baseUrl}/no-such-page`);
    await expect.poll(() => cashier.getByText('没有这个页面').isVisible()).toBe(true);
    await cashier.context().close();
  });

  it("offers a new install's set-up checklist to the administrator, ticking steps as they are done", async () => {
    const admin = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword);
    await admin.goto(suite.server.baseUrl);
    const checklist = admin.getByTestId('setup-checklist');
    await expect.poll(() => checklist.isVisible()).toBe(true);
    // A default SLA policy exists from the start.
    await expect.poll(() => admin.getByTestId('setup-step-slaPolicy').getAttribute('data-done')).toBe('true');
    await expect.poll(() => admin.getByTestId('setup-step-dictionaries').getAttribute('data-done')).toBe('false');
    await admin.getByTestId('setup-step-dictionaries').getByRole('button', { name: '标为已完成' }).click();
    await expect.poll(() => admin.getByTestId('setup-step-dictionaries').getAttribute('data-done')).toBe('true');
    await admin.getByTestId('setup-step-departments').getByRole('link', { name: '部门' }).click();
    await admin.waitForURL((url) => url.pathname === '/admin/departments');
    await admin.goBack();
    await checklist.getByRole('button', { name: '不再显示' }).click();
    await expect.poll(() => checklist.count()).toBe(0);
    expect((await suite.server.admin.get('/api/v1/setup/checklist')).json().dismissed).toBe(true);
    await admin.context().close();
  });
});
