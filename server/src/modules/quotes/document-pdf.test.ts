import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createUserClient } from '../../../test/factories.ts';
import { pdfText } from '../../../test/pdf-text.ts';

/** The text a PDF shows, as far as its content streams reveal it: enough to tell that pages and fonts are there. */
const pdfInfo = (pdf: Buffer) => {
  const text = pdf.toString('latin1');
  return {
    pages: (text.match(/\/Type \/Page\b/g) ?? []).length,
    embedsFont: /\/FontFile2/.test(text),
    title: /\/Title \((.*?)\)/.exec(text)?.[1] ?? '',
  };
};

describe.each(testDialects)('quote PDF on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('renders a 50-line quote with the Chinese font embedded, over several pages', async () => {
    await t.admin.patch('/api/v1/settings', {
      companyName: '杭州示例科技有限公司',
      bankAccounts: [
        { bankName: '招商银行杭州分行', accountName: '杭州示例科技有限公司', accountNumber: '5719 0000 0000 0001' },
      ],
    });
    const customer = await createCustomer(t.admin, { name: '上海客户' });
    const lines = Array.from({ length: 50 }, (_, i) => ({
      name: `服务项目 ${i + 1}：现场调试与培训`,
      quantity: String(i + 1),
      unitPrice: '128.50',
      taxRate: '6',
    }));
    const quote = (
      await t.admin.post('/api/v1/quotes', {
        title: '年度服务报价',
        customerId: customer.id,
        lines,
        terms: '付款方式：合同签订后 30 日内付清。',
      })
    ).json();
    const started = performance.now();
    const response = await t.admin.get(`/api/v1/quotes/${quote.id}/pdf`);
    const elapsed = performance.now() - started;
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain(encodeURIComponent(`${quote.number}.pdf`));
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const info = pdfInfo(pdf);
    expect(info.embedsFont).toBe(true);
    expect(info.pages).toBeGreaterThanOrEqual(2);
    // Embedded as a subset: far smaller than the 10 MB font file.
    expect(pdf.length).toBeLessThan(1_000_000);
    expect(elapsed).toBeLessThan(5_000);

    const english = await t.admin.get(`/api/v1/quotes/${quote.id}/pdf`, { locale: 'en' });
    expect(english.statusCode).toBe(200);
    expect((await t.admin.get(`/api/v1/quotes/${quote.id}/pdf`, { locale: 'fr' })).statusCode).toBe(400);
    const outsider = await createUserClient(t, 'sales_rep');
    expect((await outsider.get(`/api/v1/quotes/${quote.id}/pdf`)).statusCode).toBe(404);
  });

  it("prints the seller's details, the units, the total in Chinese capitals and room for signatures and seals", async () => {
    const patched = await t.admin.patch('/api/v1/settings', {
      companyName: '杭州示例科技有限公司',
      companyAddress: '杭州市西湖区文三路 100 号',
      companyPhone: '0571-88886666',
      companyTaxNumber: '91330100mA2abcde1x',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().companyTaxNumber).toBe('91330100MA2ABCDE1X');
    const customer = await createCustomer(t.admin, { name: '宁波客户' });
    const quote = (
      await t.admin.post('/api/v1/quotes', {
        title: '设备报价',
        customerId: customer.id,
        lines: [{ name: '打印机', quantity: '1', unit: 'set', unitPrice: '11389.27', taxRate: '0' }],
      })
    ).json();
    expect(quote.total).toBe('11389.27');
    const chinese = (await pdfText((await t.admin.get(`/api/v1/quotes/${quote.id}/pdf`)).rawPayload)).replace(
      /\s/g,
      '',
    );
    for (const expected of [
      '地址:杭州市西湖区文三路100号',
      '电话:0571-88886666',
      '税号:91330100MA2ABCDE1X',
      '合计金额（大写）:壹万壹仟叁佰捌拾玖元贰角柒分',
      '供方（盖章）',
      '需方（盖章）',
      '授权代表签字',
    ])
      expect(chinese).toContain(expected);
    expect(chinese).toMatch(/单位.*打印机1套/);
    const english = await pdfText((await t.admin.get(`/api/v1/quotes/${quote.id}/pdf`, { locale: 'en' })).rawPayload);
    expect(english).toContain('Seller (seal)');
    expect(english).toContain('Tax no.: 91330100MA2ABCDE1X');
    expect(english).not.toContain('壹');

    const bad = await t.admin.patch('/api/v1/settings', { companyTaxNumber: '123' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(['companyTaxNumber']);
  });

  it('prints an order the same way, titled as an order, with its delivery date and address', async () => {
    const customer = await createCustomer(t.admin, { name: '苏州订货客户' });
    const order = (
      await t.admin.post('/api/v1/orders', {
        title: '设备订单',
        customerId: customer.id,
        requestedDeliveryDate: '2027-01-15',
        shippingAddress: '苏州市工业园区星湖街 328 号',
        lines: [{ name: '扫描仪', quantity: '3', unit: 'unit', unitPrice: '1000', taxRate: '13' }],
      })
    ).json();
    const response = await t.admin.get(`/api/v1/orders/${order.id}/pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain(encodeURIComponent(`${order.number}.pdf`));
    const text = (await pdfText(response.rawPayload)).replace(/\s/g, '');
    for (const expected of [
      '销售订单',
      `订单号:${order.number}`,
      '交货日期:2027-01-15',
      '收货地址:苏州市工业园区星湖街328号',
      '扫描仪3台',
      '合计金额（大写）:叁仟叁佰玖拾元整',
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain('有效期至');
    const outsider = await createUserClient(t, 'sales_rep');
    expect((await outsider.get(`/api/v1/orders/${order.id}/pdf`)).statusCode).toBe(404);
  });

  it('prints the company logo once one is set, and keeps logo changes to administrators', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    const upload = (client: TestApp['admin'], content: Buffer) => {
      const boundary = 'logo-boundary';
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="logo.png"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return client.request('POST', '/api/v1/settings/logo', {
        payload,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
    };
    const customer = await createCustomer(t.admin);
    const quote = (
      await t.admin.post('/api/v1/quotes', {
        title: 'logo',
        customerId: customer.id,
        lines: [{ name: 'a', quantity: '1', unitPrice: '1' }],
      })
    ).json();
    const hasImage = async () =>
      /\/Subtype \/Image/.test((await t.admin.get(`/api/v1/quotes/${quote.id}/pdf`)).rawPayload.toString('latin1'));
    expect((await t.admin.get('/api/v1/settings/logo')).statusCode).toBe(404);
    expect((await t.admin.get('/api/v1/settings/logo/info')).json()).toEqual({ hasLogo: false });
    expect(await hasImage()).toBe(false);

    const rep = await createUserClient(t, 'sales_rep');
    expect((await upload(rep, png)).statusCode).toBe(403);
    expect((await upload(t.admin, Buffer.from('GIF89a not supported'))).statusCode).toBe(415);
    expect((await upload(t.admin, Buffer.concat([png, Buffer.alloc(600 * 1024)]))).statusCode).toBe(413);
    expect((await upload(t.admin, png)).statusCode).toBe(204);
    const served = await rep.get('/api/v1/settings/logo');
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.rawPayload.equals(png)).toBe(true);
    expect((await rep.get('/api/v1/settings/logo/info')).json()).toEqual({ hasLogo: true });
    expect(await hasImage()).toBe(true);
    // The logo is not part of the settings everyone reads.
    expect(JSON.stringify((await rep.get('/api/v1/settings')).json())).not.toContain('base64');

    expect((await t.admin.delete('/api/v1/settings/logo')).statusCode).toBe(204);
    expect(await hasImage()).toBe(false);
    expect((await t.admin.get('/api/v1/settings/logo/info')).json()).toEqual({ hasLogo: false });
  });
});
