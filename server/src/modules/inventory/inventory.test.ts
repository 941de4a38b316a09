import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient, unique } from '../../../test/factories.ts';

describe.each(testDialects)('light inventory on %s', (dialect) => {
  let t: TestApp;
  let warehouse: { id: number };
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await t.admin.patch('/api/v1/settings', { stockTracking: true });
    warehouse = (await t.admin.post('/api/v1/warehouses', { code: unique('WH'), name: '上海总仓' })).json();
  });
  afterAll(async () => t?.close());

  const trackedProduct = async (fields: Record<string, unknown> = {}) => {
    const response = await t.admin.post('/api/v1/products', {
      code: unique('SKU'),
      name: unique('传感器'),
      listPrice: '200',
      costPrice: '90',
      trackStock: true,
      ...fields,
    });
    if (response.statusCode !== 201) throw new Error(response.body);
    return response.json();
  };
  const stockOf = async (productId: number) => {
    const product = (await t.admin.get(`/api/v1/products/${productId}`)).json();
    const page = (await t.admin.get('/api/v1/stock', { q: product.code })).json();
    return page.items.find((s: { productId: number }) => s.productId === productId);
  };
  const orderFor = async (client: TestApp['admin'], productId: number, quantity: string, unitPrice = '200') => {
    const customer = await createCustomer(client);
    const response = await client.post('/api/v1/orders', {
      title: unique('订单'),
      customerId: customer.id,
      lines: [{ productId, name: '传感器', quantity, unitPrice, taxRate: '13' }],
    });
    if (response.statusCode !== 201) throw new Error(response.body);
    return response.json();
  };

  it('keeps warehouses: one default, codes unique, deleted only while unused, managed only by stock keepers', async () => {
    const second = (
      await t.admin.post('/api/v1/warehouses', { code: unique('WH'), name: '北京仓', isDefault: true })
    ).json();
    let all = (await t.admin.get('/api/v1/warehouses')).json();
    expect(all.filter((w: { isDefault: boolean }) => w.isDefault).map((w: { id: number }) => w.id)).toEqual([
      second.id,
    ]);
    await t.admin.patch(`/api/v1/warehouses/${warehouse.id}`, { isDefault: true });
    all = (await t.admin.get('/api/v1/warehouses')).json();
    expect(all[0]).toMatchObject({ id: warehouse.id, isDefault: true });
    const taken = await t.admin.post('/api/v1/warehouses', { code: second.code, name: 'x' });
    expect(taken.statusCode).toBe(400);
    expect(taken.json().error.fields).toHaveProperty('code');
    expect((await t.admin.post('/api/v1/warehouses', { code: '', name: '' })).statusCode).toBe(400);

    const rep = await createUserClient(t, 'sales_rep');
    expect((await rep.get('/api/v1/warehouses')).statusCode).toBe(200);
    expect((await rep.post('/api/v1/warehouses', { code: unique('WH'), name: 'no' })).statusCode).toBe(403);
    expect(
      (await rep.post('/api/v1/stock/in', { warehouseId: warehouse.id, productId: 1, quantity: '1' })).statusCode,
    ).toBe(403);
    expect((await rep.get('/api/v1/inventory/margins', { from: '2026-01-01', to: '2026-12-31' })).statusCode).toBe(403);

    const product = await trackedProduct();
    await t.admin.post('/api/v1/stock/in', { warehouseId: second.id, productId: product.id, quantity: '1' });
    expect((await t.admin.delete(`/api/v1/warehouses/${second.id}`)).statusCode).toBe(409);
    const empty = (await t.admin.post('/api/v1/warehouses', { code: unique('WH'), name: '空仓' })).json();
    expect((await t.admin.delete(`/api/v1/warehouses/${empty.id}`)).statusCode).toBe(204);
  });

  it('values stock at the weighted average, transfers it at cost and records stock-takes with their reason', async () => {
    const product = await trackedProduct();
    const other = (await t.admin.post('/api/v1/warehouses', { code: unique('WH'), name: '广州仓' })).json();
    expect(
      (
        await t.admin.post('/api/v1/stock/in', {
          warehouseId: warehouse.id,
          productId: product.id,
          quantity: '10',
          unitCost: '100',
          reason: '采购入库 PO-1',
        })
      ).statusCode,
    ).toBe(204);
    await t.admin.post('/api/v1/stock/in', {
      warehouseId: warehouse.id,
      productId: product.id,
      quantity: '10',
      unitCost: '130',
    });
    let stock = await stockOf(product.id);
    expect(stock).toMatchObject({
      onHand: '20',
      reserved: '0',
      available: '20',
      averageCost: '115.00',
      value: '2300.00',
    });

    const tooMany = await t.admin.post('/api/v1/stock/transfer', {
      productId: product.id,
      fromWarehouseId: warehouse.id,
      toWarehouseId: other.id,
      quantity: '21',
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.fields).toHaveProperty('quantity');
    expect(
      (
        await t.admin.post('/api/v1/stock/transfer', {
          productId: product.id,
          fromWarehouseId: warehouse.id,
          toWarehouseId: warehouse.id,
          quantity: '1',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await t.admin.post('/api/v1/stock/transfer', {
          productId: product.id,
          fromWarehouseId: warehouse.id,
          toWarehouseId: other.id,
          quantity: '4',
        })
      ).statusCode,
    ).toBe(204);
    stock = await stockOf(product.id);
    expect(stock).toMatchObject({ onHand: '20', value: '2300.00' });
    expect(
      stock.warehouses
        .map((w: { warehouseId: number; onHand: string; value: string }) => [w.warehouseId, w.onHand, w.value])
        .sort(),
    ).toEqual(
      [
        [warehouse.id, '16', '1840.00'],
        [other.id, '4', '460.00'],
      ].sort(),
    );

    // Counting 15.5 where the books say 16: half a unit leaves at the average cost.
    const noReason = await t.admin.post('/api/v1/stock/count', {
      warehouseId: warehouse.id,
      productId: product.id,
      countedQuantity: '15.5',
    });
    expect(noReason.statusCode).toBe(400);
    expect(
      (
        await t.admin.post('/api/v1/stock/count', {
          warehouseId: warehouse.id,
          productId: product.id,
          countedQuantity: '15.5',
          reason: '月末盘点破损',
        })
      ).statusCode,
    ).toBe(204);
    stock = await stockOf(product.id);
    expect(stock).toMatchObject({ onHand: '19.5', value: '2242.50' });
    const movements = (await t.admin.get('/api/v1/stock/movements', { productId: product.id })).json();
    expect(
      movements.items.map((m: { kind: string; quantity: string; value: string; reason: string | null }) => [
        m.kind,
        m.quantity,
        m.value,
        m.reason,
      ]),
    ).toEqual([
      ['adjust', '-0.5', '-57.50', '月末盘点破损'],
      ['transfer_in', '4', '460.00', null],
      ['transfer_out', '-4', '-460.00', null],
      ['in', '10', '1300.00', null],
      ['in', '10', '1000.00', '采购入库 PO-1'],
    ]);
    expect(movements.items[0].createdByName).toBeTruthy();

    // Reps see quantities but not what the stock cost.
    const rep = await createUserClient(t, 'sales_rep');
    const seen = (await rep.get('/api/v1/stock', { q: product.code })).json().items[0];
    expect(seen).toMatchObject({ onHand: '19.5', averageCost: null, value: null });
    expect((await rep.get('/api/v1/stock/movements', { productId: product.id })).json().items[0].value).toBeNull();

    const untracked = (
      await t.admin.post('/api/v1/products', { code: unique('SKU'), name: '服务', listPrice: '1' })
    ).json();
    const refused = await t.admin.post('/api/v1/stock/in', {
      warehouseId: warehouse.id,
      productId: untracked.id,
      quantity: '1',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toHaveProperty('productId');
  });

  it('reserves stock when an order is approved, refuses one that would oversell, takes it on delivery and shows the margin', async () => {
    const team = await createDepartment(t, '库存销售组');
    const manager = await createUserClient(t, 'sales_manager', team);
    const rep = await createUserClient(t, 'sales_rep', team);
    const product = await trackedProduct({ reorderLevel: '5' });
    await t.admin.post('/api/v1/stock/in', {
      warehouseId: warehouse.id,
      productId: product.id,
      quantity: '10',
      unitCost: '100',
    });
    await t.admin.post('/api/v1/stock/in', {
      warehouseId: warehouse.id,
      productId: product.id,
      quantity: '10',
      unitCost: '130',
    });

    const big = await orderFor(rep, product.id, '12');
    const approved = (await rep.post(`/api/v1/orders/${big.id}/submit`)).json();
    expect(approved).toMatchObject({ status: 'approved', warehouseId: warehouse.id, warehouseName: '上海总仓' });
    expect(await stockOf(product.id)).toMatchObject({ onHand: '20', reserved: '12', available: '8', low: false });

    const tooBig = await orderFor(rep, product.id, '9');
    const refused = await rep.post(`/api/v1/orders/${tooBig.id}/submit`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CONFLICT');
    expect(refused.json().error.message).toContain('8');
    expect((await rep.get(`/api/v1/orders/${tooBig.id}`)).json().status).toBe('draft');

    // Five of the twelve go out at the average cost of 115; revenue is the net after the order discount.
    const shipped = await manager.post(`/api/v1/orders/${big.id}/deliveries`, {
      deliveredOn: '2026-11-20',
      lines: [{ orderLineId: big.lines[0].id, quantity: '5' }],
    });
    expect(shipped.statusCode).toBe(201);
    expect(shipped.json().lines[0]).toMatchObject({ delivered: '5', cost: '575.00', margin: '425.00' });
    expect((await rep.get(`/api/v1/orders/${big.id}`)).json().lines[0]).toMatchObject({ cost: null, margin: null });
    expect(await stockOf(product.id)).toMatchObject({ onHand: '15', reserved: '7', available: '8', value: '1725.00' });
    const out = (await t.admin.get('/api/v1/stock/movements', { orderId: big.id })).json().items;
    expect(
      out.map((m: { kind: string; quantity: string; value: string; orderNumber: string }) => [
        m.kind,
        m.quantity,
        m.value,
        m.orderNumber,
      ]),
    ).toEqual([['out', '-5', '-575.00', big.number]]);

    // An order for 4 brings the available quantity to 4, below the reorder level of 5: the stock keeper hears of it.
    const small = await orderFor(rep, product.id, '4');
    await rep.post(`/api/v1/orders/${small.id}/submit`);
    expect(await stockOf(product.id)).toMatchObject({ available: '4', low: true });
    const low = (await t.admin.get('/api/v1/stock', { lowOnly: 'true' }))
      .json()
      .items.map((s: { productId: number }) => s.productId);
    expect(low).toContain(product.id);
    const notes = (await t.admin.get('/api/v1/notifications'))
      .json()
      .items.filter((n: { kind: string; entityId: number }) => n.kind === 'lowStock' && n.entityId === product.id);
    expect(notes).toHaveLength(1);
    expect(notes[0].params).toMatchObject({ available: '4', level: '5' });

    // Terminating the part-delivered order gives back its seven reserved units.
    expect((await rep.post(`/api/v1/orders/${big.id}/cancel`, { reason: '客户缩减采购' })).json().status).toBe(
      'terminated',
    );
    expect(await stockOf(product.id)).toMatchObject({ onHand: '15', reserved: '4', available: '11' });

    const margins = (await manager.get('/api/v1/inventory/margins', { from: '2026-11-01', to: '2026-11-30' })).json();
    expect(margins.items.find((m: { productId: number }) => m.productId === product.id)).toMatchObject({
      quantity: '5',
      revenue: '1000.00',
      cost: '575.00',
      margin: '425.00',
      marginPercent: '42.50',
    });
    expect((await manager.get('/api/v1/inventory/margins', { from: '2026-13-01', to: 'x' })).statusCode).toBe(400);
  });

  it('lets only one of two simultaneous orders reserve the last unit', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const product = await trackedProduct();
    await t.admin.post('/api/v1/stock/in', { warehouseId: warehouse.id, productId: product.id, quantity: '1' });
    const orders = await Promise.all([
      orderFor(rep, product.id, '1'),
      orderFor(rep, product.id, '1'),
      orderFor(rep, product.id, '1'),
    ]);
    const results = await Promise.all(orders.map((o) => rep.post(`/api/v1/orders/${o.id}/submit`)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    expect(await stockOf(product.id)).toMatchObject({ onHand: '1', reserved: '1', available: '0' });
    const winner = orders[results.findIndex((r) => r.statusCode === 200)];
    const deliveries = await Promise.all(
      [0, 1].map(() =>
        t.admin.post(`/api/v1/orders/${winner.id}/deliveries`, {
          deliveredOn: '2026-11-21',
          lines: [{ orderLineId: winner.lines[0].id, quantity: '1' }],
        }),
      ),
    );
    const codes = deliveries.map((r) => r.statusCode).sort();
    expect(codes[0]).toBe(201);
    expect([400, 409]).toContain(codes[1]);
    expect(await stockOf(product.id)).toMatchObject({ onHand: '0', reserved: '0', available: '0' });
  });

  it('checks stock when the approver approves, and leaves the request pending when it is short', async () => {
    const team = await createDepartment(t, '审批库存组');
    const manager = await createUserClient(t, 'sales_manager', team);
    await t.admin.patch(`/api/v1/departments/${team}`, { managerId: manager.userId });
    const rep = await createUserClient(t, 'sales_rep', team);
    await t.admin.post('/api/v1/approval-flows', {
      name: '超大订单',
      documentType: 'order',
      conditions: [{ fact: 'total', op: '>=', value: '900000' }],
      steps: [{ name: '经理', approverType: 'department_manager' }],
    });
    const product = await trackedProduct();
    await t.admin.post('/api/v1/stock/in', { warehouseId: warehouse.id, productId: product.id, quantity: '2' });
    const order = await orderFor(rep, product.id, '3', '400000');
    expect((await rep.post(`/api/v1/orders/${order.id}/submit`)).json().status).toBe('pending_approval');
    const [request] = (await manager.get('/api/v1/approvals', { view: 'pending', documentType: 'order' })).json().items;
    const short = await manager.post(`/api/v1/approvals/${request.id}/approve`, {});
    expect(short.statusCode).toBe(409);
    expect((await rep.get(`/api/v1/orders/${order.id}`)).json().status).toBe('pending_approval');
    await t.admin.post('/api/v1/stock/in', { warehouseId: warehouse.id, productId: product.id, quantity: '1' });
    expect((await manager.post(`/api/v1/approvals/${request.id}/approve`, {})).statusCode).toBe(200);
    expect((await rep.get(`/api/v1/orders/${order.id}`)).json().status).toBe('approved');
    expect(await stockOf(product.id)).toMatchObject({ onHand: '3', reserved: '3', available: '0' });
  });

  it('refuses stock changes while tracking is off', async () => {
    const product = await trackedProduct();
    await t.admin.patch('/api/v1/settings', { stockTracking: false });
    try {
      expect(
        (await t.admin.post('/api/v1/stock/in', { warehouseId: warehouse.id, productId: product.id, quantity: '1' }))
          .statusCode,
      ).toBe(409);
      // Orders then ignore stock altogether.
      const order = await orderFor(t.admin, product.id, '3');
      expect((await t.admin.post(`/api/v1/orders/${order.id}/submit`)).json().status).toBe('approved');
    } finally {
      await t.admin.patch('/api/v1/settings', { stockTracking: true });
    }
  });
});
