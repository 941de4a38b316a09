import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient, unique } from '../../../test/factories.ts';

type Stage = { id: number; code: string; kind: string; probability: number };

describe.each(testDialects)('opportunities on %s', (dialect) => {
  let t: TestApp;
  let stages: Record<string, Stage>;
  let pipelineId: number;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const [pipeline] = (await t.admin.get('/api/v1/pipelines')).json();
    pipelineId = pipeline.id;
    stages = Object.fromEntries(pipeline.stages.map((s: Stage) => [s.code, s]));
  });
  afterAll(async () => t?.close());

  it('comes with the default pipeline of six stages and their probabilities', () => {
    expect(Object.values(stages).map((s) => [s.code, s.probability, s.kind])).toEqual([
      ['initial', 10, 'open'],
      ['needs', 30, 'open'],
      ['proposal', 50, 'open'],
      ['negotiation', 70, 'open'],
      ['won', 100, 'won'],
      ['lost', 0, 'lost'],
    ]);
  });

  it('creates an opportunity with contacts, competitors and product lines, amounts exact to the cent', async () => {
    const customer = await createCustomer(t.admin);
    const contact = (await t.admin.post('/api/v1/contacts', { customerId: customer.id, name: '决策人' })).json();
    const response = await t.admin.post('/api/v1/opportunities', {
      name: 'ERP 升级项目',
      customerId: customer.id,
      expectedCloseDate: '2026-12-20',
      contacts: [{ contactId: contact.id, role: 'decision_maker' }],
      competitors: [{ name: '友商A', strengths: '价格低', price: '99999.99' }],
      products: [
        { productName: '许可证', quantity: '3', unitPrice: '0.10' },
        { productName: '实施服务', quantity: '1.5', unitPrice: '20000.01' },
      ],
    });
    expect(response.statusCode).toBe(201);
    const opportunity = response.json();
    expect(opportunity).toMatchObject({
      code: expect.stringMatching(/^O\d{6}$/),
      stageCode: 'initial',
      status: 'open',
      probability: 10,
      amount: '30000.32',
      weightedAmount: '3000.03',
      currency: 'CNY',
      contacts: [{ contactId: contact.id, name: '决策人', role: 'decision_maker' }],
      competitors: [{ name: '友商A', price: '99999.99' }],
    });
    expect(opportunity.products.map((p: { total: string }) => p.total)).toEqual(['0.30', '30000.02']);
    expect(opportunity.stageHistory).toHaveLength(1);
  });

  it('moves through stages, checking each stage’s rules and recording the time in each', async () => {
    const customer = await createCustomer(t.admin);
    const created = (
      await t.admin.post('/api/v1/opportunities', { name: unique('商机'), customerId: customer.id })
    ).json();
    const toProposal = (
      await t.admin.patch(`/api/v1/opportunities/${created.id}`, { stageId: stages.proposal.id })
    ).json();
    expect(toProposal).toMatchObject({ stageCode: 'proposal', probability: 50 });
    // The default "won" stage requires an amount; "lost" always requires a reason.
    const wonWithoutAmount = await t.admin.patch(`/api/v1/opportunities/${created.id}`, { stageId: stages.won.id });
    expect(wonWithoutAmount.statusCode).toBe(400);
    expect(wonWithoutAmount.json().error.fields).toHaveProperty('amount');
    const lostWithoutReason = await t.admin.patch(`/api/v1/opportunities/${created.id}`, { stageId: stages.lost.id });
    expect(lostWithoutReason.json().error.fields).toHaveProperty('lostReason');
    const won = (
      await t.admin.patch(`/api/v1/opportunities/${created.id}`, { stageId: stages.won.id, amount: '5000' })
    ).json();
    expect(won).toMatchObject({ status: 'won', probability: 100, amount: '5000.00', closedAt: expect.any(String) });
    expect(won.stageHistory.map((h: { toStageId: number }) => h.toStageId)).toEqual([
      stages.initial.id,
      stages.proposal.id,
      stages.won.id,
    ]);
    expect(won.stageHistory[1].secondsInPrevious).toBeGreaterThanOrEqual(0);
    const timeline = (await t.admin.get(`/api/v1/customers/${customer.id}/timeline`, { kinds: 'change' })).json();
    expect(
      timeline.items.some(
        (e: { change: { entity: string; action: string } }) =>
          e.change.entity === 'opportunities' && e.change.action === 'stage_change',
      ),
    ).toBe(true);
  });

  it('rejects bad input field by field', async () => {
    const customer = await createCustomer(t.admin);
    const other = await createCustomer(t.admin);
    const foreign = (await t.admin.post('/api/v1/contacts', { customerId: other.id, name: '外人' })).json();
    const bad = await t.admin.post('/api/v1/opportunities', {
      name: '',
      customerId: customer.id,
      amount: '12.345',
      probability: 120,
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['amount', 'name', 'probability']);
    expect(
      (
        await t.admin.post('/api/v1/opportunities', {
          name: 'x',
          customerId: customer.id,
          contacts: [{ contactId: foreign.id }],
        })
      ).json().error.fields,
    ).toHaveProperty('contacts');
    expect(
      (await t.admin.post('/api/v1/opportunities', { name: 'x', customerId: customer.id, stageId: 999999 })).json()
        .error.fields,
    ).toHaveProperty('stageId');
  });

  it('shows a board with per-stage counts, sums and weighted sums, limited to the scope', async () => {
    const team = await createDepartment(t, '商机组');
    const rep = await createUserClient(t, 'sales_rep', team);
    const colleague = await createUserClient(t, 'sales_rep', team);
    const manager = await createUserClient(t, 'sales_manager', team);
    const customer = await createCustomer(rep);
    for (const [stage, amount] of [
      ['initial', '1000'],
      ['initial', '3000.50'],
      ['negotiation', '2000'],
    ] as const) {
      expect(
        (
          await rep.post('/api/v1/opportunities', {
            name: unique('单'),
            customerId: customer.id,
            stageId: stages[stage].id,
            amount,
          })
        ).statusCode,
      ).toBe(201);
    }
    const board = (await rep.get(`/api/v1/pipelines/${pipelineId}/board`)).json();
    const column = (code: string) => board.columns.find((c: { stage: Stage }) => c.stage.code === code);
    expect(column('initial')).toMatchObject({ count: 2, amount: '4000.50', weightedAmount: '400.05' });
    expect(column('negotiation')).toMatchObject({ count: 1, amount: '2000.00', weightedAmount: '1400.00' });
    expect(column('initial').cards).toHaveLength(2);
    expect(
      (await colleague.get(`/api/v1/pipelines/${pipelineId}/board`))
        .json()
        .columns.every((c: { count: number }) => c.count === 0),
    ).toBe(true);
    expect(
      (await manager.get(`/api/v1/pipelines/${pipelineId}/board`))
        .json()
        .columns.find((c: { stage: Stage }) => c.stage.code === 'initial').count,
    ).toBe(2);
    const one = column('initial').cards[0];
    expect((await colleague.get(`/api/v1/opportunities/${one.id}`)).statusCode).toBe(404);
    expect((await colleague.patch(`/api/v1/opportunities/${one.id}`, { stageId: stages.needs.id })).statusCode).toBe(
      404,
    );
    const readonly = await createUserClient(t, 'readonly');
    expect((await readonly.patch(`/api/v1/opportunities/${one.id}`, { stageId: stages.needs.id })).statusCode).toBe(
      403,
    );
    expect(
      (await colleague.post('/api/v1/opportunities', { name: 'x', customerId: customer.id })).json().error.fields,
    ).toHaveProperty('customerId');
  });

  it('forecasts won, weighted and best case per month', async () => {
    const team = await createDepartment(t, '预测组');
    const rep = await createUserClient(t, 'sales_rep', team);
    const customer = await createCustomer(rep);
    const year = new Date().getFullYear() + 1;
    await rep.post('/api/v1/opportunities', {
      name: unique('单'),
      customerId: customer.id,
      stageId: stages.proposal.id,
      amount: '10000',
      expectedCloseDate: `${year}-03-15`,
    });
    await rep.post('/api/v1/opportunities', {
      name: unique('单'),
      customerId: customer.id,
      stageId: stages.needs.id,
      amount: '2000',
      expectedCloseDate: `${year}-03-31`,
    });
    await rep.post('/api/v1/opportunities', {
      name: unique('单'),
      customerId: customer.id,
      amount: '500',
      expectedCloseDate: `${year}-04-01`,
    });
    const result = (await rep.get('/api/v1/opportunities/forecast', { year, period: 'quarter' })).json();
    expect(result.currency).toBe('CNY');
    expect(result.rows[0]).toEqual({
      period: `${year}-Q1`,
      committed: '0.00',
      weighted: '5600.00',
      bestCase: '12000.00',
      pipeline: '12000.00',
      wonCount: 0,
      openCount: 2,
    });
    expect(result.rows[1]).toMatchObject({ weighted: '50.00', openCount: 1 });
    const months = (await rep.get('/api/v1/opportunities/forecast', { year, departmentId: team })).json();
    expect(months.rows).toHaveLength(12);
    expect(months.rows[2]).toMatchObject({ period: `${year}-03`, openCount: 2 });
    expect((await rep.get('/api/v1/opportunities/forecast', { year: 'next' })).statusCode).toBe(400);
  });

  it('lets an administrator shape pipelines but not break them', async () => {
    const created = await t.admin.post('/api/v1/pipelines', {
      name: '续约',
      nameEn: 'Renewal',
      stages: [
        { code: 'initial', probability: 40 },
        { code: 'won', probability: 100, kind: 'won' },
        { code: 'lost', probability: 0, kind: 'lost' },
      ],
    });
    expect(created.statusCode).toBe(201);
    const renewal = created.json();
    expect(
      (
        await t.admin.post('/api/v1/pipelines', {
          name: 'x',
          stages: [
            { code: 'initial', probability: 1 },
            { code: 'initial', probability: 2 },
          ],
        })
      ).json().error.fields,
    ).toHaveProperty('stages');
    expect(
      (
        await t.admin.post('/api/v1/pipelines', {
          name: 'x',
          stages: [
            { code: 'initial', probability: 1 },
            { code: 'gossip', probability: 2, kind: 'won' },
            { code: 'lost', probability: 0, kind: 'lost' },
          ],
        })
      ).statusCode,
    ).toBe(400);
    const customer = await createCustomer(t.admin);
    await t.admin.post('/api/v1/opportunities', { name: '续约单', customerId: customer.id, pipelineId: renewal.id });
    const withoutInitial = await t.admin.put(`/api/v1/pipelines/${renewal.id}`, {
      name: '续约',
      stages: renewal.stages.filter((s: Stage) => s.code !== 'initial').concat([{ code: 'needs', probability: 20 }]),
    });
    expect(withoutInitial.json().error.fields).toHaveProperty('stages');
    expect((await t.admin.delete(`/api/v1/pipelines/${renewal.id}`)).statusCode).toBe(400);
    const rep = await createUserClient(t, 'sales_rep');
    expect((await rep.post('/api/v1/pipelines', { name: 'x', stages: [] })).statusCode).toBe(403);
  });
});
