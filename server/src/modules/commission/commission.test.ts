import type { CommissionLine } from '@relate/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient, unique } from '../../../test/factories.ts';
import { jobHandlers } from '../../jobs.ts';
import type { AppContext } from '../../platform/context.ts';
import { monthlyStatements } from './generation.service.ts';

// The company's time zone (Asia/Shanghai by default) decides which month "now" is in.
const shanghaiNow = () => new Date(Date.now() + 8 * 3600_000);
const thisMonth = () => shanghaiNow().toISOString().slice(0, 7);
const monthBefore = (month: string) => {
  const [year, m] = month.split('-').map(Number);
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
};
/** An instant in the middle of a month, well inside it in any time zone. */
const midMonth = (month: string) => `${month}-15T04:00:00.000Z`;

describe.each(testDialects)('commission on %s', (dialect) => {
  let t: TestApp;
  let won: number;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const [pipeline] = (await t.admin.get('/api/v1/pipelines')).json();
    won = pipeline.stages.find((s: { kind: string }) => s.kind === 'won').id;
  });
  afterAll(async () => t?.close());

  const ok = async <T = any>(
    response: Promise<{ statusCode: number; body: string; json: () => any }>,
    status = 200,
  ) => {
    const r = await response;
    expect(r.statusCode, r.body).toBe(status);
    return (r.body ? r.json() : undefined) as T;
  };
  const category = async (name: string, parentId?: number) =>
    (await ok(t.admin.post('/api/v1/product-categories', { name: unique(name), parentId }), 201)).id as number;
  const product = async (categoryId: number) =>
    (
      await ok(
        t.admin.post('/api/v1/products', { code: unique('P'), name: unique('产品'), categoryId, listPrice: '1' }),
        201,
      )
    ).id as number;
  /** An order of `rep`'s, approved now (no approval flow applies to orders here). */
  const soldOrder = async (
    rep: Client,
    customerId: number,
    lines: Array<{ productId?: number; price: string }>,
    extra: Record<string, unknown> = {},
  ) => {
    const order = await ok(
      rep.post('/api/v1/orders', {
        title: '提成订单',
        customerId,
        lines: lines.map((l) => ({
          productId: l.productId,
          name: '项目',
          quantity: '1',
          unitPrice: l.price,
          taxRate: '0',
        })),
        ...extra,
      }),
      201,
    );
    expect((await ok(rep.post(`/api/v1/orders/${order.id}/submit`))).status).toBe('approved');
    return order.id as number;
  };
  /**
   * A receipt (or, negative, a refund) of `amount` on the order's single instalment, recorded by `by` (the rep
   * unless said) and confirmed by finance (the administrator) unless `confirm` is false.
   */
  const paid = async (
    rep: Client,
    orderId: number,
    customerId: number,
    amount: string,
    { confirm = true, by = rep }: { confirm?: boolean; by?: Client } = {},
  ) => {
    let [instalment] = await ok(rep.get(`/api/v1/orders/${orderId}/payment-plan`));
    if (!instalment)
      [instalment] = await ok(
        rep.put(`/api/v1/orders/${orderId}/payment-plan`, {
          instalments: [{ dueDate: `${thisMonth()}-28`, percent: '100' }],
        }),
      );
    const receipt = await ok(
      by.post('/api/v1/receipts', {
        customerId,
        receivedOn: shanghaiNow().toISOString().slice(0, 10),
        amount,
        method: 'bank_transfer',
        allocations: [{ instalmentId: instalment.id, amount: amount.replace('-', '') }],
      }),
      201,
    );
    if (amount.startsWith('-')) await ok(by.post(`/api/v1/receipts/${receipt.id}/submit`));
    if (confirm) await ok(t.admin.post(`/api/v1/receipts/${receipt.id}/confirm`));
    return { receiptId: receipt.id as number, instalmentId: instalment.id as number };
  };
  const plan = (body: Record<string, unknown>) =>
    ok(
      t.admin.post('/api/v1/commission/plans', {
        name: unique('提成方案'),
        basis: 'received',
        startDate: '2020-01-01',
        rates: [{ rate: '10' }],
        ...body,
      }),
      201,
    );
  const generate = (month: string, userId?: number, client = t.admin) =>
    client.post(`/api/v1/commission/statements/generate?month=${month}${userId ? `&userId=${userId}` : ''}`);
  const statementOf = async (userId: number, month: string, client = t.admin) => {
    const list = await ok(client.get('/api/v1/commission/statements', { userId, month }));
    expect(list.items, `a statement of ${userId} for ${month}`).toHaveLength(1);
    return list.items[0];
  };
  const allLines = async (statementId: number, client = t.admin): Promise<CommissionLine[]> => {
    const lines: CommissionLine[] = [];
    for (let page = 1; ; page++) {
      const detail = await ok(client.get(`/api/v1/commission/statements/${statementId}`, { page, pageSize: 50 }));
      lines.push(...detail.lines.items);
      if (lines.length >= detail.lines.total) return lines;
    }
  };
  /** Moves a receipt's confirmation (or an order's approval) into another month, as if it had happened then. */
  const confirmedIn = (receiptId: number, month: string) =>
    t.database.db
      .updateTable('receipts')
      .set({ confirmedAt: midMonth(month) })
      .where('id', '=', receiptId)
      .execute();
  const approvedIn = (orderId: number, month: string) =>
    t.database.db
      .updateTable('orders')
      .set({ approvedAt: midMonth(month) })
      .where('id', '=', orderId)
      .execute();

  it('pays category and level rates, the most specific first, times the tier reached, over more lines than a page', async () => {
    const team = await createDepartment(t, '提成一组');
    const rep = await createUserClient(t, 'sales_rep', team);
    const hardware = await category('硬件');
    const servers = await category('服务器', hardware);
    const software = await category('软件');
    const [server, app] = [await product(servers), await product(software)];
    await plan({
      basis: 'won',
      rates: [
        { rate: '1' },
        { categoryId: hardware, rate: '3' },
        { categoryId: software, rate: '5' },
        { customerLevel: 'A', rate: '2' },
        { categoryId: hardware, customerLevel: 'A', rate: '4' },
      ],
      tiers: [
        { fromPercent: '0', multiplier: '0.5' },
        { fromPercent: '80', multiplier: '1' },
        { fromPercent: '100', multiplier: '1.2' },
      ],
      userIds: [rep.userId],
    });
    // Attainment: 105 000 won of a 100 000 target is 105 %, the tier from 100 %: every line × 1.2.
    await ok(
      t.admin.put('/api/v1/targets', {
        targets: [
          { scopeType: 'user', scopeId: rep.userId, metric: 'amountWon', period: thisMonth(), value: '100000' },
        ],
      }),
    );
    const wonDeal = await createCustomer(rep);
    await ok(
      rep.post('/api/v1/opportunities', { name: '大单', customerId: wonDeal.id, stageId: won, amount: '105000' }),
      201,
    );
    const regular = (await createCustomer(rep, { level: 'B' })).id;
    const key = (await createCustomer(rep, { level: 'A' })).id;
    // 30 orders of a server (category 服务器, under 硬件) for a regular customer: 硬件's 3 % → 1000 × 3 % × 1.2 = 36.00 each.
    for (let i = 0; i < 30; i++) await soldOrder(rep, regular, [{ productId: server, price: '1000' }]);
    // 20 of a server for a key (A) customer: 硬件 + A, 4 % → 500 × 4 % × 1.2 = 24.00 each.
    for (let i = 0; i < 20; i++) await soldOrder(rep, key, [{ productId: server, price: '500' }]);
    // 10 for the key customer of software (软件 5 %: a category beats a level) and a service without a product
    // (A's 2 %): 200 × 5 % × 1.2 = 12.00 and 100 × 2 % × 1.2 = 2.40, two lines each.
    for (let i = 0; i < 10; i++) await soldOrder(rep, key, [{ productId: app, price: '200' }, { price: '100' }]);
    // One without a product for a regular customer, the default 1 %: 333.33 × 1 % × 1.2 = 3.99996 → 4.00.
    await soldOrder(rep, regular, [{ price: '333.33' }]);
    // One of both categories with 10 % off the whole order: 900 split 540 / 360 by the lines' 600 / 400 →
    // 540 × 3 % × 1.2 = 19.44 and 360 × 5 % × 1.2 = 21.60.
    await soldOrder(
      rep,
      regular,
      [
        { productId: server, price: '600' },
        { productId: app, price: '400' },
      ],
      {
        discountPercent: '10',
      },
    );
    // 30 × 36 + 20 × 24 + 10 × 14.40 + 4.00 + 41.04 = 1080 + 480 + 144 + 4 + 41.04 = 1749.04 over 73 lines.
    const generated = await ok(generate(thisMonth(), rep.userId));
    expect(generated.generated).toEqual([expect.objectContaining({ userId: rep.userId })]);
    const statement = await statementOf(rep.userId, thisMonth());
    expect(statement).toMatchObject({
      status: 'draft',
      basis: 'won',
      currency: 'CNY',
      target: '100000.00',
      achieved: '105000.00',
      attainment: '105',
      multiplier: '1.2',
      gross: '1749.04',
      cap: null,
      capped: '1749.04',
      adjustments: '0.00',
      total: '1749.04',
      lineCount: 73,
    });
    const first = await ok(rep.get(`/api/v1/commission/statements/${statement.id}`));
    expect(first.lines).toMatchObject({ total: 73, page: 1, pageSize: 50 });
    expect(first.lines.items).toHaveLength(50);
    const lines = await allLines(statement.id, rep);
    expect(lines).toHaveLength(73);
    // The database's total is the sum of every line, not of a page.
    const cents = lines.reduce((sum, l) => sum + Math.round(Number(l.commission) * 100), 0);
    expect(cents).toBe(174904);
    const count = (rate: string, commission: string) =>
      lines.filter((l) => l.rate === rate && l.commission === commission).length;
    expect([count('3', '36.00'), count('4', '24.00'), count('5', '12.00'), count('2', '2.40')]).toEqual([
      30, 20, 10, 10,
    ]);
    expect(lines.filter((l) => l.rate === '1')).toEqual([
      expect.objectContaining({ commission: '4.00', base: '333.33' }),
    ]);
    expect(lines.filter((l) => ['19.44', '21.60'].includes(l.commission))).toEqual([
      expect.objectContaining({ base: '540.00', rate: '3', categoryName: expect.stringContaining('服务器') }),
      expect.objectContaining({ base: '360.00', rate: '5', categoryName: expect.stringContaining('软件') }),
    ]);
    // Every line names its order (an order line is its own source).
    expect(lines.every((l) => l.kind === 'order' && l.orderId > 0)).toBe(true);

    // Below the target's 80 %, the first tier halves every line; recomputing a draft replaces its lines.
    await ok(
      t.admin.put('/api/v1/targets', {
        targets: [
          { scopeType: 'user', scopeId: rep.userId, metric: 'amountWon', period: thisMonth(), value: '200000' },
        ],
      }),
    );
    const again = await ok(t.admin.post(`/api/v1/commission/statements/${statement.id}/recompute`));
    // 52.5 % → × 0.5: 30 × 15 + 20 × 10 + 10 × 6.00 = 710 + 1.67 (333.33 × 1 % × 0.5 = 1.666…) + 8.10 + 9.00.
    expect(again).toMatchObject({ attainment: '52.5', multiplier: '0.5', gross: '728.77', lineCount: 73 });
    expect(await allLines(statement.id)).toHaveLength(73);
  });

  it('counts the money received for one’s orders on the received basis, orders won on the won basis, and caps a statement', async () => {
    const team = await createDepartment(t, '提成二组');
    const [cashRep, dealRep] = [
      await createUserClient(t, 'sales_rep', team),
      await createUserClient(t, 'sales_rep', team),
    ];
    await plan({ basis: 'received', rates: [{ rate: '10' }], cap: '100', userIds: [cashRep.userId] });
    await plan({ basis: 'won', rates: [{ rate: '10' }], userIds: [dealRep.userId] });
    for (const rep of [cashRep, dealRep]) {
      const customer = (await createCustomer(rep)).id;
      const big = await soldOrder(rep, customer, [{ price: '1000' }]);
      const small = await soldOrder(rep, customer, [{ price: '500' }]);
      await paid(rep, big, customer, '600');
      // Not confirmed: counts for nothing yet.
      await paid(rep, big, customer, '400', { confirm: false });
      // Recorded by finance, not by the rep: the order's owner decides whose it is.
      await paid(rep, small, customer, '500', { by: t.admin });
      // Money matched to no order is not commissioned.
      const loose = await ok(
        t.admin.post('/api/v1/receipts', {
          customerId: customer,
          receivedOn: `${thisMonth()}-01`,
          amount: '999',
          method: 'cash',
        }),
        201,
      );
      await ok(t.admin.post(`/api/v1/receipts/${loose.id}/confirm`));
    }
    const result = await ok(generate(thisMonth()));
    expect(result.generated.map((g: { userId: number }) => g.userId)).toEqual(
      expect.arrayContaining([cashRep.userId, dealRep.userId]),
    );
    // Received: 600 and 500 confirmed → 60 + 50 = 110, capped at 100.
    const cash = await statementOf(cashRep.userId, thisMonth());
    expect(cash).toMatchObject({
      basis: 'received',
      gross: '110.00',
      cap: '100.00',
      capped: '100.00',
      total: '100.00',
    });
    const cashLines = await allLines(cash.id);
    expect(cashLines.map((l) => [l.kind, l.base, l.commission]).sort()).toEqual([
      ['receipt', '500.00', '50.00'],
      ['receipt', '600.00', '60.00'],
    ]);
    // Each line names its receipt, which the receipts list finds by its number (where the statement links to).
    for (const line of cashLines) {
      const found = await ok(t.admin.get('/api/v1/receipts', { number: line.receiptNumber! }));
      expect(found.items.map((r: { id: number }) => r.id)).toEqual([line.receiptId]);
    }
    // Won: both orders, 1000 and 500, whatever was paid → 150, no cap.
    expect(await statementOf(dealRep.userId, thisMonth())).toMatchObject({
      basis: 'won',
      gross: '150.00',
      total: '150.00',
      lineCount: 2,
    });
  });

  it('shows a rep their own statements, a manager their department tree, and nobody else’s (404)', async () => {
    const region = await createDepartment(t, '提成大区');
    const [north, south] = [await createDepartment(t, '北组', region), await createDepartment(t, '南组', region)];
    const manager = await createUserClient(t, 'sales_manager', north);
    const [mine, theirs] = [
      await createUserClient(t, 'sales_rep', north),
      await createUserClient(t, 'sales_rep', south),
    ];
    await plan({ userIds: [mine.userId, theirs.userId] });
    await ok(generate(thisMonth()));
    const own = await statementOf(mine.userId, thisMonth(), mine);
    expect((await ok(mine.get('/api/v1/commission/statements', { month: thisMonth() }))).items).toEqual([
      expect.objectContaining({ id: own.id, userId: mine.userId }),
    ]);
    const other = await statementOf(theirs.userId, thisMonth());
    expect((await mine.get(`/api/v1/commission/statements/${other.id}`)).statusCode).toBe(404);
    expect((await mine.post(`/api/v1/commission/statements/${other.id}/submit`)).statusCode).toBe(404);
    const seen = (await ok(manager.get('/api/v1/commission/statements', { month: thisMonth() }))).items.map(
      (s: { userId: number }) => s.userId,
    );
    expect(seen).toContain(mine.userId);
    expect(seen).not.toContain(theirs.userId);
    expect((await manager.get(`/api/v1/commission/statements/${other.id}`)).statusCode).toBe(404);
    // Plans and generating are for those who manage commission.
    expect((await manager.get('/api/v1/commission/plans')).statusCode).toBe(403);
    expect((await generate(thisMonth(), undefined, manager)).statusCode).toBe(403);
    expect((await mine.post(`/api/v1/commission/statements/${own.id}/recompute`)).statusCode).toBe(403);
  });

  it('goes through approval, is locked once approved, and is never computed again (409 STATEMENT_LOCKED)', async () => {
    const team = await createDepartment(t, '提成审批组');
    const manager = await createUserClient(t, 'sales_manager', team);
    await ok(t.admin.patch(`/api/v1/departments/${team}`, { managerId: manager.userId }));
    const rep = await createUserClient(t, 'sales_rep', team);
    const flow = await ok(
      t.admin.post('/api/v1/approval-flows', {
        name: '提成审批',
        documentType: 'commission',
        steps: [{ name: '经理审批', approverType: 'department_manager' }],
      }),
      201,
    );
    await plan({ userIds: [rep.userId] });
    const customer = (await createCustomer(rep)).id;
    const order = await soldOrder(rep, customer, [{ price: '300' }]);
    await paid(rep, order, customer, '300');
    await ok(generate(thisMonth(), rep.userId));
    const statement = await statementOf(rep.userId, thisMonth(), rep);
    expect(await ok(rep.post(`/api/v1/commission/statements/${statement.id}/submit`))).toMatchObject({
      status: 'submitted',
    });
    // Submitted: neither computed again nor submitted twice.
    const refused = await t.admin.post(`/api/v1/commission/statements/${statement.id}/recompute`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('STATEMENT_LOCKED');
    const [request] = (await ok(manager.get('/api/v1/approvals', { view: 'pending' }))).items.filter(
      (r: { documentType: string; documentId: number }) =>
        r.documentType === 'commission' && r.documentId === statement.id,
    );
    expect(request).toMatchObject({ title: `${rep.username} ${thisMonth()}`, amount: '30.00' });
    await ok(manager.post(`/api/v1/approvals/${request.id}/approve`, {}));
    const locked = await ok(rep.get(`/api/v1/commission/statements/${statement.id}`));
    expect(locked).toMatchObject({ status: 'locked', total: '30.00', lockedAt: expect.any(String) });
    for (const response of [
      await t.admin.post(`/api/v1/commission/statements/${statement.id}/recompute`),
      await generate(thisMonth(), rep.userId),
      await rep.post(`/api/v1/commission/statements/${statement.id}/submit`),
    ]) {
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe('STATEMENT_LOCKED');
    }
    // Computing everyone's month leaves it as it is and says so.
    const all = await ok(generate(thisMonth()));
    expect(all.skipped).toContainEqual(expect.objectContaining({ statementId: statement.id, status: 'locked' }));
    expect(await ok(rep.get(`/api/v1/commission/statements/${statement.id}`))).toMatchObject({
      status: 'locked',
      total: '30.00',
    });
    await ok(t.admin.delete(`/api/v1/approval-flows/${flow.id}`), 204);
  });

  it('answers a refund after locking with exactly one adjustment next month, giving back only what the cap paid', async () => {
    const rep = await createUserClient(t, 'sales_rep', await createDepartment(t, '提成退款组'));
    await plan({ basis: 'received', rates: [{ rate: '10' }], cap: '100', userIds: [rep.userId] });
    const customer = (await createCustomer(rep)).id;
    const [big, small] = [
      await soldOrder(rep, customer, [{ price: '1000' }]),
      await soldOrder(rep, customer, [{ price: '500' }]),
    ];
    const lastMonth = monthBefore(thisMonth());
    const first = await paid(rep, big, customer, '600');
    const second = await paid(rep, small, customer, '500');
    await confirmedIn(first.receiptId, lastMonth);
    await confirmedIn(second.receiptId, lastMonth);
    await ok(generate(lastMonth, rep.userId));
    const locked = await statementOf(rep.userId, lastMonth);
    // 60 + 50 = 110, capped at 100.
    expect(locked).toMatchObject({ gross: '110.00', capped: '100.00', total: '100.00' });
    // No approval flow applies: approved, and so locked, at once.
    expect(await ok(rep.post(`/api/v1/commission/statements/${locked.id}/submit`))).toMatchObject({ status: 'locked' });

    // 300 of the 600 goes back this month: 30.00 of commission, of which the cap had withheld 10.
    const refund = await paid(rep, big, customer, '-300');
    await ok(generate(thisMonth(), rep.userId));
    const next = await statementOf(rep.userId, thisMonth());
    const adjustment = {
      kind: 'adjustment',
      event: 'refund',
      orderId: big,
      receiptId: refund.receiptId,
      adjustsStatementId: locked.id,
      adjustsMonth: lastMonth,
      base: '-300.00',
      rate: '10',
      computed: '-30.00',
      commission: '-20.00',
    };
    expect(await allLines(next.id)).toEqual([expect.objectContaining(adjustment)]);
    expect(next).toMatchObject({ gross: '0.00', adjustments: '-20.00', total: '-20.00' });
    // Computed again, one way or another: still one adjustment, and none on any other statement.
    await ok(t.admin.post(`/api/v1/commission/statements/${next.id}/recompute`));
    await ok(generate(thisMonth()));
    expect(await allLines(next.id)).toEqual([expect.objectContaining(adjustment)]);
    const adjustments = await t.database.db
      .selectFrom('commissionStatementLines')
      .select('id')
      .where('kind', '=', 'adjustment')
      .where('sourceId', '=', refund.receiptId)
      .execute();
    expect(adjustments).toHaveLength(1);
    // The locked statement itself is untouched.
    expect(await ok(t.admin.get(`/api/v1/commission/statements/${locked.id}`))).toMatchObject({
      status: 'locked',
      total: '100.00',
      lineCount: 2,
    });
  });

  it('answers a red-letter invoice of an order commissioned as won on a plan that has ended', async () => {
    const rep = await createUserClient(t, 'sales_rep', await createDepartment(t, '提成红字组'));
    const lastMonth = monthBefore(thisMonth());
    // The plan ended with last month: this month's statement holds the adjustment alone.
    await plan({ basis: 'won', rates: [{ rate: '5' }], endDate: `${lastMonth}-28`, userIds: [rep.userId] });
    const customer = (await createCustomer(rep)).id;
    const order = await soldOrder(rep, customer, [{ price: '2000' }]);
    await approvedIn(order, lastMonth);
    await ok(generate(lastMonth, rep.userId));
    const locked = await statementOf(rep.userId, lastMonth);
    expect(locked).toMatchObject({ total: '100.00' });
    await ok(rep.post(`/api/v1/commission/statements/${locked.id}/submit`));
    const invoice = await ok(
      t.admin.post('/api/v1/invoices', {
        type: 'vat_ordinary',
        number: unique('FP'),
        issuedOn: `${lastMonth}-20`,
        customerId: customer,
        orderId: order,
        amount: '2000',
        tax: '0',
        buyerTitle: '某公司',
      }),
      201,
    );
    const red = await ok(
      t.admin.post(`/api/v1/invoices/${invoice.id}/red-letter`, {
        number: unique('HZ'),
        issuedOn: shanghaiNow().toISOString().slice(0, 10),
        amount: '400',
        tax: '0',
        reason: '部分退货',
      }),
      201,
    );
    expect(red).toMatchObject({ amount: '-400.00', redOfId: invoice.id, redOfNumber: invoice.number });
    // The original, offset, is no longer voided; more than what is left is refused per field.
    expect((await t.admin.post(`/api/v1/invoices/${invoice.id}/cancel`, { reason: '作废' })).statusCode).toBe(409);
    const tooMuch = await t.admin.post(`/api/v1/invoices/${invoice.id}/red-letter`, {
      number: unique('HZ'),
      issuedOn: shanghaiNow().toISOString().slice(0, 10),
      amount: '1600.01',
      tax: '0',
      reason: '退货',
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().error.fields.amount).toContain('1600.00');

    await ok(generate(thisMonth()));
    const next = await statementOf(rep.userId, thisMonth());
    expect(next).toMatchObject({ planId: null, gross: '0.00', adjustments: '-20.00', total: '-20.00' });
    expect(await allLines(next.id)).toEqual([
      expect.objectContaining({
        kind: 'adjustment',
        event: 'red_letter',
        invoiceId: red.id,
        orderId: order,
        base: '-400.00',
        commission: '-20.00',
        adjustsMonth: lastMonth,
      }),
    ]);
  });

  it('refuses bad input with a message per field', async () => {
    const refused = await t.admin.post('/api/v1/commission/plans', {
      name: '',
      basis: 'profit',
      startDate: '2026-13-01',
      rates: [{ rate: '101' }, { categoryId: 999_999, rate: '3.555' }],
      tiers: [{ fromPercent: '-1', multiplier: 'x' }],
      cap: '-5',
    });
    expect(refused.statusCode).toBe(400);
    expect(Object.keys(refused.json().error.fields)).toEqual(
      expect.arrayContaining([
        'name',
        'basis',
        'startDate',
        'rates.0.rate',
        'rates.1.rate',
        'tiers.0.fromPercent',
        'tiers.0.multiplier',
        'cap',
      ]),
    );
    // Well formed, but meaning nothing: each field says why, all at once.
    const rep = await createUserClient(t, 'sales_rep');
    const meaningless = await t.admin.post('/api/v1/commission/plans', {
      name: '无效方案',
      basis: 'won',
      startDate: '2026-05-01',
      endDate: '2026-04-30',
      rates: [{ rate: '1' }, { rate: '2' }, { categoryId: 999_999, rate: '3' }, { customerLevel: 'nope', rate: '3' }],
      tiers: [
        { fromPercent: '50', multiplier: '1' },
        { fromPercent: '50', multiplier: '2' },
      ],
      userIds: [rep.userId, 999_999],
      roleIds: [999_999],
    });
    expect(meaningless.statusCode).toBe(400);
    expect(meaningless.json().error.fields).toEqual({
      endDate: expect.any(String),
      'rates.1': expect.any(String),
      'rates.2.categoryId': expect.any(String),
      'rates.3.customerLevel': expect.stringContaining('nope'),
      'tiers.0.fromPercent': expect.any(String),
      'tiers.1.fromPercent': expect.any(String),
      'userIds.1': expect.any(String),
      'roleIds.0': expect.any(String),
    });
    for (const [query, field] of [
      ['month=2026-13', 'month'],
      ['month=2999-01', 'month'],
      [`month=${thisMonth()}&userId=abc`, 'userId'],
      [`month=${thisMonth()}&userId=999999`, 'userId'],
      [`month=${thisMonth()}&userId=${rep.userId}`, 'userId'],
    ]) {
      const response = await t.admin.post(`/api/v1/commission/statements/generate?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(Object.keys(response.json().error.fields), query).toEqual([field]);
    }
    expect((await t.admin.get('/api/v1/commission/statements', { status: 'paid' })).statusCode).toBe(400);
    expect((await t.admin.get('/api/v1/commission/statements/999999')).statusCode).toBe(404);
  });

  it('keeps plans: edits them, and switches off one that statements were computed under instead of deleting it', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const unused = await plan({ roleIds: [] });
    await ok(t.admin.delete(`/api/v1/commission/plans/${unused.id}`), 204);
    expect((await t.admin.get(`/api/v1/commission/plans/${unused.id}`)).statusCode).toBe(404);
    const used = await plan({ userIds: [rep.userId], tiers: [{ fromPercent: '0', multiplier: '1' }] });
    const edited = await ok(
      t.admin.put(`/api/v1/commission/plans/${used.id}`, {
        name: used.name,
        basis: 'won',
        startDate: '2020-01-01',
        cap: '5000',
        rates: [{ rate: '2.5' }, { customerLevel: 'A', rate: '3' }],
        tiers: [
          { fromPercent: '0', multiplier: '0.8' },
          { fromPercent: '100', multiplier: '1.25' },
        ],
        userIds: [rep.userId],
      }),
    );
    expect(edited).toMatchObject({
      basis: 'won',
      cap: '5000.00',
      currency: 'CNY',
      rates: [
        { categoryId: null, customerLevel: null, rate: '2.5' },
        { categoryId: null, customerLevel: 'A', rate: '3' },
      ],
      tiers: [
        { fromPercent: '0', multiplier: '0.8' },
        { fromPercent: '100', multiplier: '1.25' },
      ],
      users: [{ id: rep.userId, name: rep.username }],
    });
    await ok(generate(thisMonth(), rep.userId));
    await ok(t.admin.delete(`/api/v1/commission/plans/${used.id}`), 204);
    expect(await ok(t.admin.get(`/api/v1/commission/plans/${used.id}`))).toMatchObject({
      active: false,
      statements: 1,
    });
  });

  it('computes last month’s drafts on the first day of a month, and only then', async () => {
    const rep = await createUserClient(t, 'sales_rep', await createDepartment(t, '提成月结组'));
    const role = await t.database.db
      .selectFrom('roles')
      .select('id')
      .where('code', '=', 'sales_rep')
      .executeTakeFirstOrThrow();
    await plan({ roleIds: [role.id] });
    const ctx = { db: t.database.db, dialect: t.database.dialect, config: t.config } as AppContext;
    const lastMonth = monthBefore(thisMonth());
    await monthlyStatements(ctx, new Date(`${thisMonth()}-10T04:00:00.000Z`));
    expect((await ok(t.admin.get('/api/v1/commission/statements', { userId: rep.userId }))).items).toEqual([]);
    // 00:00 UTC on the first is 08:00 in Shanghai: the daily run's slot.
    await monthlyStatements(ctx, new Date(`${thisMonth()}-01T00:00:00.000Z`));
    expect(await statementOf(rep.userId, lastMonth)).toMatchObject({ status: 'draft', month: lastMonth });
    expect(jobHandlers['commission.monthly']).toBeTypeOf('function');
  });
});
