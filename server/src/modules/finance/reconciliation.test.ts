import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient } from '../../../test/factories.ts';

describe.each(testDialects)('finance reconciliation on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('puts a month’s contracts and deliveries beside its confirmed payments and invoices, per rep, and exports it', async () => {
    const rep = await createUserClient(t, 'sales_rep', await createDepartment(t, '对账组'));
    const customer = await createCustomer(rep);
    const contract = (
      await rep.post('/api/v1/contracts', {
        name: '对账合同',
        customerId: customer.id,
        amount: '5000',
        signedOn: '2026-10-15',
        startsOn: '2026-10-15',
        endsOn: '2027-10-14',
      })
    ).json();
    await rep.post(`/api/v1/contracts/${contract.id}/submit`);
    const order = (
      await rep.post('/api/v1/orders', {
        title: '对账订单',
        customerId: customer.id,
        lines: [{ name: '设备', quantity: '2', unitPrice: '1500', taxRate: '0' }],
      })
    ).json();
    await rep.post(`/api/v1/orders/${order.id}/submit`);
    await t.admin.post(`/api/v1/orders/${order.id}/deliveries`, {
      deliveredOn: '2026-10-20',
      lines: [{ orderLineId: order.lines[0].id, quantity: '2' }],
    });
    const [instalment] = (
      await rep.put(`/api/v1/orders/${order.id}/payment-plan`, {
        instalments: [{ dueDate: '2026-10-31', amount: '3000' }],
      })
    ).json();
    const receipt = (
      await rep.post('/api/v1/receipts', {
        customerId: customer.id,
        receivedOn: '2026-10-25',
        amount: '1200',
        method: 'bank_transfer',
        allocations: [{ instalmentId: instalment.id, amount: '1200' }],
      })
    ).json();
    await t.admin.post(`/api/v1/receipts/${receipt.id}/confirm`);
    await t.admin.post('/api/v1/invoices', {
      type: 'vat_ordinary',
      number: 'REC-1',
      issuedOn: '2026-10-28',
      customerId: customer.id,
      orderId: order.id,
      amount: '3000',
      tax: '0',
      buyerTitle: 'x',
    });

    const month = (await rep.get('/api/v1/finance/reconciliation', { month: '2026-10' })).json();
    expect(month.rows).toEqual([
      {
        key: rep.userId,
        name: rep.username,
        currency: 'CNY',
        contractsSigned: '5000.00',
        ordersDelivered: '3000.00',
        receiptsConfirmed: '1200.00',
        invoicesIssued: '3000.00',
      },
    ]);
    const other = (await rep.get('/api/v1/finance/reconciliation', { month: '2026-11' })).json();
    expect(other.totals).toEqual({
      currency: 'CNY',
      contractsSigned: '0.00',
      ordersDelivered: '0.00',
      receiptsConfirmed: '0.00',
      invoicesIssued: '0.00',
    });

    const file = await t.admin.request('GET', '/api/v1/finance/reconciliation.xlsx', {
      query: { month: '2026-10', groupBy: 'department' },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(2).getCell(1).value).toBe('对账组');
    expect(sheet.getRow(2).getCell(2).value).toBe('CNY');
    expect(sheet.getRow(2).getCell(5).value).toBe(1200);
    const capitals = sheet.getRow(sheet.rowCount);
    expect(capitals.getCell(1).value).toBe('合计（大写）');
    expect(capitals.getCell(5).value).toBe('壹仟贰佰元整');
    expect((await t.admin.get('/api/v1/finance/reconciliation', { month: '2026-13' })).statusCode).toBe(400);
    const service = await createUserClient(t, 'service_agent');
    expect((await service.get('/api/v1/finance/reconciliation', { month: '2026-10' })).statusCode).toBe(403);
  });

  it('keeps each currency apart: a rep’s USD and CNY payments are two rows and two totals, never one sum', async () => {
    const rep = await createUserClient(t, 'sales_rep', await createDepartment(t, '外币组'));
    const customer = await createCustomer(rep);
    for (const [currency, price] of [
      ['CNY', '800'],
      ['USD', '100'],
    ]) {
      const order = (
        await rep.post('/api/v1/orders', {
          title: `对账${currency}`,
          customerId: customer.id,
          currency,
          lines: [{ name: '设备', quantity: '1', unitPrice: price, taxRate: '0' }],
        })
      ).json();
      await rep.post(`/api/v1/orders/${order.id}/submit`);
      const [instalment] = (
        await rep.put(`/api/v1/orders/${order.id}/payment-plan`, {
          instalments: [{ dueDate: '2026-09-30', amount: price }],
        })
      ).json();
      const receipt = (
        await rep.post('/api/v1/receipts', {
          customerId: customer.id,
          receivedOn: '2026-09-10',
          amount: price,
          currency,
          method: 'bank_transfer',
          allocations: [{ instalmentId: instalment.id, amount: price }],
        })
      ).json();
      await t.admin.post(`/api/v1/receipts/${receipt.id}/confirm`);
    }
    const month = (await rep.get('/api/v1/finance/reconciliation', { month: '2026-09' })).json();
    expect(
      month.rows.map((r: { currency: string; receiptsConfirmed: string }) => [r.currency, r.receiptsConfirmed]),
    ).toEqual([
      ['CNY', '800.00'],
      ['USD', '100.00'],
    ]);
    expect(
      month.totalsByCurrency.map((r: { currency: string; receiptsConfirmed: string }) => [
        r.currency,
        r.receiptsConfirmed,
      ]),
    ).toEqual([
      ['CNY', '800.00'],
      ['USD', '100.00'],
    ]);
    expect(month.totals).toMatchObject({ currency: 'CNY', receiptsConfirmed: '800.00' });
  });
});
