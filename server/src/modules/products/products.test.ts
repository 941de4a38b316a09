import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createUserClient, unique } from '../../../test/factories.ts';

describe.each(testDialects)('products and price books on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const product = async (fields: Record<string, unknown> = {}) => {
    const response = await t.admin.post('/api/v1/products', {
      code: unique('SKU'),
      name: unique('产品'),
      listPrice: '100.00',
      ...fields,
    });
    if (response.statusCode !== 201) throw new Error(response.body);
    return response.json();
  };

  it('keeps a catalogue of products in categories, found by code, name or specification', async () => {
    const line = (await t.admin.post('/api/v1/product-categories', { name: '工业传感器' })).json();
    const series = (await t.admin.post('/api/v1/product-categories', { name: '温度系列', parentId: line.id })).json();
    const sensor = await product({
      code: 'TS-100',
      name: '温度传感器',
      categoryId: series.id,
      unit: 'pcs',
      specification: '-40~125℃',
      listPrice: '1299.90',
      costPrice: '800',
      taxRate: '13',
    });
    expect(sensor).toMatchObject({
      code: 'TS-100',
      categoryName: '温度系列',
      listPrice: '1299.90',
      costPrice: '800.00',
      taxRate: '13',
      currency: 'CNY',
      status: 'on_sale',
      trackStock: false,
    });
    await product({ name: '其他产品' });

    const inLine = (await t.admin.get('/api/v1/products', { categoryId: line.id })).json();
    expect(inLine.items.map((p: { code: string }) => p.code)).toEqual(['TS-100']);
    expect((await t.admin.get('/api/v1/products', { q: '125℃' })).json().items[0].id).toBe(sensor.id);
    expect((await t.admin.get('/api/v1/products', { q: 'ts-1' })).json().total).toBe(1);
    const categories = (await t.admin.get('/api/v1/product-categories')).json();
    expect(categories.find((c: { id: number }) => c.id === series.id)).toMatchObject({
      parentId: line.id,
      productCount: 1,
    });

    const changed = await t.admin.patch(`/api/v1/products/${sensor.id}`, {
      listPrice: '1199',
      status: 'discontinued',
      taxRate: '6.5',
    });
    expect(changed.json()).toMatchObject({
      listPrice: '1199.00',
      status: 'discontinued',
      taxRate: '6.5',
      name: '温度传感器',
    });

    // A category with products, or placed under its own child, is refused.
    expect((await t.admin.delete(`/api/v1/product-categories/${line.id}`)).statusCode).toBe(409);
    const cycle = await t.admin.patch(`/api/v1/product-categories/${line.id}`, { parentId: series.id });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.fields.parentId).toBeTruthy();

    // Deleted products can be listed and restored.
    expect((await t.admin.delete(`/api/v1/products/${sensor.id}`)).statusCode).toBe(204);
    expect((await t.admin.get(`/api/v1/products/${sensor.id}`)).statusCode).toBe(404);
    expect(
      (await t.admin.get('/api/v1/products', { deleted: 'true' })).json().items.map((p: { id: number }) => p.id),
    ).toContain(sensor.id);
    expect((await t.admin.post(`/api/v1/products/${sensor.id}/restore`)).json().code).toBe('TS-100');
  });

  it('takes % and _ in a search as the characters themselves', async () => {
    const marker = unique('').slice(-6);
    const underscore = await product({ code: `U_${marker}`, name: `折扣100%${marker}` });
    await product({ code: `UX${marker}`, name: `折扣1000${marker}` });
    const found = async (q: string) =>
      (await t.admin.get('/api/v1/products', { q })).json().items.map((p: { id: number }) => p.id);
    expect(await found(`u_${marker}`)).toEqual([underscore.id]);
    expect(await found(`100%${marker}`)).toEqual([underscore.id]);
  });

  it('rejects a taken code, bad prices and percentages, and unknown units or categories', async () => {
    const existing = await product();
    const taken = await t.admin.post('/api/v1/products', { code: existing.code, name: 'x', listPrice: '1' });
    expect(taken.statusCode).toBe(400);
    expect(taken.json().error.fields.code).toBeTruthy();
    const bad = await t.admin.post('/api/v1/products', {
      code: unique('B'),
      name: 'x',
      listPrice: '-5',
      taxRate: '130',
      unit: 'bushel',
      categoryId: 999999,
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['listPrice', 'taxRate']);
    const badRefs = await t.admin.post('/api/v1/products', {
      code: unique('B'),
      name: 'x',
      listPrice: '5',
      unit: 'bushel',
    });
    expect(badRefs.json().error.fields).toHaveProperty('unit');
    expect(
      (
        await t.admin.post('/api/v1/products', { code: unique('B'), name: 'x', listPrice: '5', categoryId: 999999 })
      ).json().error.fields,
    ).toHaveProperty('categoryId');
  });

  it('lets reps read the catalogue but not change it or its prices', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const item = await product();
    expect((await rep.get(`/api/v1/products/${item.id}`)).statusCode).toBe(200);
    expect((await rep.post('/api/v1/products', { code: unique('R'), name: 'x', listPrice: '1' })).statusCode).toBe(403);
    expect((await rep.patch(`/api/v1/products/${item.id}`, { name: 'y' })).statusCode).toBe(403);
    expect((await rep.post('/api/v1/price-books', { name: 'x', kind: 'other' })).statusCode).toBe(403);
    expect((await rep.post('/api/v1/product-categories', { name: 'x' })).statusCode).toBe(403);
  });

  it('offers a customer their own price first, then their level’s, else the list price', async () => {
    const [a, b, c] = [
      await product({ listPrice: '100' }),
      await product({ listPrice: '200' }),
      await product({ listPrice: '300' }),
    ];
    const vip = await createCustomer(t.admin, { level: 'A' });
    const plain = await createCustomer(t.admin, { level: 'C' });
    const levelBook = (
      await t.admin.post('/api/v1/price-books', { name: 'A 级客户价', kind: 'level', customerLevel: 'A' })
    ).json();
    await t.admin.put(`/api/v1/price-books/${levelBook.id}/entries`, {
      entries: [
        { productId: a.id, price: '90' },
        { productId: b.id, price: '180' },
      ],
    });
    const own = (
      await t.admin.post('/api/v1/price-books', { name: '协议价', kind: 'customer', customerId: vip.id })
    ).json();
    await t.admin.put(`/api/v1/price-books/${own.id}/entries`, { entries: [{ productId: a.id, price: '85' }] });
    const expired = (
      await t.admin.post('/api/v1/price-books', {
        name: '旧协议',
        kind: 'customer',
        customerId: vip.id,
        validFrom: '2020-01-01',
        validTo: '2020-12-31',
      })
    ).json();
    await t.admin.put(`/api/v1/price-books/${expired.id}/entries`, {
      entries: [
        { productId: b.id, price: '1' },
        { productId: c.id, price: '1' },
      ],
    });

    const ids = [a.id, b.id, c.id].join(',');
    const prices = (await t.admin.get('/api/v1/prices', { customerId: vip.id, productId: ids })).json();
    expect(prices.map((p: { price: string; priceBookName: string | null }) => [p.price, p.priceBookName])).toEqual([
      ['85.00', '协议价'],
      ['180.00', 'A 级客户价'],
      ['300.00', null],
    ]);
    // On a day the old agreement was valid, it applies.
    const past = (
      await t.admin.get('/api/v1/prices', { customerId: vip.id, productId: ids, date: '2020-06-01' })
    ).json();
    expect(past.map((p: { price: string }) => p.price)).toEqual(['85.00', '1.00', '1.00']);
    expect(
      (await t.admin.get('/api/v1/prices', { customerId: plain.id, productId: ids }))
        .json()
        .map((p: { price: string }) => p.price),
    ).toEqual(['100.00', '200.00', '300.00']);

    const book = (await t.admin.get(`/api/v1/price-books/${levelBook.id}`)).json();
    expect(book.entryCount).toBe(2);
    await t.admin.put(`/api/v1/price-books/${levelBook.id}/entries`, { entries: [{ productId: b.id, price: null }] });
    expect(
      (await t.admin.get(`/api/v1/price-books/${levelBook.id}/entries`))
        .json()
        .map((e: { productId: number }) => e.productId),
    ).toEqual([a.id]);

    // A rep cannot price a customer they cannot see.
    const rep = await createUserClient(t, 'sales_rep');
    expect((await rep.get('/api/v1/prices', { customerId: vip.id, productId: ids })).statusCode).toBe(400);
  });

  it('refuses incomplete or inconsistent price books and unknown products', async () => {
    const noLevel = await t.admin.post('/api/v1/price-books', { name: 'x', kind: 'level' });
    expect(noLevel.json().error.fields).toHaveProperty('customerLevel');
    const backwards = await t.admin.post('/api/v1/price-books', {
      name: 'x',
      kind: 'other',
      validFrom: '2026-12-01',
      validTo: '2026-01-01',
    });
    expect(backwards.json().error.fields).toHaveProperty('validTo');
    const book = (await t.admin.post('/api/v1/price-books', { name: unique('册'), kind: 'channel' })).json();
    const unknown = await t.admin.put(`/api/v1/price-books/${book.id}/entries`, {
      entries: [{ productId: 999999, price: '1' }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toHaveProperty(['entries.0.productId']);
    expect((await t.admin.delete(`/api/v1/price-books/${book.id}`)).statusCode).toBe(204);
    expect((await t.admin.get(`/api/v1/price-books/${book.id}`)).statusCode).toBe(404);
  });
});
