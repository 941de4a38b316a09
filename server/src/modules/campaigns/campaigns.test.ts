import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createLead, createUserClient, unique } from '../../../test/factories.ts';
import { systemActor } from '../../platform/actor.ts';
import { insertCampaignMembers } from './members.service.ts';

describe.each(testDialects)('campaigns on %s', (dialect) => {
  let t: TestApp;
  let wonStage: number;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const [pipeline] = (await t.admin.get('/api/v1/pipelines')).json();
    wonStage = pipeline.stages.find((s: { kind: string }) => s.kind === 'won').id;
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
  const campaign = (by: Client, body: Record<string, unknown> = {}) =>
    ok(by.post('/api/v1/campaigns', { name: unique('活动'), type: 'seminar', ...body }), 201);
  const cost = (campaignId: number, amount: string) =>
    ok(
      t.admin.post(`/api/v1/campaigns/${campaignId}/costs`, {
        date: '2026-11-02',
        item: '场地',
        amount,
        supplier: '会展中心',
      }),
      201,
    );
  const figures = async (id: number) => (await ok(t.admin.get(`/api/v1/campaigns/${id}`))).figures;
  /** An approved order on the opportunity, paid `amount` in one confirmed receipt. */
  const paidOrder = async (opportunityId: number, customerId: number, price: string, amount: string) => {
    const order = await ok(
      t.admin.post('/api/v1/orders', {
        title: '活动订单',
        customerId,
        opportunityId,
        lines: [{ name: '项目', quantity: '1', unitPrice: price, taxRate: '0' }],
      }),
      201,
    );
    expect((await ok(t.admin.post(`/api/v1/orders/${order.id}/submit`))).status).toBe('approved');
    const [instalment] = await ok(
      t.admin.put(`/api/v1/orders/${order.id}/payment-plan`, {
        instalments: [{ dueDate: '2026-12-28', percent: '100' }],
      }),
    );
    const receipt = await ok(
      t.admin.post('/api/v1/receipts', {
        customerId,
        receivedOn: '2026-11-20',
        amount,
        method: 'bank_transfer',
        allocations: [{ instalmentId: instalment.id, amount }],
      }),
      201,
    );
    await ok(t.admin.post(`/api/v1/receipts/${receipt.id}/confirm`));
    return order.id as number;
  };

  it('rolls figures up through the hierarchy and computes ROI in the database over more rows than a page', async () => {
    const top = await campaign(t.admin, { budget: '50000.00' });
    const middle = await campaign(t.admin, { parentId: top.id });
    const bottom = await campaign(t.admin, { parentId: middle.id, type: 'email' });
    expect(bottom.parentName).toBe(middle.name);

    // 205 cost lines of 1.01 below (more than the largest page), 300.00 on the top campaign.
    for (let i = 0; i < 205; i++) await cost(bottom.id, '1.01');
    await cost(top.id, '300.00');
    const costPage = await ok(t.admin.get(`/api/v1/campaigns/${bottom.id}/costs`, { pageSize: 200 }));
    expect(costPage.items).toHaveLength(200);
    expect(costPage.total).toBe(205);

    // 260 members from a segment-like caller (the service function), 130 of them responded.
    const members = Array.from({ length: 260 }, (_, i) => 1_000_000 + i);
    await insertCampaignMembers(t.database.db, systemActor, bottom.id, 'contacts', members.slice(0, 130), {
      status: 'responded',
      source: 'segment',
    });
    const again = await insertCampaignMembers(t.database.db, systemActor, bottom.id, 'contacts', members, {
      source: 'segment',
    });
    expect(again).toEqual({ added: 130, alreadyMembers: 130 });

    // Three leads come from the middle campaign; one converts into an opportunity that is won and paid.
    const leads = [];
    for (let i = 0; i < 3; i++)
      leads.push(await createLead(t.admin, { campaignId: middle.id, company: unique('公司') }));
    const conversion = await ok(
      t.admin.post(`/api/v1/leads/${leads[0].id}/convert`, {
        createOpportunity: true,
        opportunity: { name: '活动商机', amount: '8000.00' },
      }),
    );
    const opportunity = await ok(t.admin.get(`/api/v1/opportunities/${conversion.opportunityId}`));
    expect(opportunity.campaignId).toBe(middle.id);
    await ok(t.admin.patch(`/api/v1/opportunities/${conversion.opportunityId}`, { stageId: wonStage }));
    await paidOrder(conversion.opportunityId, conversion.customerId, '8000', '2500.50');

    const costBelow = 205 * 101; // minor units
    const bottomFigures = await figures(bottom.id);
    expect(bottomFigures).toMatchObject({
      members: 260,
      responses: 130,
      leads: 0,
      cost: (costBelow / 100).toFixed(2),
      costPerLead: null,
      received: '0.00',
      childCount: 0,
    });
    // (0 − 207.05) ÷ 207.05 = −100 %
    expect(bottomFigures.roi).toBe('-100.00');

    const middleFigures = await figures(middle.id);
    expect(middleFigures).toMatchObject({
      members: 260,
      leads: 3,
      convertedLeads: 1,
      opportunities: 1,
      wonOpportunities: 1,
      wonAmount: '8000.00',
      received: '2500.50',
      cost: '207.05',
      costPerLead: '69.01', // 20705 ÷ 3 = 6901.67, truncated
      childCount: 1,
    });
    // (250050 − 20705) × 10000 ÷ 20705 = 110767.9 basis points, truncated
    expect(middleFigures.roi).toBe('1107.67');

    const topFigures = await figures(top.id);
    const topCost = costBelow + 30000;
    expect(topFigures).toMatchObject({ leads: 3, received: '2500.50', cost: '507.05', childCount: 2 });
    expect(topFigures.roi).toBe((Math.trunc(((250050 - topCost) * 10000) / topCost) / 100).toFixed(2));
    expect(topFigures.costPerLead).toBe((Math.trunc(topCost / 3) / 100).toFixed(2));
  });

  it('reports each campaign’s own figures as a report source, added up by the database, within scope', async () => {
    const department = await createDepartment(t, unique('活动报表部'));
    const manager = await createUserClient(t, 'sales_manager', department);
    const type = unique('ty')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
    const dictionary = await t.admin.post('/api/v1/dictionaries/campaign_type/options', {
      code: type,
      labelZh: '报表活动类型',
      labelEn: 'Report campaign type',
    });
    expect(dictionary.statusCode, dictionary.body).toBe(201);
    const parent = await campaign(manager, { type });
    const child = await campaign(manager, { type, parentId: parent.id });
    for (let i = 0; i < 3; i++) await cost(parent.id, '100.00');
    await cost(child.id, '50.25');
    await insertCampaignMembers(
      t.database.db,
      systemActor,
      child.id,
      'contacts',
      Array.from({ length: 230 }, (_, i) => 2_000_000 + i),
      { status: 'responded', source: 'segment' },
    );
    const lead = await createLead(t.admin, { campaignId: child.id, company: unique('报表公司') });
    const conversion = await ok(
      t.admin.post(`/api/v1/leads/${lead.id}/convert`, {
        createOpportunity: true,
        opportunity: { name: '报表商机', amount: '1000.00' },
      }),
    );
    await ok(t.admin.patch(`/api/v1/opportunities/${conversion.opportunityId}`, { stageId: wonStage }));
    await paidOrder(conversion.opportunityId, conversion.customerId, '1000', '400.10');

    const definition = {
      source: 'campaigns',
      filters: [{ field: 'type', op: 'eq', value: type }],
      groupBy: [{ field: 'name' }],
      measures: [
        { aggregate: 'count' },
        { aggregate: 'sum', field: 'members' },
        { aggregate: 'sum', field: 'cost' },
        { aggregate: 'sum', field: 'received' },
        { aggregate: 'sum', field: 'net' },
        { aggregate: 'ratio', of: [4, 2] },
      ],
    };
    const report = await ok(t.admin.post('/api/v1/reports/run', definition));
    expect(report.currency).toBe('CNY');
    const row = (name: string) => report.rows.find((r: Record<string, unknown>) => r.name === name);
    // Each campaign's own figures, not rolled up: the parent's row holds only its own cost.
    expect(row(parent.name)).toMatchObject({ 'sum:members': 0, 'sum:cost': 30000, 'sum:received': 0 });
    expect(row(child.name)).toMatchObject({ 'sum:members': 230, 'sum:cost': 5025, 'sum:received': 40010 });
    expect(report.totals).toMatchObject({
      count: 2,
      'sum:members': 230,
      'sum:cost': 35025,
      'sum:received': 40010,
      'sum:net': 40010 - 35025,
    });
    // The same total as the parent's rolled-up figures on its page.
    const rolledUp = await figures(parent.id);
    expect(rolledUp).toMatchObject({ cost: '350.25', received: '400.10', members: 230 });
    expect(Number(report.totals['ratio:4:2'])).toBeCloseTo(((40010 - 35025) / 35025) * 100, 1);

    // A kept answer is not given again once a cost line is added.
    await cost(child.id, '1.00');
    const after = await ok(t.admin.post('/api/v1/reports/run', definition));
    expect(after.totals['sum:cost']).toBe(35125);

    // A rep of another department sees none of these campaigns.
    const outsider = await createUserClient(t, 'sales_rep', await createDepartment(t, unique('别的部门')));
    const theirs = await ok(outsider.post('/api/v1/reports/run', definition));
    expect(theirs.totals.count).toBe(0);
  });

  it('shows ROI as not applicable when nothing was spent', async () => {
    const free = await campaign(t.admin);
    await createLead(t.admin, { campaignId: free.id });
    expect(await figures(free.id)).toMatchObject({ cost: '0.00', roi: null, costPerLead: '0.00', leads: 1 });
  });

  it('adds up amounts in the company’s currency only, counting won deals in others apart', async () => {
    const mixed = await campaign(t.admin);
    const customer = await createCustomer(t.admin);
    for (const [currency, amount] of [
      ['CNY', '100.00'],
      ['USD', '999.00'],
    ]) {
      const created = await t.admin.post('/api/v1/opportunities', {
        name: unique('币种商机'),
        customerId: customer.id,
        amount,
        currency,
        campaignId: mixed.id,
      });
      expect(created.statusCode, created.body).toBe(201);
      const opportunity = created.json();
      await ok(t.admin.patch(`/api/v1/opportunities/${opportunity.id}`, { stageId: wonStage }));
    }
    expect(await figures(mixed.id)).toMatchObject({
      currency: 'CNY',
      wonOpportunities: 2,
      wonAmount: '100.00',
      wonInOtherCurrencies: 1,
    });
  });

  it('adds leads of a list selection, takes the campaign as their first touch and marks them converted', async () => {
    const first = await campaign(t.admin);
    const second = await campaign(t.admin);
    const fresh = await createLead(t.admin);
    const sourced = await createLead(t.admin, { campaignId: first.id });
    expect(
      await ok(
        t.admin.post(`/api/v1/campaigns/${second.id}/members`, { entity: 'leads', ids: [fresh.id, sourced.id] }),
      ),
    ).toEqual({ added: 2, alreadyMembers: 0 });
    expect(
      await ok(t.admin.post(`/api/v1/campaigns/${second.id}/members`, { entity: 'leads', ids: [fresh.id] })),
    ).toEqual({ added: 0, alreadyMembers: 1 });
    expect((await ok(t.admin.get(`/api/v1/leads/${fresh.id}`))).campaignId).toBe(second.id);
    expect((await ok(t.admin.get(`/api/v1/leads/${sourced.id}`))).campaignId).toBe(first.id);

    const page = await ok(t.admin.get(`/api/v1/campaigns/${second.id}/members`));
    expect(page.total).toBe(2);
    const member = page.items.find((m: { entityId: number }) => m.entityId === fresh.id);
    expect(member).toMatchObject({
      entity: 'leads',
      name: fresh.name,
      status: 'planned',
      source: 'list',
      firstAt: null,
    });
    await ok(t.admin.patch(`/api/v1/campaigns/${second.id}/members/${member.id}`, { status: 'opened' }), 204);

    const conversion = await ok(
      t.admin.post(`/api/v1/leads/${fresh.id}/convert`, {
        createOpportunity: true,
        opportunity: { name: '转化商机' },
      }),
    );
    const after = (await ok(t.admin.get(`/api/v1/campaigns/${second.id}/members`))).items.find(
      (m: { entityId: number }) => m.entityId === fresh.id,
    );
    expect(after.status).toBe('converted');
    expect(after.firstAt).not.toBeNull();
    const memberships = await ok(
      t.admin.get('/api/v1/campaign-memberships', { entity: 'opportunities', id: conversion.opportunityId }),
    );
    expect(memberships.map((m: { campaignId: number }) => m.campaignId)).toEqual([second.id]);
    expect((await figures(second.id)).responses).toBe(1);

    const bad = await t.admin.post(`/api/v1/campaigns/${second.id}/members`, { entity: 'leads', ids: [2_000_000_000] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('ids');
  });

  it('keeps the status moving forward, the hierarchy free of loops and a parent with children', async () => {
    const parent = await campaign(t.admin);
    const child = await campaign(t.admin, { parentId: parent.id });
    const skip = await t.admin.patch(`/api/v1/campaigns/${parent.id}`, { status: 'completed' });
    expect(skip.statusCode).toBe(400);
    expect(skip.json().error.fields).toHaveProperty('status');
    await ok(t.admin.patch(`/api/v1/campaigns/${parent.id}`, { status: 'active' }));
    expect((await ok(t.admin.patch(`/api/v1/campaigns/${parent.id}`, { status: 'completed' }))).status).toBe(
      'completed',
    );
    const loop = await t.admin.patch(`/api/v1/campaigns/${parent.id}`, { parentId: child.id });
    expect(loop.statusCode).toBe(400);
    expect(loop.json().error.fields).toHaveProperty('parentId');
    expect((await t.admin.delete(`/api/v1/campaigns/${parent.id}`)).statusCode).toBe(409);
    await ok(t.admin.delete(`/api/v1/campaigns/${child.id}`), 204);
    await ok(t.admin.delete(`/api/v1/campaigns/${parent.id}`), 204);
    expect((await t.admin.get(`/api/v1/campaigns/${parent.id}`)).statusCode).toBe(404);
    const product = await ok(
      t.admin.post('/api/v1/products', { code: unique('P'), name: unique('推广产品'), listPrice: '1' }),
      201,
    );
    const promoting = await campaign(t.admin, { productIds: [product.id, product.id] });
    expect(promoting.products).toEqual([{ id: product.id, name: product.name }]);
    const unknown = await t.admin.patch(`/api/v1/campaigns/${promoting.id}`, { productIds: [2_000_000_000] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toHaveProperty('productIds');
    const badType = await t.admin.post('/api/v1/campaigns', { name: '错误类型', type: 'nope' });
    expect(badType.statusCode).toBe(400);
    expect(badType.json().error.fields).toHaveProperty('type');
  });

  it('scopes campaigns by owner and department: a rep sees the department’s, a manager the tree’s', async () => {
    const head = await createDepartment(t, unique('市场部'));
    const east = await createDepartment(t, unique('华东'), head);
    const west = await createDepartment(t, unique('华西'), head);
    const headManager = await createUserClient(t, 'sales_manager', head);
    const eastManager = await createUserClient(t, 'sales_manager', east);
    const eastRep = await createUserClient(t, 'sales_rep', east);
    const westManager = await createUserClient(t, 'sales_manager', west);
    const eastCampaign = await campaign(eastManager, { status: 'active' });
    const westCampaign = await campaign(westManager, { status: 'active' });

    const ids = async (by: Client) =>
      (await ok(by.get('/api/v1/campaigns', { status: 'active', pageSize: 200 }))).items.map(
        (c: { id: number }) => c.id,
      );
    expect(await ids(eastRep)).toContain(eastCampaign.id);
    expect(await ids(eastRep)).not.toContain(westCampaign.id);
    expect((await eastRep.get(`/api/v1/campaigns/${westCampaign.id}`)).statusCode).toBe(404);
    expect((await eastRep.get(`/api/v1/campaigns/${westCampaign.id}/members`)).statusCode).toBe(404);
    expect(await ids(headManager)).toEqual(expect.arrayContaining([eastCampaign.id, westCampaign.id]));
    expect((await eastRep.post('/api/v1/campaigns', { name: '代表的活动', type: 'email' })).statusCode).toBe(403);
    expect((await eastRep.post(`/api/v1/campaigns/${eastCampaign.id}/costs`, {})).statusCode).toBe(403);
    // A manager changes only campaigns in scope (404 outside it), and adds only leads they see.
    expect((await eastManager.patch(`/api/v1/campaigns/${westCampaign.id}`, { name: 'x' })).statusCode).toBe(404);
    const westLead = await createLead(westManager);
    const refused = await eastManager.post(`/api/v1/campaigns/${eastCampaign.id}/members`, {
      entity: 'leads',
      ids: [westLead.id],
    });
    expect(refused.statusCode).toBe(400);
    const eastCustomer = await createCustomer(eastRep);
    expect(
      await ok(
        eastManager.post(`/api/v1/campaigns/${eastCampaign.id}/members`, {
          entity: 'customers',
          ids: [eastCustomer.id],
        }),
      ),
    ).toEqual({ added: 1, alreadyMembers: 0 });
    const memberships = await ok(
      eastRep.get('/api/v1/campaign-memberships', { entity: 'customers', id: eastCustomer.id }),
    );
    expect(memberships).toEqual([expect.objectContaining({ campaignId: eastCampaign.id, status: 'planned' })]);

    // A leaving manager's campaigns go to the successor, with the successor's department: out of the east rep's sight.
    await t.admin.patch(`/api/v1/users/${eastManager.userId}`, { status: 'disabled' });
    const handover = await ok(
      t.admin.post(`/api/v1/users/${eastManager.userId}/handover`, { toUserId: westManager.userId }),
    );
    expect(handover.moved.campaigns).toBe(1);
    expect(await ok(t.admin.get(`/api/v1/campaigns/${eastCampaign.id}`))).toMatchObject({
      ownerId: westManager.userId,
      departmentId: west,
    });
    expect((await eastRep.get(`/api/v1/campaigns/${eastCampaign.id}`)).statusCode).toBe(404);
  });
});
