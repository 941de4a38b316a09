import type { ReportResult } from '@relate/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer } from '../../../test/factories.ts';

type Stage = { id: number; code: string; kind: string };

/** Rows grouped by stage read in the pipeline's stage order (a funnel's steps), whatever their figures. */
describe.each(testDialects)('reports by stage on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const [pipeline] = (await t.admin.get('/api/v1/pipelines')).json();
    const open = (pipeline.stages as Stage[]).filter((s) => s.kind === 'open');
    const customer = await createCustomer(t.admin, { name: '阶段顺序客户' });
    // Later stages hold more opportunities, so that largest first would read the stages backwards.
    for (const [i, stage] of open.entries())
      for (let n = 0; n <= i * 2; n++) {
        const created = await t.admin.post('/api/v1/opportunities', {
          name: `阶段顺序商机${stage.code}${n}`,
          customerId: customer.id,
          amount: '100.00',
          stageId: stage.id,
        });
        expect(created.statusCode, created.body).toBe(201);
      }
  });
  afterAll(async () => t?.close());

  it('orders the steps of the sales funnel by stage, not by count', async () => {
    const response = await t.admin.post('/api/v1/reports/run', {
      source: 'opportunities',
      filters: [{ field: 'status', op: 'eq', value: 'open' }],
      groupBy: [{ field: 'stage' }],
      measures: [{ aggregate: 'count' }, { aggregate: 'sum', field: 'amount' }],
    });
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json() as ReportResult;
    const stage = result.columns[0].key;
    const count = result.columns[1].key;
    expect(result.rows.map((row) => row[stage])).toEqual(['initial', 'needs', 'proposal', 'negotiation']);
    expect(result.rows.map((row) => row[count])).toEqual([1, 3, 5, 7]);
  });

  it('orders customers by stage in the stage dictionary’s order, and follows a change of that order', async () => {
    // More customers in the later stages, so that largest first would read the stages backwards.
    const stages = ['prospect', 'intent', 'deal', 'lost'];
    for (const [i, stage] of stages.entries())
      for (let n = 0; n <= i; n++) await createCustomer(t.admin, { name: `阶段客户${stage}${n}`, stage });
    const byStage = async () => {
      const response = await t.admin.post('/api/v1/reports/run', {
        source: 'customers',
        filters: [{ field: 'name', op: 'contains', value: '阶段客户' }],
        groupBy: [{ field: 'stage' }],
        measures: [{ aggregate: 'count' }],
      });
      expect(response.statusCode, response.body).toBe(200);
      const result = response.json() as ReportResult;
      return result.rows.map((row) => [row[result.columns[0].key], row[result.columns[1].key]]);
    };
    expect(await byStage()).toEqual([
      ['prospect', 1],
      ['intent', 2],
      ['deal', 3],
      ['lost', 4],
    ]);
    const options = (await t.admin.get('/api/v1/dictionaries/customer_stage/options')).json() as Array<{
      id: number;
      code: string;
    }>;
    const prospect = options.find((option) => option.code === 'prospect')!;
    const moved = await t.admin.patch(`/api/v1/dictionaries/customer_stage/options/${prospect.id}`, {
      sortOrder: 10_000,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await byStage()).map(([stage]) => stage)).toEqual(['intent', 'deal', 'lost', 'prospect']);
  });
});
