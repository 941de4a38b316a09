import { describe, expect, it } from 'vitest';
import { adminPassword } from '../server/test/app.ts';
import { createCustomer } from '../server/test/factories.ts';
import { browserSuite, errorsOf, signInPage } from './harness.ts';

const tall = { width: 1440, height: 1200 };
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describe('membership and loyalty in the browser', () => {
  const suite = browserSuite();

  it('enrols a customer, shows the points a paid order earned, and adjusts them with a reason', async () => {
    const api = suite.server.admin;
    const customer = await createCustomer(api, { name: '杭州会员茶叶有限公司' });
    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
    const errors = errorsOf(page);
    await page.goto(`${suite.server.baseUrl}/customers/${customer.id}`);
    await page.getByRole('tab', { name: '会员' }).click();
    await page.getByTestId('member-enrol').click();
    await page.getByTestId('member-enrol-save').click();
    const balance = page.getByTestId('member-balance');
    await expect.poll(() => balance.innerText()).toBe('0');

    // The order is paid in full (through the API): 520.80 yuan at 1 point per yuan earns 520 points.
    const order = (
      await api.post('/api/v1/orders', {
        title: '龙井礼盒',
        customerId: customer.id,
        lines: [{ name: '龙井礼盒', quantity: '1', unitPrice: '520.80', taxRate: '0' }],
      })
    ).json();
    await api.post(`/api/v1/orders/${order.id}/submit`);
    const [instalment] = (
      await api.put(`/api/v1/orders/${order.id}/payment-plan`, {
        instalments: [{ dueDate: today(), amount: '520.80' }],
      })
    ).json();
    const receipt = (
      await api.post('/api/v1/receipts', {
        customerId: customer.id,
        receivedOn: today(),
        amount: '520.80',
        method: 'bank_transfer',
        allocations: [{ instalmentId: instalment.id, amount: '520.80' }],
      })
    ).json();
    expect((await api.post(`/api/v1/receipts/${receipt.id}/confirm`)).statusCode).toBe(200);

    await page.reload();
    await page.getByRole('tab', { name: '会员' }).click();
    await expect.poll(() => balance.innerText()).toBe('520');
    const ledger = page.getByTestId('points-ledger');
    await expect.poll(() => ledger.innerText()).toContain(order.number);

    await page.getByTestId('member-adjust').click();
    await page.getByTestId('member-adjust-points').fill('-120');
    await page.getByTestId('member-adjust-reason').fill('兑换茶具礼品');
    await page.getByTestId('member-adjust-save').click();
    await expect.poll(() => balance.innerText()).toBe('400');
    await expect.poll(() => ledger.innerText()).toContain('兑换茶具礼品');
    expect(await ledger.innerText()).toContain('-120');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
