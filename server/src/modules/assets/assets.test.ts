import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient } from '../../../test/factories.ts';
import { businessMinutesBetween } from '../../platform/business-calendar.ts';
import { businessCalendar } from '../tickets/sla.ts';

const shanghaiDay = (offsetDays: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );

describe.each(testDialects)('installed base and service contracts on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    // A fresh install's default policy, made the catch-all these tests expect.
    const [standard] = (await t.admin.get('/api/v1/sla-policies')).json();
    await t.admin.put(`/api/v1/sla-policies/${standard.id}`, {
      name: '默认',
      firstResponseMinutes: 480,
      resolutionMinutes: 2700,
    });
  });
  afterAll(async () => t?.close());

  it('records assets with their warranty, within the customer’s visibility', async () => {
    const agent = await createUserClient(t, 'service_agent');
    const customer = await createCustomer(t.admin, { name: '温州阀门厂' });
    const product = (
      await t.admin.post('/api/v1/products', { code: 'CNC-5', name: '数控车床', listPrice: '380000' })
    ).json();
    const lathe = await agent.post('/api/v1/assets', {
      customerId: customer.id,
      productId: product.id,
      name: '数控车床',
      serialNumber: 'SN-2025-0042',
      purchasedOn: shanghaiDay(-300),
      warrantyEndsOn: shanghaiDay(65),
      location: '二车间',
    });
    expect(lathe.statusCode).toBe(201);
    expect(lathe.json()).toMatchObject({ customerName: '温州阀门厂', productCode: 'CNC-5', underWarranty: true });
    const old = (
      await agent.post('/api/v1/assets', { customerId: customer.id, name: '旧冲床', warrantyEndsOn: shanghaiDay(-1) })
    ).json();
    expect(old.underWarranty).toBe(false);
    expect(
      (await agent.get('/api/v1/assets', { customerId: customer.id, underWarranty: 'true' }))
        .json()
        .items.map((a: { id: number }) => a.id),
    ).toEqual([lathe.json().id]);
    expect((await agent.get('/api/v1/assets', { q: 'sn-2025' })).json().items.map((a: { id: number }) => a.id)).toEqual(
      [lathe.json().id],
    );

    const rep = await createUserClient(t, 'sales_rep', await createDepartment(t, '资产组'));
    expect((await rep.get(`/api/v1/assets/${old.id}`)).statusCode).toBe(404);
    expect((await rep.post('/api/v1/assets', { customerId: customer.id, name: 'x' })).statusCode).toBe(403);
    expect((await agent.post('/api/v1/assets', { customerId: customer.id, name: '' })).statusCode).toBe(400);
    const other = await createCustomer(t.admin);
    const foreignOrder = (
      await t.admin.post('/api/v1/orders', {
        title: 'x',
        customerId: other.id,
        lines: [{ name: 'a', quantity: '1', unitPrice: '1' }],
      })
    ).json();
    expect(
      (await agent.post('/api/v1/assets', { customerId: customer.id, name: 'x', orderId: foreignOrder.id })).json()
        .error.fields,
    ).toHaveProperty('orderId');
    expect((await agent.patch(`/api/v1/assets/${old.id}`, { location: '仓库' })).json().location).toBe('仓库');
  });

  it('opens tickets under the covering service contract, keeps its faster response promise and counts the work done', async () => {
    const agent = await createUserClient(t, 'service_agent');
    const customer = await createCustomer(t.admin, { name: '台州模具公司' });
    const covered = (
      await agent.post('/api/v1/assets', { customerId: customer.id, name: '注塑机', warrantyEndsOn: shanghaiDay(-10) })
    ).json();
    const other = (await agent.post('/api/v1/assets', { customerId: customer.id, name: '空压机' })).json();
    const bad = await agent.post('/api/v1/service-contracts', {
      name: 'x',
      customerId: customer.id,
      startsOn: shanghaiDay(0),
      endsOn: shanghaiDay(-1),
    });
    expect(bad.json().error.fields).toHaveProperty('endsOn');
    const contract = (
      await agent.post('/api/v1/service-contracts', {
        name: '注塑机年度维保',
        customerId: customer.id,
        startsOn: shanghaiDay(-30),
        endsOn: shanghaiDay(335),
        visitsIncluded: 4,
        minutesIncluded: 1200,
        responseMinutes: 60,
        assetIds: [covered.id],
      })
    ).json();
    expect(contract).toMatchObject({ status: 'active', visitsUsed: 0, assetIds: [covered.id] });

    const ticket = (
      await agent.post('/api/v1/tickets', {
        type: 'repair',
        customerId: customer.id,
        assetId: covered.id,
        subject: '注塑机液压故障',
        assigneeId: agent.userId,
      })
    ).json();
    expect(ticket).toMatchObject({ assetId: covered.id, serviceContractId: contract.id });
    const calendar = await businessCalendar(t.database.db);
    expect(businessMinutesBetween(new Date(ticket.createdAt), new Date(ticket.firstResponseDue), calendar)).toBe(60);
    expect(businessMinutesBetween(new Date(ticket.createdAt), new Date(ticket.resolutionDue), calendar)).toBe(2700);
    const coverage = (await agent.get(`/api/v1/tickets/${ticket.id}/coverage`)).json();
    expect(coverage).toMatchObject({
      underWarranty: false,
      asset: { id: covered.id },
      serviceContract: { id: contract.id, visitsIncluded: 4 },
    });

    const used = await agent.post(`/api/v1/tickets/${ticket.id}/usage`, {
      visits: 1,
      minutes: 150,
      note: '更换液压阀',
    });
    expect(used.statusCode).toBe(201);
    expect(used.json().serviceContract).toMatchObject({ visitsUsed: 1, minutesUsed: 150 });
    expect((await agent.post(`/api/v1/tickets/${ticket.id}/usage`, { visits: 0, minutes: 0 })).statusCode).toBe(400);

    // The other asset is not covered: no contract, the policy's own deadline.
    const uncovered = (
      await agent.post('/api/v1/tickets', {
        type: 'repair',
        customerId: customer.id,
        assetId: other.id,
        subject: '空压机漏气',
        assigneeId: agent.userId,
      })
    ).json();
    expect(uncovered.serviceContractId).toBeNull();
    expect(businessMinutesBetween(new Date(uncovered.createdAt), new Date(uncovered.firstResponseDue), calendar)).toBe(
      480,
    );
    expect((await agent.post(`/api/v1/tickets/${uncovered.id}/usage`, { visits: 1, minutes: 0 })).statusCode).toBe(409);
    const stranger = await createCustomer(t.admin);
    const foreign = (await agent.post('/api/v1/assets', { customerId: stranger.id, name: '别人的设备' })).json();
    expect(
      (
        await agent.post('/api/v1/tickets', {
          type: 'repair',
          customerId: customer.id,
          assetId: foreign.id,
          subject: 'x',
        })
      ).json().error.fields,
    ).toHaveProperty('assetId');
    expect(
      (
        await agent.post('/api/v1/service-contracts', {
          name: 'x',
          customerId: customer.id,
          startsOn: shanghaiDay(0),
          endsOn: shanghaiDay(1),
          assetIds: [foreign.id],
        })
      ).json().error.fields,
    ).toHaveProperty(['assetIds.0']);
  });
});
