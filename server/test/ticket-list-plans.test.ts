import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../src/db/bulk-insert.ts';
import { queryPlan, StatementRecorder } from '../src/db/statement-recorder.ts';
import { listCountCap } from '../src/platform/list-query.ts';
import { type TestApp, createTestApp } from './app.ts';
import { testDialects } from './databases.ts';

/**
 * The ticket queue's filters that no scope index serves: a status other than the open ones with a
 * priority, matched by more tickets than a list counts, walks the sort's index; the few breached
 * tickets are read through their own index, never by reading every ticket.
 */
describe.each(testDialects)('ticket list filters on %s', (dialect) => {
  const recorder = new StatementRecorder();
  const closedHigh = listCountCap + 50;
  const breached = 30;
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect, { plugins: [recorder] });
    const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    const ticket = (i: number, status: string, priority: string, late: boolean) => ({
      number: `T-P${String(i).padStart(6, '0')}`,
      type: 'question',
      channel: 'phone',
      priority,
      status,
      vip: 0,
      subject: `工单 ${i}`,
      searchText: `t-p${String(i).padStart(6, '0')} 工单 ${i}`,
      firstResponseBreached: late ? 1 : 0,
      resolutionBreached: 0,
      escalationLevel: 0,
      createdAt: at(i),
      updatedAt: at(i),
    });
    await t.database.db.transaction().execute(async (trx) => {
      await insertRows(
        trx,
        'tickets',
        Array.from({ length: closedHigh + 2000 }, (_, i) =>
          ticket(
            (i * 7919) % (closedHigh + 2000),
            i < closedHigh ? 'closed' : 'resolved',
            i < closedHigh ? 'high' : 'normal',
            i >= closedHigh && i < closedHigh + breached,
          ),
        ),
      );
    });
    await t.database.optimize(true);
  });
  afterAll(async () => t?.close());

  async function plansOf(recorded: ReturnType<StatementRecorder['stop']>) {
    const plans: string[] = [];
    for (const statement of recorded.filter((s) => /from "tickets"/.test(s.sql)))
      plans.push((await queryPlan(t.database.db, 'sqlite', statement)).join(' / '));
    return plans;
  }

  /**
   * Page 3 of the closed tickets of high priority (more than the count cap) in `field`'s order: checks the
   * total and the order, and gives the statements it ran.
   */
  async function closedHighPage(field: 'number' | 'createdAt') {
    recorder.start();
    const response = await t.admin.get('/api/v1/tickets', {
      status: 'closed',
      priority: 'high',
      sort: `${field}:asc`,
      page: 3,
      pageSize: 20,
    });
    const recorded = recorder.stop(t.database.db);
    expect(response.statusCode, response.body).toBe(200);
    const listed = response.json();
    expect(listed).toMatchObject({ total: listCountCap, totalCapped: true });
    const values = listed.items.map((item: Record<string, string>) => item[field]);
    expect(values).toHaveLength(20);
    expect(values).toEqual([...values].sort());
    return recorded;
  }

  it('walks the number index for closed tickets of high priority, more than the count cap', async () => {
    const recorded = await closedHighPage('number');
    if (dialect !== 'sqlite') return;
    // The page's rows are read by id: every other statement walks an index in order.
    const walks = recorded.filter((s) => !/"tickets"\."id" in \(/.test(s.sql));
    const plans = (await plansOf(walks)).filter((plan) => !/COUNT|count/.test(plan));
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) expect(plan).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
  });

  it('reads a later page of closed tickets of high priority by its ids alone, walking the creation index, and joins only that page', async () => {
    const recorded = await closedHighPage('createdAt');
    if (dialect !== 'sqlite') return;
    const idsAlone = recorded.filter((s) => /^select "tickets"\."id" from "tickets" where .* offset \?$/.test(s.sql));
    expect(idsAlone).toHaveLength(1);
    const pagePlan = (await queryPlan(t.database.db, 'sqlite', idsAlone[0])).join(' / ');
    expect(pagePlan).toMatch(/SCAN tickets USING (COVERING )?INDEX tickets_created_sort/);
    expect(pagePlan).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
    // The page's rows, with their joins, are read by id.
    expect(recorded.some((s) => /left join "customers".* "tickets"\."id" in \(/.test(s.sql))).toBe(true);
  });

  it('reads the first page by its ids alone on PostgreSQL, checking the filters inside the creation index', async () => {
    recorder.start();
    const response = await t.admin.get('/api/v1/tickets', {
      status: 'closed',
      priority: 'high',
      sort: 'createdAt:asc',
      pageSize: 20,
    });
    const recorded = recorder.stop(t.database.db);
    expect(response.statusCode, response.body).toBe(200);
    const createdAt = response.json().items.map((item: { createdAt: string }) => item.createdAt);
    expect(createdAt).toHaveLength(20);
    expect(createdAt).toEqual([...createdAt].sort());
    if (dialect !== 'postgres') return;
    const idsAlone = recorded.filter((s) =>
      /^select "tickets"\."id" from "tickets" where .* limit \$\d+ offset \$\d+$/.test(s.sql),
    );
    expect(idsAlone).toHaveLength(1);
    // Read with its joins, the walk would read the row of every entry it passed to check the filters.
    await sql`vacuum analyze tickets`.execute(t.database.db);
    const plan = await t.database.db.transaction().execute(async (trx) => {
      await sql`set local enable_sort = off`.execute(trx);
      await sql`set local enable_bitmapscan = off`.execute(trx);
      return (await queryPlan(trx, 'postgres', idsAlone[0])).join(' / ');
    });
    expect(plan).toMatch(/Index Only Scan using tickets_created_sort/);
  });

  it('gathers a short list of one status through the status index on PostgreSQL, and sorts it', async () => {
    recorder.start();
    const response = await t.admin.get('/api/v1/tickets', { status: 'resolved', sort: 'createdAt:asc', pageSize: 20 });
    const recorded = recorder.stop(t.database.db);
    expect(response.statusCode, response.body).toBe(200);
    const listed = response.json();
    expect(listed.total).toBe(2000);
    const createdAt = listed.items.map((item: { createdAt: string }) => item.createdAt);
    expect(createdAt).toEqual([...createdAt].sort());
    if (dialect !== 'postgres') return;
    const ids = recorded.filter((s) => /^select "tickets"\."id" from "tickets" where .* offset \$\d+$/.test(s.sql));
    expect(ids).toHaveLength(1);
    expect(ids[0].sql).toContain('order by coalesce("tickets"."created_at", "tickets"."created_at") asc');
    await sql`vacuum analyze tickets`.execute(t.database.db);
    const plan = (await queryPlan(t.database.db, 'postgres', ids[0])).join(' / ');
    expect(plan).toMatch(/tickets_facets/);
    expect(plan).not.toMatch(/tickets_created_sort/);
  });

  it('reads the breached tickets through their own index', async () => {
    recorder.start();
    const response = await t.admin.get('/api/v1/tickets', { breached: 'true', sort: 'createdAt:desc', pageSize: 20 });
    const recorded = recorder.stop(t.database.db);
    expect(response.statusCode, response.body).toBe(200);
    const listed = response.json();
    expect(listed.total).toBe(breached);
    expect(listed.items).toHaveLength(20);
    expect(listed.items.every((item: { firstResponseBreached: unknown }) => Boolean(item.firstResponseBreached))).toBe(
      true,
    );
    if (dialect !== 'sqlite') return;
    const plans = await plansOf(recorded);
    expect(plans.length).toBeGreaterThan(1);
    for (const plan of plans) expect(plan).toMatch(/tickets_breached/);
  });
});
