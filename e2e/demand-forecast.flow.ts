import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { insertRows } from '../server/src/db/bulk-insert.ts';
import { createCustomer, createDepartment, createUserClient, userPassword } from '../server/test/factories.ts';
import { browserSuite, errorsOf, signInPage } from './harness.ts';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Ten times these a month, January first: an air conditioner's year. */
const season = [10, 12, 15, 20, 30, 45, 50, 42, 30, 20, 14, 11];

/** The texts of the cells of the table row that names `name`. */
async function rowOf(page: Page, name: string): Promise<string[]> {
  const row = page.getByTestId('demand-table').locator('tbody tr.ant-table-row').filter({ hasText: name });
  await expect.poll(() => row.count()).toBe(1);
  return (await row.locator('td').allInnerTexts()).map((text) => text.trim());
}

describe('demand forecast in the browser', () => {
  const suite = browserSuite();

  it('shows a manager a product’s seasonal forecast in Chinese, then by category, and a rep the page in English', async () => {
    const t = suite.server;
    const team = await createDepartment(t, '需求预测销售部');
    const manager = await createUserClient(t, 'sales_manager', team, { locale: 'zh-CN' });
    const rep = await createUserClient(t, 'sales_rep', team, { locale: 'en' });
    const category = await t.admin.post('/api/v1/product-categories', { name: '空调类' });
    expect(category.statusCode, category.body).toBe(201);
    const product = await t.admin.post('/api/v1/products', {
      code: 'AC-01',
      name: '挂式空调',
      categoryId: category.json().id,
      unit: 'unit',
      listPrice: '2999',
    });
    expect(product.statusCode, product.body).toBe(201);
    const customer = await createCustomer(rep);
    const { departmentId } = await t.database.db
      .selectFrom('users')
      .select('departmentId')
      .where('id', '=', rep.userId)
      .executeTakeFirstOrThrow();
    // Thirty months of the season, sold by the rep: one delivered order a month, in the middle of it.
    const thisMonth = dayjs().tz('Asia/Shanghai').startOf('month');
    for (let back = 30; back >= 1; back--) {
      const month = thisMonth.subtract(back, 'month');
      const at = month.add(14, 'day').add(10, 'hour').toISOString();
      const quantity = season[month.month()] * 10 + (back % 3);
      const [orderId] = await insertRows(
        t.database.db,
        'orders',
        [
          {
            number: `SO-E2E${String(back).padStart(4, '0')}`,
            title: `空调订单${back}`,
            customerId: customer.id,
            currency: 'CNY',
            status: 'delivered',
            discountBp: 0,
            subtotal: 0,
            discount: 0,
            tax: 0,
            total: 0,
            ownerId: rep.userId,
            departmentId,
            createdAt: at,
            updatedAt: at,
          },
        ],
        { returnIds: true },
      );
      await insertRows(t.database.db, 'orderLines', [
        {
          orderId,
          position: 0,
          productId: product.json().id,
          productCode: 'AC-01',
          name: '挂式空调',
          description: null,
          unit: 'unit',
          quantity: String(quantity),
          unitPrice: '2999',
          discountBp: 0,
          taxRateBp: 0,
          net: 0,
          tax: 0,
          total: 0,
          quantityMilli: quantity * 1000,
          deliveredMilli: quantity * 1000,
        },
      ]);
    }
    const nextMonths = [0, 1, 2].map((i) => thisMonth.add(i, 'month'));

    // The manager, in Chinese, from the menu: the product's forecast along its season.
    const page = await signInPage(suite.browser, t.baseUrl, manager.username, userPassword, 'zh-CN', {
      width: 1440,
      height: 1200,
    });
    const errors = errorsOf(page);
    await page.getByRole('menuitem', { name: '需求预测' }).click();
    await page.waitForURL(/\/analyses\/demand-forecast$/);
    await expect.poll(() => page.getByRole('heading', { name: '需求预测' }).count()).toBe(1);
    await expect.poll(() => page.getByTestId('demand-chart-title').innerText()).toBe('挂式空调 (AC-01)');
    await expect.poll(() => page.getByTestId('demand-chart').locator('canvas').count()).toBeGreaterThan(0);
    const cells = await rowOf(page, '挂式空调');
    expect(cells[0]).toBe('挂式空调 (AC-01)');
    expect(cells[1]).toBe('空调类');
    expect(cells[2]).toBe('台');
    // The next three months, each near its month of the season; then their total, the errors and the model.
    const forecast = cells.slice(3, 6).map(Number);
    forecast.forEach((quantity, i) => {
      const expected = season[nextMonths[i].month()] * 10;
      expect(Math.abs(quantity - expected), `${nextMonths[i].format('YYYY-MM')}: ${quantity}`).toBeLessThanOrEqual(
        expected * 0.15,
      );
    });
    expect(Number(cells[6])).toBe(forecast.reduce((a, b) => a + b, 0));
    expect(cells[7]).toMatch(/^\d+\.\d%$/);
    expect(cells[9]).toBe('季节性 SARIMA');
    for (const month of nextMonths)
      await expect
        .poll(() =>
          page
            .getByTestId('demand-table')
            .locator('th', { hasText: month.format('YYYY-MM') })
            .count(),
        )
        .toBe(1);
    // The method, folded away once there are figures, opens on a click.
    await page.getByText('预测方法说明').click();
    await expect.poll(() => page.getByTestId('demand-method').innerText()).toContain('SARIMA(1,0,0)(1,0,0)₁₂');

    // By category: the category's line, its quantities those of its one product.
    await page.getByTestId('demand-by').getByText('按类别').click();
    await expect.poll(() => page.getByTestId('demand-chart-title').innerText()).toBe('空调类');
    const byCategory = await rowOf(page, '空调类');
    expect(byCategory.slice(1, 4).map(Number)).toEqual(forecast);
    expect(byCategory.at(-1)).toBe('季节性 SARIMA');
    // Every item added up, from the chart's button after a row is picked.
    await page.getByTestId('demand-table').locator('tbody tr.ant-table-row').first().click();
    await page.getByRole('button', { name: '看全部合计' }).click();
    await expect.poll(() => page.getByTestId('demand-chart-title').innerText()).toBe('全部合计');
    expect(errors).toEqual([]);
    await page.context().close();

    // The rep, in English.
    const own = await signInPage(suite.browser, t.baseUrl, rep.username, userPassword, 'en', {
      width: 1440,
      height: 1200,
    });
    await own.goto(`${t.baseUrl}/analyses/demand-forecast`);
    await expect.poll(() => own.getByRole('heading', { name: 'Demand forecast' }).count()).toBe(1);
    const mine = await rowOf(own, '挂式空调');
    expect(mine.slice(3, 6).map(Number)).toEqual(forecast);
    expect(mine[9]).toBe('Seasonal SARIMA');
    await expect.poll(() => own.getByText('By category').count()).toBe(1);
    await own.getByText('How the forecast is made').click();
    await expect
      .poll(() => own.getByTestId('demand-method').innerText())
      .toContain('a percentage of nothing is no figure');
    await own.context().close();
  });

  it('says so when there are no sold orders to forecast', async () => {
    const t = suite.server;
    const lonely = await createUserClient(t, 'sales_rep', await createDepartment(t, '需求预测空部门'), {
      locale: 'zh-CN',
    });
    const page = await signInPage(suite.browser, t.baseUrl, lonely.username, userPassword, 'zh-CN');
    await page.goto(`${t.baseUrl}/analyses/demand-forecast`);
    await expect.poll(() => page.getByText('最近 24 个月没有您可查看的已售订单').count()).toBe(1);
    await expect.poll(() => page.getByTestId('demand-method').isVisible()).toBe(true);
    await page.context().close();
  });
});
