import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../test/app.ts';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createUserClient, unique } from '../../../test/factories.ts';

const creditCode = '91110108551385082Q';
const fen = (v: string) => Math.round(Number(v) * 100);

function upload(client: Client, invoiceId: number, fileName: string, content: Buffer) {
  const boundary = 'relateboundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return client.request('POST', `/api/v1/invoices/${invoiceId}/attachments`, {
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

describe.each(testDialects)('VAT invoicing on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const issue = async (lines: Array<{ name: string; amount: string; taxRate: string }>) => {
    const customer = await createCustomer(t.admin);
    const response = await t.admin.post('/api/v1/invoices', {
      type: 'digital_special',
      number: unique('INV'),
      issuedOn: '2026-12-01',
      customerId: customer.id,
      buyerTitle: customer.name,
      buyerTaxId: creditCode,
      lines,
    });
    expect(response.statusCode).toBe(201);
    return (await t.admin.get(`/api/v1/invoices/${response.json().id}`)).json();
  };
  const redLetter = (id: number, body: Record<string, unknown>) =>
    t.admin.post(`/api/v1/invoices/${id}/red-letter`, {
      number: unique('RED'),
      issuedOn: '2026-12-05',
      reason: '退货',
      ...body,
    });

  it('takes each line’s tax out of its amount to the fen and totals the invoice as the sum of its lines', async () => {
    const invoice = await issue([
      { name: '设备', amount: '100.00', taxRate: '13' },
      { name: '服务', amount: '100.00', taxRate: '6' },
      { name: '运费', amount: '0.01', taxRate: '9' },
    ]);
    expect(invoice.lines.map((l: { tax: string; net: string }) => [l.net, l.tax])).toEqual([
      ['88.50', '11.50'],
      ['94.34', '5.66'],
      ['0.01', '0.00'],
    ]);
    expect(invoice).toMatchObject({
      amount: '200.01',
      tax: '17.16',
      amountInWords: '贰佰元零壹分',
      creditable: '200.01',
    });
  });

  it('refuses an 18-character taxpayer number whose check character is wrong', async () => {
    const customer = await createCustomer(t.admin);
    const wrong = await t.admin.post('/api/v1/invoices', {
      type: 'digital_special',
      number: unique('INV'),
      issuedOn: '2026-12-01',
      customerId: customer.id,
      buyerTitle: 'x',
      buyerTaxId: '91110108551385082R',
      amount: '10',
      tax: '1',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toHaveProperty('buyerTaxId');
  });

  it('lets several partial red-letter credits reverse a line exactly, and never more than is left', async () => {
    const invoice = await issue([
      { name: '设备', amount: '1130.00', taxRate: '13' },
      { name: '服务', amount: '106.00', taxRate: '6' },
    ]);
    const [equipment, service] = invoice.lines;
    // Four partial credits of the first line, one of a few fen: each keeps net + tax = amount.
    const parts = ['0.03', '300.00', '129.97', '200.00'];
    for (const amount of parts) {
      const red = await redLetter(invoice.id, { lines: [{ lineId: equipment.id, amount }] });
      expect(red.statusCode).toBe(201);
      expect(red.json()).toMatchObject({ amount: `-${amount}`, redOfId: invoice.id, redReason: '退货' });
    }
    let now = (await t.admin.get(`/api/v1/invoices/${invoice.id}`)).json();
    expect(now.lines[0].credited).toBe('630.00');
    expect(now.creditable).toBe('606.00');
    // More than the 500.00 left of the line is refused, naming what is left.
    const over = await redLetter(invoice.id, { lines: [{ lineId: equipment.id, amount: '500.01' }] });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.fields).toHaveProperty(['lines.0.amount']);
    // A line of another invoice is not this invoice's.
    const other = await issue([{ name: 'x', amount: '1.00', taxRate: '13' }]);
    const foreign = await redLetter(invoice.id, { lines: [{ lineId: other.lines[0].id, amount: '1.00' }] });
    expect(foreign.json().error.fields).toHaveProperty(['lines.0.lineId']);
    // "All" reverses exactly what is left of every line.
    const rest = await redLetter(invoice.id, { all: true });
    expect(rest.statusCode).toBe(201);
    now = (await t.admin.get(`/api/v1/invoices/${invoice.id}`)).json();
    expect(now.creditable).toBe('0.00');
    // Every red-letter line together reverses its line to the fen: net and tax both.
    const reds = (await t.admin.get('/api/v1/invoices', { redOfId: invoice.id, pageSize: 200 })).json();
    expect(reds.total).toBe(5);
    const details = await Promise.all(
      reds.items.map(async (r: { id: number }) => (await t.admin.get(`/api/v1/invoices/${r.id}`)).json()),
    );
    const sum = (lineId: number, field: 'net' | 'tax' | 'total') =>
      details
        .flatMap((d) => d.lines)
        .filter((l: { redOfLineId: number }) => l.redOfLineId === lineId)
        .reduce((s: number, l: Record<string, string>) => s + fen(l[field]), 0);
    for (const line of [equipment, service]) {
      expect(sum(line.id, 'net')).toBe(-fen(line.net));
      expect(sum(line.id, 'tax')).toBe(-fen(line.tax));
      expect(sum(line.id, 'total')).toBe(-fen(line.total));
    }
    expect((await redLetter(invoice.id, { all: true })).statusCode).toBe(400);
    expect((await redLetter(reds.items[0].id, { all: true })).statusCode).toBe(409);
  });

  it('requests a special invoice for a billing profile, has finance approve it, registers it with its file and credits half', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const finance = await createUserClient(t, 'finance');
    const colleague = await createUserClient(t, 'sales_rep');
    const customer = await createCustomer(rep, { name: unique('开票') });
    // Billing profiles: the check character and the phone are checked; the first is the default.
    const bad = await rep.post(`/api/v1/customers/${customer.id}/billing-profiles`, {
      title: customer.name,
      taxId: '91110108551385082R',
      phone: '12345',
    });
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['phone', 'taxId']);
    const personal = (
      await rep.post(`/api/v1/customers/${customer.id}/billing-profiles`, { title: '张三（个人）' })
    ).json();
    expect(personal.isDefault).toBe(true);
    const company = await rep.post(`/api/v1/customers/${customer.id}/billing-profiles`, {
      title: customer.name,
      taxId: creditCode.toLowerCase(),
      address: '北京市海淀区上地十街10号',
      phone: '010-59928888',
      bankName: '招商银行北京分行',
      bankAccount: '1109 0123 4567 890',
      isDefault: true,
    });
    expect(company.statusCode).toBe(201);
    const profiles = (await rep.get(`/api/v1/customers/${customer.id}/billing-profiles`)).json();
    expect(profiles.map((p: { isDefault: boolean }) => p.isDefault)).toEqual([true, false]);
    expect(profiles[0]).toMatchObject({ taxId: creditCode, bankAccount: '110901234567890' });
    expect((await colleague.get(`/api/v1/customers/${customer.id}/billing-profiles`)).statusCode).toBe(404);

    const request = {
      customerId: customer.id,
      billingProfileId: personal.id,
      type: 'digital_special',
      lines: [{ name: '软件许可', amount: '2260.00', taxRate: '13' }],
    };
    // A special invoice needs the profile with the taxpayer number.
    expect((await rep.post('/api/v1/invoice-requests', request)).json().error.fields).toHaveProperty(
      'billingProfileId',
    );
    const created = await rep.post('/api/v1/invoice-requests', { ...request, billingProfileId: company.json().id });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      status: 'pending',
      amount: '2260.00',
      tax: '260.00',
      amountInWords: '贰仟贰佰陆拾元整',
      buyerTaxId: creditCode,
    });
    const id = created.json().id;
    expect((await colleague.get(`/api/v1/invoice-requests/${id}`)).statusCode).toBe(404);
    // Not approved yet: it cannot be registered; a rep may not register at all.
    expect(
      (await finance.post(`/api/v1/invoice-requests/${id}/register`, { number: 'X', issuedOn: '2026-12-01' }))
        .statusCode,
    ).toBe(409);
    expect(
      (await rep.post(`/api/v1/invoice-requests/${id}/register`, { number: 'X', issuedOn: '2026-12-01' })).statusCode,
    ).toBe(403);
    const [approval] = (await finance.get(`/api/v1/approvals/of/invoice_request/${id}`)).json();
    expect((await finance.post(`/api/v1/approvals/${approval.id}/approve`, { comment: '同意' })).statusCode).toBe(200);
    expect((await rep.get(`/api/v1/invoice-requests/${id}`)).json().status).toBe('approved');
    const number = unique('2544');
    const registered = await finance.post(`/api/v1/invoice-requests/${id}/register`, {
      number,
      issuedOn: '2026-12-02',
    });
    expect(registered.statusCode).toBe(201);
    expect(registered.json()).toMatchObject({ number, amount: '2260.00', tax: '260.00', requestId: id });
    const invoiceId = registered.json().id;
    expect((await rep.get(`/api/v1/invoice-requests/${id}`)).json()).toMatchObject({
      status: 'issued',
      invoiceNumber: number,
    });
    expect(
      (await finance.post(`/api/v1/invoice-requests/${id}/register`, { number: 'Y', issuedOn: '2026-12-01' }))
        .statusCode,
    ).toBe(409);
    const ofd = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('OFD.xml')]);
    expect((await upload(finance, invoiceId, `${number}.ofd`, ofd)).statusCode).toBe(201);
    expect((await upload(rep, invoiceId, `${number}.pdf`, Buffer.from('%PDF-1.7'))).statusCode).toBe(403);
    expect((await rep.get(`/api/v1/invoices/${invoiceId}/attachments`)).json()).toHaveLength(1);
    // Half of it credited by finance.
    const detail = (await finance.get(`/api/v1/invoices/${invoiceId}`)).json();
    const half = await finance.post(`/api/v1/invoices/${invoiceId}/red-letter`, {
      number: unique('RED'),
      issuedOn: '2026-12-06',
      reason: '部分退货',
      lines: [{ lineId: detail.lines[0].id, amount: '1130.00' }],
    });
    expect(half.json()).toMatchObject({ amount: '-1130.00', tax: '-130.00' });
    expect((await finance.get(`/api/v1/invoices/${invoiceId}`)).json().creditable).toBe('1130.00');
  });

  it('keeps the requests of an order within what is left to invoice', async () => {
    const customer = await createCustomer(t.admin);
    const order = (
      await t.admin.post('/api/v1/orders', {
        title: '开票上限',
        customerId: customer.id,
        lines: [{ name: '设备', quantity: '1', unitPrice: '1000', taxRate: '13' }],
      })
    ).json();
    await t.admin.post(`/api/v1/orders/${order.id}/submit`);
    const profile = (
      await t.admin.post(`/api/v1/customers/${customer.id}/billing-profiles`, {
        title: customer.name,
        taxId: creditCode,
      })
    ).json();
    const ask = (amount: string) =>
      t.admin.post('/api/v1/invoice-requests', {
        customerId: customer.id,
        orderId: order.id,
        billingProfileId: profile.id,
        type: 'vat_ordinary',
        lines: [{ name: '设备', amount, taxRate: '13' }],
      });
    expect((await ask('600.00')).statusCode).toBe(201);
    const over = await ask('530.01');
    expect(over.statusCode).toBe(400);
    expect(over.json().error.fields.lines).toContain('530.00');
    expect((await ask('530.00')).statusCode).toBe(201);
  });

  it('lists more requests than a page holds, newest first, with the total of all', async () => {
    const customer = await createCustomer(t.admin);
    const profile = (
      await t.admin.post(`/api/v1/customers/${customer.id}/billing-profiles`, { title: customer.name })
    ).json();
    for (let i = 0; i < 7; i++)
      await t.admin.post('/api/v1/invoice-requests', {
        customerId: customer.id,
        billingProfileId: profile.id,
        type: 'digital_ordinary',
        lines: [{ name: `第${i}项`, amount: `${i + 1}.00`, taxRate: '6' }],
      });
    const first = (await t.admin.get('/api/v1/invoice-requests', { customerId: customer.id, pageSize: 5 })).json();
    expect(first.total).toBe(7);
    expect(first.items).toHaveLength(5);
    expect(first.items[0].amount).toBe('7.00');
    const second = (
      await t.admin.get('/api/v1/invoice-requests', { customerId: customer.id, pageSize: 5, page: 2 })
    ).json();
    expect(second.items.map((r: { amount: string }) => r.amount)).toEqual(['2.00', '1.00']);
  });
});
