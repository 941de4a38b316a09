import { describe, expect, it } from 'vitest';
import { createCustomer, createUserClient, userPassword } from '../server/test/factories.ts';
import { browserSuite, chooseOption, signInPage } from './harness.ts';

const tall = { width: 1440, height: 1200 };

describe('VAT invoices in the browser', () => {
  const suite = browserSuite();

  it('requests, approves and registers a special VAT invoice, then credits half of it in red', async () => {
    const rep = await createUserClient(suite.server, 'sales_rep');
    const finance = await createUserClient(suite.server, 'finance');
    const customer = await createCustomer(rep, { name: '杭州云栖软件有限公司' });
    const order = (
      await rep.post('/api/v1/orders', {
        title: '年度软件许可',
        customerId: customer.id,
        lines: [{ name: '软件许可', quantity: '1', unitPrice: '2000', taxRate: '13' }],
      })
    ).json();
    await rep.post(`/api/v1/orders/${order.id}/submit`);

    // The rep enters the customer's billing profile; a wrong check character is refused next to the field.
    const repPage = await signInPage(suite.browser, suite.server.baseUrl, rep.username, userPassword, 'zh-CN', tall);
    await repPage.goto(`${suite.server.baseUrl}/customers/${customer.id}`);
    await repPage.getByRole('tab', { name: 'Billing profiles' }).click();
    await repPage.getByTestId('billing-profile-new').click();
    const dialog = repPage.getByRole('dialog');
    await dialog.getByLabel('Invoice title').fill('杭州云栖软件有限公司');
    await dialog.getByLabel('Taxpayer ID').fill('91330100799655058A');
    await dialog.getByLabel('Registered address').fill('杭州市西湖区云栖小镇1号');
    await dialog.getByLabel('Registered phone').fill('0571-85022088');
    await dialog.getByLabel('Bank', { exact: true }).fill('招商银行杭州分行');
    await dialog.getByLabel('Bank account').fill('571908888810201');
    await repPage.getByTestId('billing-profile-save').click();
    await expect.poll(() => dialog.innerText()).toContain('Not a valid taxpayer number');
    await dialog.getByLabel('Taxpayer ID').fill('91330100799655058B');
    await repPage.getByTestId('billing-profile-save').click();
    await expect.poll(() => repPage.getByRole('cell', { name: '91330100799655058B' }).isVisible()).toBe(true);

    // The rep asks for a digital special invoice of the order; the amount is shown in capitals.
    await repPage.goto(`${suite.server.baseUrl}/orders/${order.id}`);
    await repPage.getByTestId('invoice-request-new').click();
    await chooseOption(
      repPage,
      repPage.getByTestId('invoice-request-profile').locator('input'),
      '杭州云栖软件有限公司',
      {
        search: false,
      },
    );
    await expect.poll(() => repPage.getByTestId('invoice-request-total').innerText()).toContain('贰仟贰佰陆拾元整');
    await repPage.getByTestId('invoice-request-save').click();
    await expect.poll(() => repPage.getByTestId('invoice-requests').innerText()).toContain('Pending approval');

    // Finance approves it, then registers the issued invoice with its OFD file.
    const financePage = await signInPage(
      suite.browser,
      suite.server.baseUrl,
      finance.username,
      userPassword,
      'zh-CN',
      tall,
    );
    await financePage.goto(`${suite.server.baseUrl}/approvals`);
    await financePage
      .getByTestId('approvals-pending')
      .getByRole('row', { name: /杭州云栖软件有限公司/ })
      .getByRole('button', { name: 'Approve' })
      .click();
    await expect.poll(() => financePage.getByTestId('approvals-pending').innerText()).not.toContain('杭州云栖');
    await financePage.goto(`${suite.server.baseUrl}/invoice-requests`);
    await financePage.getByTestId('invoice-requests').getByTestId('invoice-register').click();
    await financePage.getByTestId('invoice-register-number').fill('25332000000012345678');
    await financePage
      .getByRole('dialog')
      .locator('input[type=file]')
      .setInputFiles({
        name: '25332000000012345678.ofd',
        mimeType: 'application/ofd',
        buffer: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('OFD.xml')]),
      });
    await financePage.getByTestId('invoice-register-save').click();
    await expect.poll(() => financePage.getByTestId('invoice-requests').innerText()).not.toContain('杭州云栖');
    const [invoice] = (await finance.get('/api/v1/invoices', { orderId: order.id })).json().items;
    expect(invoice).toMatchObject({
      type: 'digital_special',
      amount: '2260.00',
      tax: '260.00',
      number: '25332000000012345678',
    });
    expect((await finance.get(`/api/v1/invoices/${invoice.id}/attachments`)).json()).toHaveLength(1);

    // Half of it is credited with a red-letter invoice.
    await financePage.goto(`${suite.server.baseUrl}/orders/${order.id}`);
    await financePage.getByTestId('invoice-red-letter').click();
    const red = financePage.getByRole('dialog');
    await expect.poll(() => red.getByLabel('Credit of 软件许可').inputValue()).toBe('2260.00');
    await red.getByLabel('Credit of 软件许可').fill('1130');
    await red.getByLabel('Invoice no.').fill('25332000000012349999');
    await financePage.getByTestId('red-letter-reason').fill('退回一半许可');
    await financePage.getByTestId('red-letter-save').click();
    await expect
      .poll(async () => (await finance.get(`/api/v1/invoices/${invoice.id}`)).json().creditable)
      .toBe('1130.00');
    const [credit] = (await finance.get('/api/v1/invoices', { redOfId: invoice.id })).json().items;
    expect(credit).toMatchObject({ amount: '-1130.00', tax: '-130.00', redReason: '退回一半许可' });
    await repPage.context().close();
    await financePage.context().close();
  });
});
