import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adminPassword } from '../server/test/app.ts';
import { createCustomer, createDepartment, createUserClient, roleId, userPassword } from '../server/test/factories.ts';
import { browserSuite, signInPage } from './harness.ts';

const tall = { width: 1440, height: 1200 };
const phone = { width: 390, height: 844 };
const dayFromToday = (days: number) =>
  new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** The codes of the sections the home page lays out, in order. */
async function sectionsShown(page: Page): Promise<string[]> {
  const cards = page.locator('[data-testid^="home-section-"]');
  const ids = await cards.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-testid') ?? ''));
  return ids.map((id) => id.replace('home-section-', ''));
}

async function openHome(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}/`);
  await expect.poll(() => page.getByTestId('home-sections').isVisible()).toBe(true);
}

describe('home page per role in the browser', () => {
  const suite = browserSuite();

  it('shows a sales rep, a sales manager, a service agent and finance the sections of their roles, with their data', async () => {
    const t = suite.server;
    const team = await createDepartment(t, '工作台销售部');
    const rep = await createUserClient(t, 'sales_rep', team, { locale: 'zh-CN' });
    const manager = await createUserClient(t, 'sales_manager', team);
    const agent = await createUserClient(t, 'service_agent', undefined, { locale: 'zh-CN' });
    const financeRole = (
      await t.admin.post('/api/v1/roles', {
        name: '会计',
        nameEn: 'Accountant',
        permissions: [
          'customers.view',
          'orders.view',
          'receipts.view',
          'receipts.confirm',
          'invoices.view',
          'invoices.create',
        ],
        dataScopes: { customers: 'all', orders: 'all', receipts: 'all' },
      })
    ).json();
    const accountant = await createUserClient(t, 'readonly', undefined, { roleIds: [financeRole.id], locale: 'zh-CN' });

    const customer = await createCustomer(rep, { name: '工作台测试客户' });
    await rep.post('/api/v1/tasks', {
      subject: '给工作台客户回电',
      dueAt: new Date(Date.now() - 3600_000).toISOString(),
    });
    await rep.post('/api/v1/opportunities', {
      name: '工作台商机',
      customerId: customer.id,
      amount: '5000.00',
      expectedCloseDate: dayFromToday(0),
    });
    const order = (
      await rep.post('/api/v1/orders', {
        title: '工作台订单',
        customerId: customer.id,
        lines: [{ name: '设备', quantity: '1', unitPrice: '800.00', taxRate: '0' }],
      })
    ).json();
    expect((await rep.post(`/api/v1/orders/${order.id}/submit`)).statusCode).toBe(200);
    expect(
      (
        await rep.put(`/api/v1/orders/${order.id}/payment-plan`, {
          instalments: [{ dueDate: dayFromToday(-5), percent: '100' }],
        })
      ).statusCode,
    ).toBe(200);
    const receipt = (
      await rep.post('/api/v1/receipts', {
        customerId: customer.id,
        receivedOn: dayFromToday(0),
        amount: '300.00',
        method: 'bank_transfer',
      })
    ).json();
    const ticket = (
      await agent.post('/api/v1/tickets', {
        type: 'repair',
        customerId: customer.id,
        subject: '工作台报修：打印机卡纸',
        assigneeId: agent.userId,
      })
    ).json();

    // The sales rep, on a phone: their day, and none of finance's sections although they may see payments.
    const repPage = await signInPage(suite.browser, t.baseUrl, rep.username, userPassword, 'zh-CN', phone);
    await openHome(repPage, t.baseUrl);
    expect(await sectionsShown(repPage)).toEqual([
      'tasks',
      'followupsDue',
      'targetProgress',
      'myPipeline',
      'anniversaries',
      'activity',
    ]);
    await expect.poll(() => repPage.getByTestId('home-section-tasks').innerText()).toContain('给工作台客户回电');
    expect(await repPage.getByTestId('home-section-tasks').innerText()).toContain('已逾期');
    // Nothing sticks out sideways at 390 px.
    expect(await repPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await repPage.context().close();

    // The sales manager, in English: the team's pipeline and forecast, and the approvals waiting.
    const managerPage = await signInPage(suite.browser, t.baseUrl, manager.username, userPassword, 'en', tall);
    await openHome(managerPage, t.baseUrl);
    expect(await sectionsShown(managerPage)).toEqual([
      'approvals',
      'tasks',
      'followupsDue',
      'forecast',
      'teamPipeline',
      'teamActivity',
    ]);
    expect(await managerPage.getByTestId('home-section-forecast').innerText()).toContain('Forecast vs target');
    expect(await managerPage.getByTestId('home-section-teamPipeline').innerText()).toContain('5,000.00');
    expect(await managerPage.getByTestId('home-section-approvals').innerText()).toContain(
      'Nothing waits for your decision',
    );
    await managerPage.context().close();

    // The service agent: their queue, SLA risks, callbacks and work orders.
    const agentPage = await signInPage(suite.browser, t.baseUrl, agent.username, userPassword, 'zh-CN', tall);
    await openHome(agentPage, t.baseUrl);
    expect(await sectionsShown(agentPage)).toEqual(['myQueue', 'slaRisk', 'callbacksDue', 'myWorkOrders']);
    expect(await agentPage.getByTestId('home-section-myQueue').innerText()).toContain(ticket.subject);
    await agentPage
      .getByTestId('home-section-myQueue')
      .getByRole('link', { name: /打印机卡纸/ })
      .click();
    await agentPage.waitForURL(`**/tickets/${ticket.id}`);
    await agentPage.context().close();

    // Finance: the payment to confirm, the overdue instalment and the order to invoice.
    const financePage = await signInPage(suite.browser, t.baseUrl, accountant.username, userPassword, 'zh-CN', tall);
    await openHome(financePage, t.baseUrl);
    expect(await sectionsShown(financePage)).toEqual([
      'approvals',
      'receiptsToConfirm',
      'overdueReceivables',
      'invoicesToIssue',
    ]);
    expect(await financePage.getByTestId('home-section-receiptsToConfirm').innerText()).toContain(receipt.number);
    expect(await financePage.getByTestId('home-section-overdueReceivables').innerText()).toContain('逾期 5 天');
    expect(await financePage.getByTestId('home-section-invoicesToIssue').innerText()).toContain(order.number);
    // "View all" opens the list of payments received, filtered to those waiting for confirmation.
    await financePage.getByTestId('home-section-receiptsToConfirm').getByRole('link', { name: '查看全部' }).click();
    await financePage.waitForURL((url) => url.pathname === '/receipts' && url.search === '?status=unconfirmed');
    await expect.poll(() => financePage.locator('.ant-table-row').first().innerText()).toContain(receipt.number);
    await financePage.context().close();

    // The administrator takes "invoices to issue" off finance's home page in the role editor.
    const adminPage = await signInPage(suite.browser, t.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
    await adminPage.goto(`${t.baseUrl}/admin/roles`);
    await adminPage.getByText('会计', { exact: true }).click();
    await adminPage.getByTestId('home-sections-default').click();
    const chosen = adminPage.getByTestId('home-sections-select');
    await expect.poll(() => chosen.innerText()).toContain('待开发票');
    await chosen
      .locator('.ant-select-selection-item', { hasText: '待开发票' })
      .locator('.ant-select-selection-item-remove')
      .click();
    await adminPage
      .getByRole('button', { name: '保 存' })
      .or(adminPage.getByRole('button', { name: '保存' }))
      .click();
    await expect
      .poll(async () => (await t.admin.get(`/api/v1/roles/${financeRole.id}`)).json().homeSections)
      .toEqual(['approvals', 'receiptsToConfirm', 'overdueReceivables']);
    // A built-in role keeps its default sections.
    expect((await t.admin.get(`/api/v1/roles/${await roleId(t, 'sales_rep')}`)).json().homeSections).toBeNull();
    await adminPage.context().close();

    const financeAgain = await signInPage(suite.browser, t.baseUrl, accountant.username, userPassword, 'zh-CN', tall);
    await openHome(financeAgain, t.baseUrl);
    expect(await sectionsShown(financeAgain)).toEqual(['approvals', 'receiptsToConfirm', 'overdueReceivables']);
    await financeAgain.context().close();
    // Six sign-ins in five roles: on a busy two-core machine this takes longer than one flow's usual minute.
  }, 150_000);
});
