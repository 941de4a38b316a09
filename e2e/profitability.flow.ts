import dayjs from 'dayjs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Client } from '../server/test/app.ts';
import { createCustomer, createDepartment, createUserClient, unique, userPassword } from '../server/test/factories.ts';
import { browserSuite, errorsOf, signInPage } from './harness.ts';

const tall = { width: 1440, height: 1200 };

/** The cells of the table's row whose first cell reads `first`. */
async function rowOf(page: Page, first: string): Promise<string[]> {
  const row = page
    .getByTestId('profitability-table')
    .locator('tbody tr.ant-table-row')
    .filter({ has: page.locator('td', { hasText: new RegExp(`^${first}$`) }) });
  await expect.poll(() => row.count()).toBe(1);
  return (await row.locator('td').allInnerTexts()).map((text) => text.trim());
}

/** The names of the table's rows, in their order. */
async function namesShown(page: Page): Promise<string[]> {
  const cells = page.getByTestId('profitability-table').locator('tbody tr.ant-table-row td:first-child');
  return (await cells.allInnerTexts()).map((text) => text.trim());
}

const pathShown = async (page: Page) =>
  (await page.getByTestId('profitability-path').innerText()).replace(/\s+/g, ' ').trim();

describe('profitability in the browser', () => {
  const suite = browserSuite();

  it('lets a manager drill from a department to a customer to its products in Chinese, and shows a rep revenue alone in English', async () => {
    const t = suite.server;
    const east = await createDepartment(t, '华东部');
    const manager = await createUserClient(t, 'sales_manager', east, { locale: 'zh-CN' });
    const rep = await createUserClient(t, 'sales_rep', east, { locale: 'en' });
    const product = async (name: string, costPrice: string) =>
      (await t.admin.post('/api/v1/products', { code: unique('P'), name, listPrice: '100', costPrice })).json() as {
        id: number;
      };
    const printer = await product('打印机', '600');
    const ink = await product('墨盒', '50');
    const today = dayjs().format('YYYY-MM-DD');
    const sell = async (owner: Client, customer: string, lines: Array<Record<string, unknown>>) => {
      const { id: customerId } = await createCustomer(owner, { name: customer });
      const created = await owner.post('/api/v1/orders', {
        title: unique('订单'),
        customerId,
        lines: lines.map((line) => ({ taxRate: '13', ...line })),
      });
      expect(created.statusCode, created.body).toBe(201);
      const order = created.json();
      expect((await owner.post(`/api/v1/orders/${order.id}/submit`)).json().status).toBe('approved');
      const shipped = await t.admin.post(`/api/v1/orders/${order.id}/deliveries`, {
        deliveredOn: today,
        lines: order.lines.map((line: { id: number; quantity: string }) => ({
          orderLineId: line.id,
          quantity: line.quantity,
        })),
      });
      expect(shipped.statusCode, shipped.body).toBe(201);
    };
    await sell(rep, '深圳龙腾', [
      { productId: printer.id, name: '打印机', quantity: '2', unitPrice: '1000' },
      { productId: ink.id, name: '墨盒', quantity: '10', unitPrice: '80' },
    ]);
    // The installation has no product, so no cost: counted in revenue, left out of the margin.
    await sell(rep, '杭州西湖', [
      { productId: printer.id, name: '打印机', quantity: '1', unitPrice: '900' },
      { name: '安装调试', quantity: '1', unitPrice: '300' },
    ]);

    // The manager, in Chinese: the department, then its customers, then one customer's products.
    const page = await signInPage(suite.browser, t.baseUrl, manager.username, userPassword, 'zh-CN', tall);
    const errors = errorsOf(page);
    await page.getByRole('menuitem', { name: '盈利分析' }).click();
    await page.waitForURL(/\/analyses\/profitability$/);
    await expect.poll(() => page.getByRole('heading', { name: '盈利分析' }).count()).toBe(1);
    expect((await rowOf(page, '华东部')).slice(1)).toEqual([
      '¥4,000.00',
      '¥2,300.00 1 行无成本',
      '¥1,400.00',
      '37.84%',
      '14',
      '2',
    ]);
    await expect
      .poll(() => page.getByTestId('profitability-uncosted').innerText())
      .toContain('1 行发货没有成本记录（收入 ¥300.00）');
    expect(await pathShown(page)).toBe('全部');

    await page.getByRole('link', { name: '华东部' }).click();
    await expect.poll(() => namesShown(page)).toEqual(['深圳龙腾', '杭州西湖']);
    expect(await pathShown(page)).toBe('全部 › 华东部');
    const hangzhou = await rowOf(page, '杭州西湖');
    expect(hangzhou.slice(1, 5)).toEqual(['¥1,200.00', '¥600.00 1 行无成本', '¥300.00', '33.33%']);
    const totals = (await page.getByTestId('profitability-totals').locator('td').allInnerTexts()).map((s) => s.trim());
    expect(totals).toEqual(['合计', '¥4,000.00', '¥2,300.00', '¥1,400.00', '37.84%', '14', '2']);

    await page.getByRole('link', { name: '深圳龙腾' }).click();
    await expect.poll(() => namesShown(page)).toEqual(['打印机', '墨盒']);
    expect(await pathShown(page)).toBe('全部 › 华东部 › 深圳龙腾');
    expect((await rowOf(page, '打印机')).slice(1)).toEqual(['¥2,000.00', '¥1,200.00', '¥800.00', '40.00%', '2', '1']);
    expect((await rowOf(page, '墨盒')).slice(1)).toEqual(['¥800.00', '¥500.00', '¥300.00', '37.50%', '10', '1']);
    // Sorted on the server by margin %: lowest first, then highest first.
    await page.getByRole('columnheader', { name: '毛利率' }).click();
    await expect.poll(() => page.url()).toContain('sort=marginPercent%3Aasc');
    await expect.poll(() => namesShown(page)).toEqual(['墨盒', '打印机']);
    await page.getByRole('columnheader', { name: '毛利率' }).click();
    await expect.poll(() => page.url()).toContain('sort=marginPercent%3Adesc');
    await expect.poll(() => namesShown(page)).toEqual(['打印机', '墨盒']);

    // A step of the path goes back to where it led; the method explains a line without cost.
    await page.getByTestId('profitability-path').getByRole('link', { name: '华东部' }).click();
    await expect.poll(() => namesShown(page)).toEqual(['深圳龙腾', '杭州西湖']);
    expect(await pathShown(page)).toBe('全部 › 华东部');
    await page.getByText('计算方法').click();
    await expect.poll(() => page.getByTestId('profitability-method').innerText()).toContain('不按零成本算');
    // A period with no delivery says so.
    await page.getByLabel('期间').click();
    await page.getByTitle('去年').click();
    await expect.poll(() => page.getByText('该期间没有发货').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();

    // The rep, in English: their own deliveries, revenue only.
    const own = await signInPage(suite.browser, t.baseUrl, rep.username, userPassword, 'en', tall);
    await own.goto(`${t.baseUrl}/analyses/profitability?dimension=customer`);
    await expect.poll(() => own.getByRole('heading', { name: 'Profitability' }).count()).toBe(1);
    await expect.poll(() => own.getByText('You may not see costs: only revenue is shown.').count()).toBe(1);
    expect((await rowOf(own, '深圳龙腾')).slice(1)).toEqual(['CN¥2,800.00', '12', '1']);
    expect(await own.getByRole('columnheader', { name: 'Cost' }).count()).toBe(0);
    await own.getByRole('link', { name: '深圳龙腾' }).click();
    await expect.poll(() => namesShown(own)).toEqual(['打印机', '墨盒']);
    expect(await pathShown(own)).toBe('All › 深圳龙腾');
    await own.context().close();
  });
});
