import type { ChurnRiskList } from '@relate/common';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adminPassword, type Client } from '../server/test/app.ts';
import {
  createCustomer,
  createDepartment,
  createFollowup,
  createUserClient,
  userPassword,
} from '../server/test/factories.ts';
import { browserSuite, errorsOf, signInPage } from './harness.ts';

const tall = { width: 1440, height: 1200 };
const dayMs = 86_400_000;

/** The customer names in the table, and each one's reasons as its tags read. */
async function rowsShown(page: Page): Promise<Record<string, string>> {
  const rows = await page.getByTestId('churn-table').locator('tbody tr.ant-table-row').all();
  const shown: Record<string, string> = {};
  for (const row of rows) {
    const cells = await row.locator('td').allInnerTexts();
    shown[cells[0].trim()] = (await row.locator('.ant-tag').allInnerTexts()).join('、');
  }
  return shown;
}

describe('churn risk in the browser', () => {
  const suite = browserSuite();

  it('lists the customers whose rhythm broke or who were not followed up with open items, filters them by reason, opens a customer, explains the method in both languages, and shows a sales rep their own', async () => {
    const t = suite.server;
    const db = t.database.db;
    const team = await createDepartment(t, '流失风险销售部');
    const rep = await createUserClient(t, 'sales_rep', team, { locale: 'zh-CN' });
    const longAgo = new Date(Date.now() - 100 * dayMs).toISOString();

    /** A customer created through the API, its creation moved back 100 days (no follow-up in 30 days then). */
    const customerOf = async (owner: Client, name: string) => {
      const customer = await createCustomer(owner, { name });
      await db.updateTable('customers').set({ createdAt: longAgo }).where('id', '=', customer.id).execute();
      return customer.id as number;
    };
    /** An order placed and approved through the API; the API places orders today, so its date is moved back. */
    const boughtOrder = async (owner: Client, customerId: number, daysAgo: number | null) => {
      const order = (
        await owner.post('/api/v1/orders', {
          title: '流失风险订单',
          customerId,
          lines: [{ name: '服务', quantity: '1', unitPrice: '1000', taxRate: '0' }],
        })
      ).json();
      expect((await owner.post(`/api/v1/orders/${order.id}/submit`)).json().status).toBe('approved');
      if (daysAgo !== null) {
        const at = new Date(Date.now() - daysAgo * dayMs - 3_600_000).toISOString();
        await db.updateTable('orders').set({ createdAt: at }).where('id', '=', order.id).execute();
      }
      return order.id as number;
    };
    const openTicket = async (customerId: number) =>
      expect(
        (await t.admin.post('/api/v1/tickets', { type: 'repair', customerId, subject: '设备报修' })).statusCode,
      ).toBe(201);

    // The rep's: one whose orders came every ten days and stopped fifty days ago; one who owes money.
    const broken = await customerOf(rep, '节奏中断的客户');
    for (const days of [70, 60, 50]) await boughtOrder(rep, broken, days);
    const owes = await customerOf(rep, '欠款未跟进的客户');
    const owed = await boughtOrder(rep, owes, null);
    expect(
      (
        await rep.put(`/api/v1/orders/${owed}/payment-plan`, {
          instalments: [{ dueDate: '2026-01-05', percent: '100' }],
        })
      ).statusCode,
    ).toBe(200);
    // The rep's, followed up today with a ticket open: not at risk.
    const called = await customerOf(rep, '刚跟进过的客户');
    await openTicket(called);
    await createFollowup(rep, { customerId: called, occurredAt: new Date().toISOString() });
    // The administrator's: a ticket open and no follow-up; and one ordering on rhythm.
    const waiting = await customerOf(t.admin, '工单未跟进的客户');
    await openTicket(waiting);
    const steady = await customerOf(t.admin, '节奏正常的客户');
    for (const days of [30, 20, 10]) await boughtOrder(t.admin, steady, days);

    // Before any run the page says so, with the method open, and offers the administrator to compute it.
    const page = await signInPage(suite.browser, t.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
    const errors = errorsOf(page);
    await page.getByRole('menuitem', { name: '流失风险' }).click();
    await page.waitForURL(/\/analyses\/churn-risk$/);
    await expect.poll(() => page.getByText('还没有计算过流失风险').count()).toBe(1);
    await expect.poll(() => page.getByTestId('churn-method').innerText()).toContain('中位数');

    // Computed after a confirmation: each customer at risk with its reason, and each reason counted.
    await page.getByRole('button', { name: '立即计算' }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await expect.poll(() => page.getByTestId('churn-run').count()).toBe(1);
    await expect
      .poll(() => rowsShown(page))
      .toEqual({
        节奏中断的客户: '下单节奏中断',
        欠款未跟进的客户: '有未结事项未跟进',
        工单未跟进的客户: '有未结事项未跟进',
      });
    const reasons = page.getByTestId('churn-reasons');
    expect(await reasons.innerText()).toMatch(/全部风险客户 3[\s\S]*下单节奏中断 1[\s\S]*有未结事项未跟进 2/);
    expect(await page.getByTestId('churn-open-receivable').innerText()).toContain('1,000.00');
    const row = page.getByTestId('churn-table').locator('tr', { hasText: '节奏中断的客户' });
    expect(await row.innerText()).toMatch(/10 天[\s\S]*50 天[\s\S]*从未跟进/);

    // By reason: the rhythm only.
    await reasons.getByText('下单节奏中断').click();
    await expect.poll(() => rowsShown(page)).toEqual({ 节奏中断的客户: '下单节奏中断' });
    await reasons.getByText(/^全部风险客户/).click();
    await expect.poll(async () => Object.keys(await rowsShown(page)).length).toBe(3);

    // A customer's name opens the customer.
    await page.getByTestId('churn-table').getByRole('link', { name: '欠款未跟进的客户' }).click();
    await page.waitForURL((url) => url.pathname === `/customers/${owes}`);
    await expect.poll(() => page.getByRole('heading', { name: '欠款未跟进的客户' }).count()).toBe(1);

    // In English: the page and its method in the reader's language.
    await page.getByRole('menuitem', { name: '流失风险' }).click();
    await page.waitForURL(/\/analyses\/churn-risk$/);
    await page.getByText('EN', { exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Churn risk' }).count()).toBe(1);
    await page.getByText('How it is computed').click();
    await expect.poll(() => page.getByTestId('churn-method').innerText()).toContain('The median, not the mean');
    await expect
      .poll(() => rowsShown(page))
      .toMatchObject({ 节奏中断的客户: 'Order rhythm broken', 工单未跟进的客户: 'Open items, no follow-up' });
    expect(await page.getByRole('button', { name: 'Compute now' }).count()).toBe(1);
    await page.getByText('中文', { exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: '流失风险' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();

    // A sales rep sees their own customers only, with nothing to compute.
    const own = (await rep.get('/api/v1/analyses/churn-risk')).json() as ChurnRiskList;
    expect(own.items.map((c) => c.name).sort()).toEqual(['欠款未跟进的客户', '节奏中断的客户'].sort());
    const repPage = await signInPage(suite.browser, t.baseUrl, rep.username, userPassword, 'zh-CN', tall);
    const repErrors = errorsOf(repPage);
    await repPage.getByRole('menuitem', { name: '流失风险' }).click();
    await repPage.waitForURL(/\/analyses\/churn-risk$/);
    await expect
      .poll(() => rowsShown(repPage))
      .toEqual({ 节奏中断的客户: '下单节奏中断', 欠款未跟进的客户: '有未结事项未跟进' });
    expect(await repPage.getByTestId('churn-reasons').innerText()).toContain('全部风险客户 2');
    expect(await repPage.getByRole('button', { name: '立即计算' }).count()).toBe(0);
    expect(repErrors).toEqual([]);
    await repPage.context().close();
  });
});
