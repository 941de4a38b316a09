import { describe, expect, it } from 'vitest';
import { adminPassword } from '../server/test/app.ts';
import { createCustomer } from '../server/test/factories.ts';
import { browserSuite, signInPage } from './harness.ts';

describe('products and prices in the browser', () => {
  const suite = browserSuite();

  it('adds a product line and a product, then prices it for one customer', async () => {
    const customer = await createCustomer(suite.server.admin, { name: '宁波港务物资公司' });
    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword);
    await page.getByRole('menuitem', { name: '产品' }).click();
    await page.waitForURL('**/products');
    await page.getByRole('button', { name: '新建分类' }).first().click();
    await page.getByRole('textbox', { name: '分类名称' }).fill('港口机械');
    await page.getByRole('dialog').getByRole('button', { name: /确 ?定|OK/ }).click();
    await page.locator('.ant-tree').getByText('港口机械').click();

    await page.getByTestId('new-product').click();
    await page.getByTestId('product-code').fill('CR-01');
    await page.getByTestId('product-name').fill('门座起重机');
    await page.getByTestId('product-price').fill('1280000');
    await page.getByTestId('product-save').click();
    await expect.poll(() => page.getByRole('cell', { name: 'CR-01' }).isVisible()).toBe(true);
    expect(await page.locator('.ant-tree').innerText()).toContain('港口机械');
    const [product] = (await suite.server.admin.get('/api/v1/products', { q: 'CR-01' })).json().items;
    expect(product).toMatchObject({ name: '门座起重机', listPrice: '1280000.00', categoryName: '港口机械' });

    await page.getByRole('menuitem', { name: '价格表' }).click();
    await page.waitForURL('**/price-books');
    await page.getByTestId('new-pricebook').click();
    await page.getByRole('textbox', { name: '名称' }).fill('宁波港协议价');
    await page.getByRole('combobox', { name: '类型' }).click();
    await page.getByTitle('客户协议价').click();
    await page.getByRole('combobox', { name: '客户' }).fill('宁波港');
    await page.getByTitle(/宁波港务物资公司/).click();
    await page.getByTestId('pricebook-save').click();
    await page.getByTestId('pricebook-add-product').click();
    await page.keyboard.type('CR-01');
    await expect.poll(() => page.getByTitle('CR-01 · 门座起重机').count()).toBe(1);
    await page.keyboard.press('Enter');
    const price = page.getByRole('spinbutton', { name: '价格表价格 CR-01' });
    await expect.poll(() => price.inputValue()).toBe('1280000.00');
    await price.fill('1150000');
    await price.press('Tab');
    await expect
      .poll(async () => (await suite.server.admin.get('/api/v1/prices', { customerId: customer.id, productId: String(product.id) })).json()[0].price)
      .toBe('1150000.00');
    await page.context().close();
  });
});
