import { describe, expect, it } from 'vitest';
import { adminPassword } from '../server/test/app.ts';
import { createCustomer, createDepartment, createUserClient, unique, userPassword } from '../server/test/factories.ts';
import { startSmtpServer } from '../server/test/smtp.ts';
import { browserSuite, chooseOption, signInPage } from './harness.ts';

// The menu has grown long: a tall window keeps drop-downs from being scrolled away under the pointer.
const tall = { width: 1440, height: 1200 };

describe('products and prices in the browser', () => {
  const suite = browserSuite();

  it('adds a product line and a product, then prices it for one customer', async () => {
    const customer = await createCustomer(suite.server.admin, { name: '宁波港务物资公司' });
    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
    await page.getByRole('menuitem', { name: '产品' }).click();
    await page.waitForURL('**/products');
    await page.getByRole('button', { name: '新建分类' }).first().click();
    await page.getByRole('textbox', { name: '分类名称' }).fill('港口机械');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确 ?定|OK/ })
      .click();
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
    await chooseOption(page, page.getByRole('combobox', { name: '类型' }), '客户协议价', { search: false });
    await chooseOption(page, page.getByRole('combobox', { name: '客户' }), '宁波港务物资公司', { search: '宁波港' });
    await page.getByTestId('pricebook-save').click();
    await page.locator('.ant-drawer-content').waitFor({ state: 'detached' });
    // The product goes in through the API (picking it in the search box is covered by the quote editor);
    // its price is then changed on the page.
    const [book] = (await suite.server.admin.get('/api/v1/price-books')).json();
    await suite.server.admin.put(`/api/v1/price-books/${book.id}/entries`, {
      entries: [{ productId: product.id, price: product.listPrice }],
    });
    await page.reload();
    const price = page.getByRole('spinbutton', { name: '价格表价格 CR-01' });
    await expect.poll(() => price.inputValue()).toBe('1280000.00');
    await price.fill('1150000');
    await price.press('Tab');
    await expect
      .poll(
        async () =>
          (
            await suite.server.admin.get('/api/v1/prices', { customerId: customer.id, productId: String(product.id) })
          ).json()[0].price,
      )
      .toBe('1150000.00');
    await page.context().close();
  });

  it('builds a quote from an opportunity, downloads its PDF, revises and accepts it, orders, delivers and is paid', async () => {
    const api = suite.server.admin;
    const customer = await createCustomer(api, { name: '苏州精密制造有限公司' });
    const [pipeline] = (await api.get('/api/v1/pipelines')).json();
    const opportunity = (
      await api.post('/api/v1/opportunities', {
        name: '产线改造',
        customerId: customer.id,
        stageId: pipeline.stages[2].id,
        amount: '50000',
      })
    ).json();
    const code = unique('PLC');
    await api.post('/api/v1/products', { code, name: '可编程控制器', listPrice: '2999.5', taxRate: '13' });

    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
    await page.goto(`${suite.server.baseUrl}/opportunities/${opportunity.id}`);
    await page.getByTestId('opportunity-new-quote').click();
    await page.waitForURL('**/quotes/new**');
    await expect.poll(() => page.getByTestId('quote-title').inputValue()).toBe('产线改造');
    await chooseOption(page, page.getByTestId('quote-add-product'), `${code} · 可编程控制器`, {
      search: code,
      showsChoice: false,
    });
    await page.getByRole('spinbutton', { name: '数量 1' }).fill('4');
    // 4 × 2999.50 = 11998.00, tax 13 % = 1559.74
    await expect.poll(() => page.getByTestId('quote-totals').innerText()).toContain('13,557.74');
    await page.getByTestId('quote-save').click();
    await page.waitForURL(/\/quotes\/\d+$/);
    await expect.poll(() => page.getByTestId('quote-total').innerText()).toContain('13,557.74');

    await page.getByTestId('quote-send').click();
    await expect.poll(() => page.getByTestId('quote-accept').isVisible()).toBe(true);
    await page.getByTestId('quote-edit').click();
    await page.getByRole('spinbutton', { name: '折扣% 1' }).fill('10');
    await page.getByTestId('quote-save').click();
    await expect.poll(() => page.getByText(/v2/).first().isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('quote-total').innerText()).toContain('12,201.97');
    const pdf = page.waitForEvent('download');
    await page.getByTestId('quote-pdf').locator('button').first().click();
    const file = await pdf;
    expect(file.suggestedFilename()).toMatch(/^Q\d{6}-\d{4}\.pdf$/);
    expect(
      (await import('node:fs'))
        .readFileSync((await file.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await page.getByTestId('quote-send').click();
    await page.getByTestId('quote-accept').click();
    await expect
      .poll(async () => (await api.get('/api/v1/quotes', { opportunityId: opportunity.id })).json().items[0])
      .toMatchObject({ version: 2, status: 'accepted' });

    // The accepted quote becomes the order, which is approved (no flow applies), delivered and completed.
    await page.getByTestId('quote-to-order').click();
    await page.waitForURL(/\/orders\/\d+$/);
    await expect.poll(() => page.getByTestId('order-total').innerText()).toContain('12,201.97');
    await page.getByTestId('order-submit').click();
    await page.getByTestId('order-deliver').click();
    await page.getByRole('textbox', { name: '运单号' }).fill('SF100200300');
    await page.getByTestId('delivery-save').click();
    await page.getByTestId('order-complete').click();
    const orderId = Number(page.url().split('/').pop());
    await expect
      .poll(async () => (await api.get(`/api/v1/orders/${orderId}`)).json())
      .toMatchObject({ status: 'completed', deliveries: [{ trackingNumber: 'SF100200300' }] });

    // One instalment for the whole amount; the customer owes it until the payment is confirmed.
    await page.getByTestId('set-plan').click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确 ?定|OK/ })
      .click();
    await expect.poll(() => page.getByTestId('instalments').innerText()).toContain('12,201.97');
    await page.getByRole('menuitem', { name: '应收款' }).click();
    await expect.poll(() => page.getByTestId('aging').innerText()).toContain('苏州精密制造有限公司');
    await page.goBack();
    await page.getByTestId('record-payment').click();
    // The payment is saved before it is confirmed: a refused or slow save says so here.
    const saved = page.waitForResponse(
      (response) => response.url().endsWith('/api/v1/receipts') && response.request().method() === 'POST',
    );
    await page.getByTestId('payment-save').click();
    expect((await saved).status()).toBe(201);
    await expect.poll(() => page.locator('[data-testid^="confirm-"]').count()).toBe(1);
    await page.locator('[data-testid^="confirm-"]').click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确 ?定|OK/ })
      .click();
    await expect
      .poll(async () => (await api.get('/api/v1/receivables', { orderId })).json())
      .toMatchObject({ received: '12201.97', outstanding: '0.00' });
    await page.getByRole('menuitem', { name: '应收款' }).click();
    await expect.poll(() => page.getByTestId('aging').innerText()).not.toContain('苏州精密制造有限公司');
    // The month's reconciliation shows the delivery and the confirmed payment side by side.
    await page.getByRole('menuitem', { name: '对账' }).click();
    await expect.poll(() => page.locator('.ant-table-summary').innerText()).toContain('12,201.97');
    await page.context().close();
  });

  it('sends a deeply discounted quote through approval: the rep submits, the manager rejects then approves', async () => {
    const api = suite.server.admin;
    const team = await createDepartment(suite.server, '华北大区');
    const manager = await createUserClient(suite.server, 'sales_manager', team);
    await api.patch(`/api/v1/departments/${team}`, { managerId: manager.userId });
    const rep = await createUserClient(suite.server, 'sales_rep', team);
    await api.post('/api/v1/approval-flows', {
      name: '特价审批',
      documentType: 'quote',
      priority: 1,
      conditions: [{ fact: 'discountPercent', op: '>', value: '20' }],
      steps: [{ name: '大区经理', approverType: 'department_manager' }],
    });
    const customer = await createCustomer(rep, { name: '天津港机有限公司' });
    const quote = (
      await rep.post('/api/v1/quotes', {
        title: '特价报价',
        customerId: customer.id,
        lines: [{ name: '吊具', quantity: '2', unitPrice: '50000', discountPercent: '30' }],
      })
    ).json();

    const repPage = await signInPage(suite.browser, suite.server.baseUrl, rep.username, userPassword, 'zh-CN', tall);
    await repPage.goto(`${suite.server.baseUrl}/quotes/${quote.id}`);
    await repPage.getByTestId('submit-approval').click();
    await expect.poll(() => repPage.getByTestId('document-approval').innerText()).toContain('Pending');

    const managerPage = await signInPage(
      suite.browser,
      suite.server.baseUrl,
      manager.username,
      userPassword,
      'zh-CN',
      tall,
    );
    await managerPage.goto(`${suite.server.baseUrl}/approvals`);
    const row = managerPage.getByTestId('approvals-pending').getByRole('row', { name: /特价报价/ });
    await row.getByRole('button', { name: 'Reject' }).click();
    await managerPage.getByTestId('reject-reason').fill('折扣超过权限，请改为 20%');
    await managerPage.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
    await expect.poll(() => managerPage.getByTestId('approvals-pending').innerText()).not.toContain('特价报价');

    await repPage.reload();
    await expect.poll(() => repPage.getByTestId('document-approval').innerText()).toContain('折扣超过权限');
    await rep.patch(`/api/v1/quotes/${quote.id}`, {
      lines: [{ name: '吊具', quantity: '2', unitPrice: '50000', discountPercent: '25' }],
    });
    await repPage.reload();
    await repPage.getByTestId('submit-approval').click();
    await expect.poll(() => repPage.getByTestId('document-approval').innerText()).toContain('Pending');

    await managerPage.reload();
    await managerPage
      .getByTestId('approvals-pending')
      .getByRole('row', { name: /特价报价/ })
      .getByRole('button', { name: 'Approve' })
      .click();
    await repPage.reload();
    await repPage.getByTestId('quote-send').click();
    await expect
      .poll(async () => (await rep.get(`/api/v1/quotes/${quote.id}`)).json())
      .toMatchObject({ status: 'sent', approvalStatus: 'approved' });
    await repPage.context().close();
    await managerPage.context().close();
  });

  it('creates a contract, brings it into force and renews it', async () => {
    await createCustomer(suite.server.admin, { name: '合肥新能源装备公司' });
    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
    await page.getByRole('menuitem', { name: /(^|\s)合同$/ }).click();
    await page.waitForURL('**/contracts');
    await page.getByTestId('new-contract').click();
    await page.getByRole('textbox', { name: '合同名称' }).fill('储能设备年度采购合同');
    await chooseOption(page, page.getByRole('combobox', { name: '客户' }), '合肥新能源');
    await page.getByRole('spinbutton', { name: '合同金额' }).fill('880000');
    await page.getByTestId('contract-save').click();
    const row = page.getByRole('row', { name: /储能设备年度采购合同/ });
    await row.getByRole('button', { name: '提交' }).click();
    await expect.poll(() => row.innerText()).toContain('生效中');
    // The signed scan goes with the contract.
    await row.locator('.ant-table-row-expand-icon').click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '上传' }).click();
    await (
      await chooser
    ).setFiles({
      name: '储能合同签字版.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% signed\n'),
    });
    await expect.poll(() => page.getByText('储能合同签字版.pdf').isVisible()).toBe(true);
    await row.getByRole('button', { name: '续签' }).click();
    await expect
      .poll(async () =>
        (await suite.server.admin.get('/api/v1/contracts', { q: '储能设备' }))
          .json()
          .items.map((c: { status: string }) => c.status)
          .sort(),
      )
      .toEqual(['draft', 'in_force']);
    await page.context().close();
  });

  it('puts the company logo on quotes and emails a quote as a PDF to the customer', async () => {
    const api = suite.server.admin;
    const smtp = await startSmtpServer();
    try {
      await api.put('/api/v1/settings/mail', {
        host: '127.0.0.1',
        port: smtp.port,
        secure: false,
        from: 'sales@relate.example',
      });
      const customer = await createCustomer(api, { name: '无锡智能装备有限公司' });
      const contact = (
        await api.post('/api/v1/contacts', {
          name: '周经理',
          customerId: customer.id,
          email: 'zhou@wuxi-equip.example',
        })
      ).json();
      const quote = (
        await api.post('/api/v1/quotes', {
          title: '视觉检测工位',
          customerId: customer.id,
          contactId: contact.id,
          lines: [{ name: '工业相机', quantity: '2', unitPrice: '6800', taxRate: '13' }],
        })
      ).json();

      const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
      await page.goto(`${suite.server.baseUrl}/admin/settings`);
      const logo = Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        'base64',
      );
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId('logo-upload').click();
      await (await chooser).setFiles({ name: 'logo.png', mimeType: 'image/png', buffer: logo });
      await expect.poll(async () => (await api.get('/api/v1/settings/logo')).statusCode).toBe(200);
      await expect.poll(() => page.getByTestId('company-logo').isVisible()).toBe(true);

      await page.goto(`${suite.server.baseUrl}/quotes/${quote.id}`);
      await page.getByTestId('quote-email').click();
      // The quote's contact is the first recipient.
      await expect.poll(() => page.getByTestId('quote-email-to').innerText()).toContain('zhou@wuxi-equip.example');
      await page.getByRole('combobox', { name: '抄送' }).fill('boss@wuxi-equip.example');
      await page.keyboard.press('Enter');
      await page.getByTestId('quote-email-send').click();
      await expect.poll(() => smtp.received.length).toBe(1);
      expect(smtp.received[0].to.sort()).toEqual(['boss@wuxi-equip.example', 'zhou@wuxi-equip.example']);
      expect(smtp.received[0].raw).toContain(`${quote.number}.pdf`);
      await expect.poll(async () => (await api.get(`/api/v1/quotes/${quote.id}`)).json().status).toBe('sent');
      await expect.poll(() => page.getByText('已发送', { exact: true }).first().isVisible()).toBe(true);
      await page.context().close();
    } finally {
      await smtp.close();
    }
  });
});
