import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryPlan, StatementRecorder } from '../src/db/statement-recorder.ts';
import { createTestApp, type TestApp } from './app.ts';

/**
 * Every sort a list's screen offers is read in order from an index, in both directions: the page query
 * of each never sorts the rows itself (SQLite's "USE TEMP B-TREE FOR ORDER BY"), which at a million rows
 * costs half a second. (PostgreSQL's planner chooses by its statistics, measured by the lists bench.)
 */
const screenSorts: Record<string, Record<string, string>> = {
  '/api/v1/customers': {
    updatedAt: 'updated_at',
    createdAt: 'created_at',
    name: 'name',
    code: 'code',
    level: 'level',
    lastFollowupAt: 'last_followup_at',
    nextFollowupAt: 'next_followup_at',
  },
  '/api/v1/contacts': { updatedAt: 'updated_at', name: 'name', customerName: 'customer_name' },
  '/api/v1/leads': { name: 'name', company: 'company', score: 'score', createdAt: 'created_at' },
  '/api/v1/opportunities': {
    name: 'name',
    amount: 'amount',
    probability: 'probability',
    expectedCloseDate: 'expected_close_date',
  },
  '/api/v1/followups': { occurredAt: 'occurred_at', nextFollowupAt: 'next_followup_at' },
  '/api/v1/quotes': { number: 'number', total: 'total', validUntil: 'valid_until' },
  '/api/v1/orders': { number: 'number', total: 'total', requestedDeliveryDate: 'requested_delivery_date' },
  '/api/v1/tickets': { number: 'number', createdAt: 'created_at' },
};
const cases = Object.entries(screenSorts).flatMap(([path, sorts]) =>
  Object.entries(sorts).flatMap(([sort, column]) =>
    (['asc', 'desc'] as const).map((dir) => ({ path, sort, column, dir })),
  ),
);

describe('list sorts on sqlite', () => {
  const recorder = new StatementRecorder();
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { plugins: [recorder] });
  });
  afterAll(async () => t?.close());

  it.each(cases)('$path sorted by $sort $dir walks an index', async ({ path, sort, column, dir }) => {
    recorder.start();
    const response = await t.admin.get(path, { sort: `${sort}:${dir}`, page: 3, pageSize: 20 });
    const recorded = recorder.stop(t.database.db);
    expect(response.statusCode).toBe(200);
    const sorted = new RegExp(`order by "[a-z_]+"\\."${column}" ${dir}`);
    const plans: string[] = [];
    for (const statement of recorded.filter((s) => sorted.test(s.sql)))
      plans.push((await queryPlan(t.database.db, 'sqlite', statement)).join(' / '));
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) expect(plan).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
  });
});
