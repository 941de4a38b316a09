import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createUserClient, unique } from '../../../test/factories.ts';

const png = `data:image/png;base64,${'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='}`;

describe.each(testDialects)('work orders on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const technician = async (skills: string[]) => {
    const user = await createUserClient(t, 'service_agent');
    await t.admin.put(`/api/v1/users/${user.userId}/skills`, { skills });
    return user;
  };
  const ticketFor = async (customerFields: Record<string, unknown> = {}) => {
    const customer = await createCustomer(t.admin, {
      name: unique('上门客户'),
      province: '浙江省',
      city: '杭州市',
      address: '文一西路 1 号',
      ...customerFields,
    });
    return (
      await t.admin.post('/api/v1/tickets', { type: 'repair', customerId: customer.id, subject: '空调不制冷' })
    ).json();
  };
  const slot = { appointmentStart: '2026-12-02T01:00:00.000Z', appointmentEnd: '2026-12-02T03:00:00.000Z' };

  it('dispatches to the free technician with the skills and the fewest open jobs', async () => {
    const skill = unique('制冷');
    const busy = await technician([skill, '电工']);
    const free = await technician([skill]);
    await technician(['电工']);
    const ticket = await ticketFor();
    await t.admin.post('/api/v1/work-orders', { ticketId: ticket.id, ...slot, technicianId: busy.userId });
    const created = await t.admin.post('/api/v1/work-orders', {
      ticketId: ticket.id,
      ...slot,
      requiredSkills: [skill],
      partsNeeded: '冷媒 R410A',
    });
    expect(created.statusCode).toBe(201);
    const order = created.json();
    // A customer's work orders, for its page: these two and none of another customer's.
    await ticketFor().then((other) =>
      t.admin.post('/api/v1/work-orders', { ticketId: other.id, ...slot, technicianId: busy.userId }),
    );
    const ofCustomer = (await t.admin.get('/api/v1/work-orders', { customerId: ticket.customerId })).json();
    expect([ofCustomer.total, ofCustomer.items.map((w: { ticketId: number }) => w.ticketId)]).toEqual([
      2,
      [ticket.id, ticket.id],
    ]);
    expect(order).toMatchObject({
      number: `${ticket.number}-W2`,
      status: 'dispatched',
      technicianId: free.userId,
      address: '浙江省 杭州市 文一西路 1 号',
    });
    expect(
      (await free.get('/api/v1/notifications'))
        .json()
        .items.some(
          (n: { kind: string; entityId: number }) => n.kind === 'workOrderDispatched' && n.entityId === order.id,
        ),
    ).toBe(true);
    expect(
      (await t.admin.post('/api/v1/work-orders', { ticketId: ticket.id, ...slot, requiredSkills: ['没人会的技能'] }))
        .statusCode,
    ).toBe(201);
    expect(
      (
        await t.admin.post('/api/v1/work-orders', {
          ticketId: ticket.id,
          ...slot,
          technicianId: (await createUserClient(t, 'sales_rep')).userId,
        })
      ).json().error.fields,
    ).toHaveProperty('technicianId');
    expect(
      (
        await t.admin.post('/api/v1/work-orders', {
          ticketId: ticket.id,
          appointmentStart: slot.appointmentEnd,
          appointmentEnd: slot.appointmentStart,
        })
      ).json().error.fields,
    ).toHaveProperty('appointmentEnd');
    expect(
      (await (await createUserClient(t, 'sales_rep')).post('/api/v1/work-orders', { ticketId: ticket.id, ...slot }))
        .statusCode,
    ).toBe(403);
  });

  it('never dispatches to the administrator for holding every permission, though dispatch may name them', async () => {
    const tech = await technician([]);
    const ticket = await ticketFor();
    // The administrator has no open job and would be the free one if holding the permission were enough.
    for (let i = 0; i < 3; i++) {
      const order = (await t.admin.post('/api/v1/work-orders', { ticketId: ticket.id, ...slot })).json();
      expect(order.technicianId).not.toBe(t.admin.userId);
      expect(order.technicianId).toEqual(expect.any(Number));
    }
    expect(
      (await t.admin.post('/api/v1/work-orders', { ticketId: ticket.id, ...slot, technicianId: t.admin.userId })).json()
        .technicianId,
    ).toBe(t.admin.userId);
    expect(tech.userId).toEqual(expect.any(Number));
  });

  it('sends the nearest free technician to the site, and learns the site from an earlier check-in', async () => {
    const skill = unique('锅炉');
    const [far, near, unseen] = [await technician([skill]), await technician([skill]), await technician([skill])];
    const hangzhou = { latitude: 30.2741, longitude: 120.1551 };
    expect(
      (await far.post('/api/v1/work-orders/my-position', { latitude: 39.9042, longitude: 116.4074 })).statusCode,
    ).toBe(204);
    expect(
      (await near.post('/api/v1/work-orders/my-position', { latitude: 30.29, longitude: 120.16 })).statusCode,
    ).toBe(204);
    expect((await near.post('/api/v1/work-orders/my-position', { latitude: 95, longitude: 0 })).statusCode).toBe(400);
    expect(
      (await (await createUserClient(t, 'sales_rep')).post('/api/v1/work-orders/my-position', hangzhou)).statusCode,
    ).toBe(403);

    const first = (
      await t.admin.post('/api/v1/work-orders', {
        ticketId: (await ticketFor()).id,
        ...slot,
        requiredSkills: [skill],
        siteLatitude: hangzhou.latitude,
        siteLongitude: hangzhou.longitude,
      })
    ).json();
    expect(first).toMatchObject({ technicianId: near.userId, siteLatitude: hangzhou.latitude });
    // Now the near one is busy: a free one goes, the one whose whereabouts are known before the one never seen.
    const second = (
      await t.admin.post('/api/v1/work-orders', {
        ticketId: (await ticketFor()).id,
        ...slot,
        requiredSkills: [skill],
        siteLatitude: hangzhou.latitude,
        siteLongitude: hangzhou.longitude,
      })
    ).json();
    expect(second.technicianId).toBe(far.userId);
    const third = (
      await t.admin.post('/api/v1/work-orders', {
        ticketId: (await ticketFor()).id,
        ...slot,
        requiredSkills: [skill],
        siteLatitude: hangzhou.latitude,
        siteLongitude: hangzhou.longitude,
      })
    ).json();
    expect(third.technicianId).toBe(unseen.userId);

    // Checking in on site reports where the technician is and where the customer's site is.
    await near.post(`/api/v1/work-orders/${first.id}/check-in`, { latitude: 30.3, longitude: 120.2 });
    await near.post(`/api/v1/work-orders/${first.id}/check-out`, { workDone: '清洗燃烧器' });
    const again = (
      await t.admin.post('/api/v1/tickets', { type: 'repair', customerId: first.customerId, subject: '锅炉又报警' })
    ).json();
    const repeat = (
      await t.admin.post('/api/v1/work-orders', { ticketId: again.id, ...slot, requiredSkills: [skill] })
    ).json();
    expect(repeat).toMatchObject({ siteLatitude: 30.3, siteLongitude: 120.2, technicianId: near.userId });
  });

  it('keeps photos from the site, added by its technician or dispatch only', async () => {
    const tech = await technician([]);
    const outsider = await createUserClient(t, 'sales_rep');
    const order = (
      await t.admin.post('/api/v1/work-orders', {
        ticketId: (await ticketFor()).id,
        ...slot,
        technicianId: tech.userId,
      })
    ).json();
    const photo = (client: Client) => {
      const boundary = 'photoboundary';
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="现场.png"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return client.request('POST', `/api/v1/work-orders/${order.id}/attachments`, {
        payload,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
    };
    expect((await photo(tech)).statusCode).toBe(201);
    expect((await photo(outsider)).statusCode).toBe(403);
    expect((await tech.get(`/api/v1/work-orders/${order.id}/attachments`)).json()).toMatchObject([
      { fileName: '现场.png', contentType: 'image/png' },
    ]);
    expect((await t.admin.get(`/api/v1/work-orders/${order.id}/attachments`)).json()).toHaveLength(1);
    await t.admin.post(`/api/v1/work-orders/${order.id}/cancel`, { reason: '客户取消' });
    expect((await photo(t.admin)).statusCode).toBe(409);
  });

  it('lets only its technician accept, check in and check out, taking parts from stock and counting the visit', async () => {
    await t.admin.patch('/api/v1/settings', { stockTracking: true });
    const warehouse = (
      await t.admin.post('/api/v1/warehouses', { code: unique('WH'), name: '备件库', isDefault: true })
    ).json();
    const part = (
      await t.admin.post('/api/v1/products', {
        code: unique('PART'),
        name: '压缩机电容',
        listPrice: '120',
        costPrice: '40',
        trackStock: true,
      })
    ).json();
    await t.admin.post('/api/v1/stock/in', { warehouseId: warehouse.id, productId: part.id, quantity: '5' });
    const tech = await technician([unique('skill')]);
    const ticket = await ticketFor();
    const asset = (await t.admin.post('/api/v1/assets', { customerId: ticket.customerId, name: '中央空调' })).json();
    const contract = (
      await t.admin.post('/api/v1/service-contracts', {
        name: '空调维保',
        customerId: ticket.customerId,
        startsOn: '2026-01-01',
        endsOn: '2027-12-31',
        visitsIncluded: 6,
        assetIds: [asset.id],
      })
    ).json();
    await t.database.db
      .updateTable('tickets')
      .set({ serviceContractId: contract.id })
      .where('id', '=', ticket.id)
      .execute();
    const order = (
      await t.admin.post('/api/v1/work-orders', { ticketId: ticket.id, ...slot, technicianId: tech.userId })
    ).json();

    const colleague = await createUserClient(t, 'service_agent');
    expect((await colleague.post(`/api/v1/work-orders/${order.id}/accept`)).statusCode).toBe(403);
    expect((await tech.post(`/api/v1/work-orders/${order.id}/check-out`, { workDone: 'x' })).statusCode).toBe(409);
    expect((await tech.post(`/api/v1/work-orders/${order.id}/accept`)).json()).toMatchObject({
      status: 'accepted',
      acceptedAt: expect.any(String),
    });
    const onSite = (
      await tech.post(`/api/v1/work-orders/${order.id}/check-in`, { latitude: 30.28, longitude: 120.02 })
    ).json();
    expect(onSite).toMatchObject({ status: 'on_site', checkInLatitude: 30.28, checkInLongitude: 120.02 });
    await t.database.db
      .updateTable('workOrders')
      .set({
        acceptedAt: new Date(Date.now() - 95 * 60_000).toISOString(),
        checkInAt: new Date(Date.now() - 50 * 60_000).toISOString(),
      })
      .where('id', '=', order.id)
      .execute();

    const short = await tech.post(`/api/v1/work-orders/${order.id}/check-out`, {
      workDone: '更换电容',
      parts: [{ productId: part.id, quantity: '6' }],
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields).toHaveProperty(['parts.0.quantity']);
    expect((await tech.get(`/api/v1/work-orders/${order.id}`)).json().status).toBe('on_site');
    expect(
      (
        await tech.post(`/api/v1/work-orders/${order.id}/check-out`, {
          workDone: 'x',
          signature: 'data:text/html;base64,PHNjcmlwdD4=',
        })
      ).statusCode,
    ).toBe(400);

    const done = (
      await tech.post(`/api/v1/work-orders/${order.id}/check-out`, {
        workDone: '更换压缩机电容，试机正常',
        parts: [{ productId: part.id, quantity: '2' }],
        signature: png,
        signedBy: '王师傅',
      })
    ).json();
    expect(done).toMatchObject({
      status: 'completed',
      travelMinutes: 45,
      workMinutes: 50,
      hasSignature: true,
      signedBy: '王师傅',
      parts: [{ productId: part.id, quantity: '2', warehouseId: warehouse.id }],
    });
    const stock = (await t.admin.get('/api/v1/stock', { q: part.code })).json().items[0];
    expect(stock).toMatchObject({ onHand: '3' });
    const [movement] = (await t.admin.get('/api/v1/stock/movements', { productId: part.id, kind: 'out' })).json().items;
    expect(movement).toMatchObject({ quantity: '-2', reason: order.number });
    const signature = await t.admin.get(`/api/v1/work-orders/${order.id}/signature`);
    expect(signature.headers['content-type']).toBe('image/png');
    const thread = (await t.admin.get(`/api/v1/tickets/${ticket.id}`)).json().messages;
    expect(thread.at(-1).body).toContain('更换压缩机电容');
    expect((await t.admin.get(`/api/v1/service-contracts/${contract.id}`)).json()).toMatchObject({
      visitsUsed: 1,
      minutesUsed: 50,
    });
    expect(
      (await tech.get('/api/v1/work-orders', { mine: 'true' })).json().items.map((w: { id: number }) => w.id),
    ).toContain(order.id);
  });

  it('cancels with a reason and keeps work orders in scope', async () => {
    const tech = await technician([]);
    const ticket = await ticketFor();
    const order = (
      await t.admin.post('/api/v1/work-orders', { ticketId: ticket.id, ...slot, technicianId: tech.userId })
    ).json();
    expect((await t.admin.post(`/api/v1/work-orders/${order.id}/cancel`, { reason: '' })).statusCode).toBe(400);
    expect((await t.admin.post(`/api/v1/work-orders/${order.id}/cancel`, { reason: '客户改期' })).json().status).toBe(
      'cancelled',
    );
    expect((await tech.post(`/api/v1/work-orders/${order.id}/accept`)).statusCode).toBe(409);
    const rep = await createUserClient(t, 'sales_rep');
    expect((await rep.get(`/api/v1/work-orders/${order.id}`)).statusCode).toBe(403);
  });
});
