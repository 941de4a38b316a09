import { describe, expect, it } from 'vitest';
import { adminPassword } from '../server/test/app.ts';
import { createCustomer } from '../server/test/factories.ts';
import { browserSuite, chooseOption, errorsOf, signInPage } from './harness.ts';

describe('SMS in the browser', () => {
  const suite = browserSuite();

  it('sends an SMS from a template to a contact, sees it on the timeline and in the outbox page', async () => {
    const api = suite.server.admin;
    await api.put('/api/v1/settings/sms', { provider: 'outbox', perRecipientPerHour: 5 });
    await api.post('/api/v1/sms/templates', {
      name: '发货通知',
      providerCode: 'SMS_778899',
      signature: '瑞联科技',
      content: '${name}您好，您的订单已发货。',
      variables: [{ name: 'name', maxLength: 10 }],
    });
    const customer = await createCustomer(api, { name: '苏州青禾电子有限公司' });
    await api.post('/api/v1/contacts', { customerId: customer.id, name: '陈静', mobile: '13912345678' });

    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword, 'zh-CN');
    const errors = errorsOf(page);
    await page.goto(`${suite.server.baseUrl}/customers/${customer.id}`);
    await page.getByRole('tab', { name: /^联系人/ }).click();
    const row = page.locator('tr', { hasText: '陈静' });
    await row.getByTestId('sms-send').click();
    const dialog = page.locator('.ant-modal', { hasText: '发短信给 陈静' });
    await chooseOption(page, dialog.getByTestId('sms-template').locator('input'), '发货通知');
    await dialog.getByTestId('sms-var-name').fill('陈女士');
    await expect
      .poll(() => dialog.getByTestId('sms-preview').innerText())
      .toBe('【瑞联科技】陈女士您好，您的订单已发货。');
    await page.locator('#sms-send-ok').click();
    await expect.poll(() => page.getByText('短信已发送').count()).toBeGreaterThan(0);

    await page.getByRole('tab', { name: '动态' }).click();
    const entry = page.getByTestId('timeline-sms').first();
    await expect.poll(() => entry.innerText()).toContain('【瑞联科技】陈女士您好，您的订单已发货。');
    expect(await entry.innerText()).toContain('短信发给 陈静');

    await page.goto(`${suite.server.baseUrl}/admin/sms`);
    await page.getByRole('tab', { name: '发件箱' }).click();
    const outbox = page.getByTestId('sms-outbox');
    await expect
      .poll(() => outbox.locator('tbody tr.ant-table-row').first().innerText())
      .toMatch(/13912345678[\s\S]*SMS_778899[\s\S]*陈女士您好/);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
