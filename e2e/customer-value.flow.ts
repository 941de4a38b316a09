import type { RfmSummary } from '@relate/common';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adminPassword, type Client } from '../server/test/app.ts';
import { createCustomer, createDepartment, createUserClient, userPassword } from '../server/test/factories.ts';
import { browserSuite, errorsOf, signInPage } from './harness.ts';

const tall = { width: 1440, height: 1200 };

/** A customer of `owner` with one bought (approved) order per amount. */
async function customerWithOrders(owner: Client, name: string, amounts: string[]): Promise<void> {
  const customer = await createCustomer(owner, { name });
  for (const [i, amount] of amounts.entries()) {
    const order = (
      await owner.post('/api/v1/orders', {
        title: `${name}订单${i + 1}`,
        customerId: customer.id,
        lines: [{ name: '服务', quantity: '1', unitPrice: amount, taxRate: '0' }],
      })
    ).json();
    // No approval flow applies: submitting approves it, and an approved order counts as bought.
    expect((await owner.post(`/api/v1/orders/${order.id}/submit`)).json().status).toBe('approved');
  }
}

/** The customers of each class the table shows, by the class's name. */
async function countsShown(page: Page): Promise<Record<string, number>> {
  const rows = await page.getByTestId('rfm-classes').locator('tbody tr.ant-table-row').all();
  const counts: Record<string, number> = {};
  for (const row of rows) {
    const cells = await row.locator('td').allInnerTexts();
    counts[cells[0].trim()] = Number(cells[1]);
  }
  return counts;
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe('customer value in the browser', () => {
  const suite = browserSuite();

  it('computes customer value from the page, adds the classes up, opens a class in the customer list, explains the method in both languages, and shows a sales rep their own customers only', async () => {
    const t = suite.server;
    const team = await createDepartment(t, '价值分析销售部');
    const rep = await createUserClient(t, 'sales_rep', team, { locale: 'zh-CN' });
    await customerWithOrders(rep, '价值客户甲', ['50000', '42000', '30000']);
    await customerWithOrders(rep, '价值客户乙', ['800']);
    await customerWithOrders(rep, '价值客户丙', ['1200', '900']);
    await customerWithOrders(t.admin, '价值客户丁', ['90000']);
    await customerWithOrders(t.admin, '价值客户戊', ['300', '200', '100', '400']);
    await customerWithOrders(t.admin, '价值客户己', ['5000']);
    await createCustomer(rep, { name: '没有成交的价值客户' });
    const everyone = (await t.admin.get('/api/v1/customers', { pageSize: 1 })).json().total as number;

    // Before any run the page says so, with the method open, and offers the administrator to compute it.
    const page = await signInPage(suite.browser, t.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
    const errors = errorsOf(page);
    await page.getByRole('menuitem', { name: '客户价值' }).click();
    await page.waitForURL(/\/analyses\/customer-value$/);
    await expect.poll(() => page.getByText('还没有计算过客户价值').count()).toBe(1);
    await expect.poll(() => page.getByTestId('rfm-method').innerText()).toContain('R（Recency，最近一次购买）');
    expect(await page.getByTestId('rfm-method').innerText()).toContain('重要挽留客户 — 花得多，但很久没买');

    // Computed over 400 days after a confirmation: the run is shown and the classes add up to the customers scored.
    const windowDays = page.getByRole('spinbutton', { name: '统计期' });
    await expect.poll(() => windowDays.inputValue()).toBe('365');
    await windowDays.fill('400');
    await page.getByRole('button', { name: '立即计算' }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await expect.poll(() => page.getByTestId('rfm-run').innerText()).toContain('最近 400 天');
    const summary = (await t.admin.get('/api/v1/analyses/rfm')).json() as RfmSummary;
    expect(summary.run).toMatchObject({ windowDays: 400, customers: 6, currency: 'CNY' });
    await expect.poll(() => page.getByTestId('rfm-total').innerText()).toBe('6');
    const counts = await countsShown(page);
    expect(Object.keys(counts)).toHaveLength(8);
    expect(sum(counts)).toBe(6);
    expect(await page.getByTestId('rfm-run').innerText()).toMatch(/全公司参与计算的客户\s+6/);
    expect(await page.getByText(`${everyone - 6} 个客户在统计期内没有成交订单`).count()).toBe(1);
    await expect.poll(() => page.locator('canvas').count()).toBe(1);

    // A class opens the customer list filtered to it, with a tag that takes the filter off again.
    const busiest = summary.classes.reduce((a, b) => (b.customers > a.customers ? b : a));
    const members = (await t.admin.get('/api/v1/customers', { rfmClass: busiest.class })).json().items as Array<{
      name: string;
    }>;
    expect(members).toHaveLength(busiest.customers);
    const className = (await page.getByTestId('rfm-classes').locator('tbody tr.ant-table-row a').allInnerTexts())[
      summary.classes.indexOf(busiest)
    ];
    await page.getByTestId('rfm-classes').getByRole('link', { name: className, exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/customers' && url.searchParams.get('rfmClass') === busiest.class);
    const tag = page.getByTestId('rfm-class-filter');
    await expect.poll(() => tag.innerText()).toContain(`客户价值：${className}`);
    for (const { name } of members) await expect.poll(() => page.getByRole('link', { name }).count()).toBe(1);
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(members.length);
    await tag.locator('.ant-tag-close-icon').click();
    await page.waitForURL((url) => url.pathname === '/customers' && !url.searchParams.has('rfmClass'));
    await expect.poll(() => page.getByRole('link', { name: '没有成交的价值客户' }).count()).toBe(1);

    // A second run: the classes run by run appear beside the classes.
    await page.getByRole('menuitem', { name: '客户价值' }).click();
    await page.waitForURL(/\/analyses\/customer-value$/);
    await expect.poll(() => page.getByRole('spinbutton', { name: '统计期' }).inputValue()).toBe('400');
    await page.getByRole('button', { name: '立即计算' }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await expect.poll(() => page.getByTestId('rfm-history').locator('canvas').count()).toBe(1);
    expect(await page.getByTestId('rfm-total').innerText()).toBe('6');

    // In English: the page and its method in the reader's language.
    await page.getByText('EN', { exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Customer value' }).count()).toBe(1);
    await page.getByText('How it is computed').click();
    await expect.poll(() => page.getByTestId('rfm-method').innerText()).toContain('R (recency)');
    expect(await page.getByTestId('rfm-method').innerText()).toContain(
      'Important to win back — Valuable customers who stopped buying',
    );
    expect(await page.getByTestId('rfm-run').innerText()).toContain('Last 400 days');
    expect(await page.getByRole('button', { name: 'Compute now' }).count()).toBe(1);
    await page.getByText('中文', { exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: '客户价值' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();

    // A sales rep counts their own customers only, with no runs before and nothing to compute.
    const own = (await rep.get('/api/v1/analyses/rfm')).json() as RfmSummary;
    expect(own.classes.reduce((n, c) => n + c.customers, 0)).toBe(3);
    expect(own.unscored).toBe(1);
    const repPage = await signInPage(suite.browser, t.baseUrl, rep.username, userPassword, 'zh-CN', tall);
    const repErrors = errorsOf(repPage);
    await repPage.getByRole('menuitem', { name: '客户价值' }).click();
    await repPage.waitForURL(/\/analyses\/customer-value$/);
    await expect.poll(() => repPage.getByTestId('rfm-total').innerText()).toBe('3');
    expect(sum(await countsShown(repPage))).toBe(3);
    expect(await repPage.getByText('1 个客户在统计期内没有成交订单').count()).toBe(1);
    expect(await repPage.getByRole('button', { name: '立即计算' }).count()).toBe(0);
    expect(await repPage.getByRole('spinbutton').count()).toBe(0);
    expect(await repPage.getByTestId('rfm-history').count()).toBe(0);
    // The whole company's count is for those who see every customer.
    expect(await repPage.getByTestId('rfm-run').innerText()).not.toContain('全公司参与计算的客户');
    expect(repErrors).toEqual([]);
    await repPage.context().close();
  });
});
