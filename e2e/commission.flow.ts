import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { adminPassword } from '../server/test/app.ts';
import { createCustomer, createDepartment, createUserClient, userPassword } from '../server/test/factories.ts';
import { browserSuite, chooseOption, errorsOf, signInPage } from './harness.ts';

// The menu has grown long: a tall window keeps drop-downs from being scrolled away under the pointer.
const tall = { width: 1440, height: 1200 };

describe('commission in the browser', () => {
  const suite = browserSuite();

  it('an administrator makes a plan and computes the month; the rep opens their statement and submits it; the manager approves; it is locked', async () => {
    const api = suite.server.admin;
    const team = await createDepartment(suite.server, '提成销售部');
    const manager = await createUserClient(suite.server, 'sales_manager', team, { locale: 'zh-CN' });
    await api.patch(`/api/v1/departments/${team}`, { managerId: manager.userId });
    // The rep reads in English.
    const rep = await createUserClient(suite.server, 'sales_rep', team, { locale: 'en' });
    await api.post('/api/v1/approval-flows', {
      name: '提成审批',
      documentType: 'commission',
      steps: [{ name: '部门经理', approverType: 'department_manager' }],
    });
    const customer = await createCustomer(rep, { name: '杭州云帆科技有限公司' });
    const order = (
      await rep.post('/api/v1/orders', {
        title: '年度服务',
        customerId: customer.id,
        lines: [{ name: '实施服务', quantity: '1', unitPrice: '8000', taxRate: '0' }],
      })
    ).json();
    // No approval flow applies to orders: submitting approves it, and it is won this month.
    expect((await rep.post(`/api/v1/orders/${order.id}/submit`)).json().status).toBe('approved');
    const month = dayjs().format('YYYY-MM');

    // The administrator, in Chinese: a plan on orders won at 5 % for the rep, then the month computed.
    const admin = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
    const adminErrors = errorsOf(admin);
    await admin.getByRole('menuitem', { name: '提成方案' }).click();
    await admin.waitForURL('**/admin/commission-plans');
    await admin.getByTestId('commission-plan-new').click();
    await admin.getByTestId('commission-plan-name').fill('销售提成 2026');
    await chooseOption(admin, admin.getByRole('combobox', { name: '提成依据' }), '按成交', { search: false });
    await admin.getByTestId('commission-rate').fill('5');
    await chooseOption(admin, admin.getByRole('combobox', { name: '人员' }), rep.username);
    await admin.getByTestId('commission-plan-save').click();
    await admin.locator('.ant-drawer-content').waitFor({ state: 'detached' });
    const planRow = admin.getByRole('row', { name: /销售提成 2026/ });
    await expect.poll(() => planRow.innerText()).toContain('按成交');
    expect(await planRow.innerText()).toContain('默认 5%');

    await admin.getByRole('menuitem', { name: '提成单' }).click();
    await admin.waitForURL('**/commission/statements');
    await admin.getByTestId('commission-generate').click();
    await admin.getByTestId('commission-generate-confirm').click();
    const adminRow = admin.getByTestId('commission-statements').getByRole('row', { name: new RegExp(rep.username) });
    // 8000 × 5 % = 400.00, a draft.
    await expect.poll(() => adminRow.innerText()).toContain('¥400.00');
    expect(await adminRow.innerText()).toContain('草稿');
    expect(adminErrors).toEqual([]);
    await admin.context().close();

    // The rep, in English: their statement, its line linking to the order, submitted for approval.
    const own = await signInPage(suite.browser, suite.server.baseUrl, rep.username, userPassword, 'en', tall);
    const ownErrors = errorsOf(own);
    await expect.poll(() => own.getByRole('menuitem', { name: 'Commission plans' }).count()).toBe(0);
    await own.getByRole('menuitem', { name: 'Commission statements' }).click();
    await own.waitForURL('**/commission/statements');
    await own.getByRole('link', { name: rep.username }).click();
    await own.waitForURL(/\/commission\/statements\/\d+$/);
    await expect.poll(() => own.getByRole('heading', { name: `${rep.username} · ${month}` }).count()).toBe(1);
    expect(await own.getByTestId('statement-status').innerText()).toBe('Draft');
    expect(await own.getByTestId('statement-total').innerText()).toBe('CN¥400.00');
    const line = own.getByTestId('statement-lines').locator('tbody tr.ant-table-row');
    await expect.poll(() => line.count()).toBe(1);
    expect(await line.innerText()).toMatch(
      /Order won[\s\S]*杭州云帆科技有限公司[\s\S]*8,000\.00[\s\S]*5%[\s\S]*×1[\s\S]*400\.00/,
    );
    const orderLink = line.getByTestId('line-order');
    expect(await orderLink.getAttribute('href')).toBe(`/orders/${order.id}`);
    expect(await orderLink.innerText()).toBe(order.number);
    await orderLink.click();
    await own.waitForURL(`**/orders/${order.id}`);
    await expect.poll(() => own.getByRole('heading', { name: '年度服务' }).count()).toBe(1);
    await own.goBack();
    await own.getByTestId('statement-submit').click();
    await expect.poll(() => own.getByTestId('statement-status').innerText()).toBe('Awaiting approval');
    await expect.poll(() => own.getByTestId('document-approval').innerText()).toContain('提成审批');
    expect(await own.getByTestId('statement-submit').count()).toBe(0);

    // The manager, in Chinese: approves it among their pending approvals.
    const managerPage = await signInPage(
      suite.browser,
      suite.server.baseUrl,
      manager.username,
      userPassword,
      'zh-CN',
      tall,
    );
    await managerPage.goto(`${suite.server.baseUrl}/approvals`);
    const request = managerPage.getByTestId('approvals-pending').getByRole('row', { name: new RegExp(rep.username) });
    await expect.poll(() => request.innerText()).toContain('提成单');
    await request.getByRole('button', { name: /^同 ?意$/ }).click();
    await expect.poll(() => managerPage.getByTestId('approvals-pending').innerText()).not.toContain(rep.username);
    await managerPage.context().close();

    // Locked, for the rep to see.
    await own.reload();
    await expect.poll(() => own.getByTestId('statement-status').innerText()).toBe('Locked');
    expect(await own.getByTestId('statement-locked').innerText()).toContain('Approved and locked');
    expect(await own.getByTestId('statement-total').innerText()).toBe('CN¥400.00');
    expect(await own.getByRole('button', { name: 'Submit for approval' }).count()).toBe(0);
    expect(ownErrors).toEqual([]);
    await own.context().close();
  });

  it('finance offsets part of an invoice with a red-letter one from the order’s page', async () => {
    const api = suite.server.admin;
    const customer = await createCustomer(api, { name: '宁波红字测试有限公司' });
    const order = (
      await api.post('/api/v1/orders', {
        title: '退货订单',
        customerId: customer.id,
        lines: [{ name: '设备', quantity: '1', unitPrice: '1000', taxRate: '0' }],
      })
    ).json();
    await api.post(`/api/v1/orders/${order.id}/submit`);
    const invoice = await api.post('/api/v1/invoices', {
      type: 'vat_ordinary',
      number: 'FP-0001',
      issuedOn: dayjs().format('YYYY-MM-DD'),
      customerId: customer.id,
      orderId: order.id,
      amount: '1000',
      tax: '0',
      buyerTitle: '宁波红字测试有限公司',
    });
    expect(invoice.statusCode, invoice.body).toBe(201);

    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
    await page.goto(`${suite.server.baseUrl}/orders/${order.id}`);
    const original = page.getByRole('row', { name: /FP-0001/ });
    await original.getByRole('button', { name: '开红字' }).click();
    const dialog = page.getByRole('dialog', { name: '为 FP-0001 开具红字发票' });
    await dialog.getByLabel('发票号码').fill('HZ-0001');
    await dialog.getByLabel(/^冲红金额 /).fill('300');
    await dialog.getByLabel(/红冲原因/).fill('部分退货');
    await dialog.getByRole('button', { name: /保 ?存/ }).click();
    const red = page.getByRole('row', { name: /HZ-0001/ });
    await expect.poll(() => red.innerText()).toContain('红字 · 冲 FP-0001');
    expect(await red.innerText()).toContain('-¥300.00');
    // Offset, the original is no longer voided; the red-letter invoice offsets nothing further.
    expect(await original.getByRole('button', { name: /作 ?废/ }).count()).toBe(0);
    expect(await red.getByRole('button', { name: '开红字' }).count()).toBe(0);
    await page.context().close();
  });
});
