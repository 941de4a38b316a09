import { describe, expect, it } from 'vitest';
import { adminPassword } from '../server/test/app.ts';
import { createCustomer, unique } from '../server/test/factories.ts';
import { browserSuite, signInPage } from './harness.ts';

const tall = { width: 1440, height: 1200 };

describe('inventory in the browser', () => {
  const suite = browserSuite();

  it('adds a warehouse, receives goods, sees an approved order reserve them and the low-stock mark, then the movements and the margin', async () => {
    const api = suite.server.admin;
    await api.patch('/api/v1/settings', { stockTracking: true });
    // This flow runs in English: the page follows the user's language.
    await api.patch('/api/v1/auth/me', { locale: 'en' });
    const code = unique('PUMP');
    const product = (
      await api.post('/api/v1/products', {
        code,
        name: 'Circulation pump',
        listPrice: '100',
        costPrice: '50',
        trackStock: true,
        reorderLevel: '5',
      })
    ).json();

    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword, 'en', tall);
    await page.getByRole('menuitem', { name: 'Inventory' }).click();
    await page.waitForURL('**/inventory');
    await page.getByRole('tab', { name: 'Warehouses' }).click();
    await page.getByTestId('warehouse-new').click();
    await page.getByTestId('warehouse-code').fill('SH-01');
    await page.getByTestId('warehouse-name').fill('Shanghai main');
    await page.getByTestId('warehouse-save').click();
    await expect.poll(() => page.getByRole('cell', { name: 'SH-01' }).isVisible()).toBe(true);
    // The first warehouse becomes the default.
    expect(await page.getByRole('row', { name: /SH-01/ }).innerText()).toContain('Default');

    await page.getByRole('tab', { name: 'Stock' }).click();
    const searched = page.waitForResponse((r) => r.url().includes('/api/v1/stock?') && r.url().includes(`q=${code}`));
    await page.getByTestId('stock-search').locator('input').fill(code);
    await page.getByTestId('stock-search').locator('input').press('Enter');
    await searched;
    await page.getByTestId(`stock-in-${code}`).click();
    await page.getByTestId('stock-quantity').fill('10');
    await page.getByTestId('stock-unit-cost').fill('60');
    await page.getByTestId('stock-reason').fill('PO-2026-118');
    await page.getByTestId('stock-save').click();
    const row = page.getByRole('row', { name: new RegExp(code) });
    await expect.poll(() => row.innerText()).toMatch(/10\s+0\s+10/);
    expect(await row.innerText()).toContain('600.00');

    // An approved order for seven reserves them; three left is below the reorder level of five.
    const customer = await createCustomer(api, { name: 'Harbour Works Ltd' });
    const order = (
      await api.post('/api/v1/orders', {
        title: 'Pumps',
        customerId: customer.id,
        lines: [{ productId: product.id, name: 'Circulation pump', quantity: '7', unitPrice: '100' }],
      })
    ).json();
    expect((await api.post(`/api/v1/orders/${order.id}/submit`)).json().status).toBe('approved');
    await page.reload();
    await page.getByTestId('stock-search').locator('input').fill(code);
    await page.getByTestId('stock-search').locator('input').press('Enter');
    await expect.poll(() => row.innerText()).toMatch(/10\s+7\s+3/);
    expect(await row.innerText()).toContain('Low');

    await api.post(`/api/v1/orders/${order.id}/deliveries`, {
      deliveredOn: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()),
      lines: [{ orderLineId: order.lines[0].id, quantity: '7' }],
    });
    await page.getByRole('tab', { name: 'Movements' }).click();
    const movements = page.getByTestId('movements-table');
    await expect.poll(() => movements.innerText()).toContain('PO-2026-118');
    expect(await movements.innerText()).toContain(order.number);
    expect(await movements.innerText()).toContain('-7');

    await page.getByRole('tab', { name: 'Gross margin' }).click();
    const margins = page.getByTestId('margins-table');
    // 7 × 100 revenue against 7 × 60 cost: 280 margin, 40 %.
    await expect.poll(() => margins.innerText()).toContain('40.00%');
    expect(await margins.innerText()).toContain('280.00');
    await page.context().close();
  });
});
