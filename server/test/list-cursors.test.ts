import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../src/db/bulk-insert.ts';
import { loadDemoData } from '../src/db/demo.ts';
import { StatementRecorder } from '../src/db/statement-recorder.ts';
import { searchDocument } from '../src/platform/search.ts';
import { createTestApp, type TestApp } from './app.ts';
import { testDialects } from './databases.ts';

type Listed = { items: Array<{ id: number }>; total: number; nextCursor?: string };

/** Every sort of each list, with sorts whose values repeat (ties) and that may be empty. */
const listSorts: Record<string, string[]> = {
  '/api/v1/customers': ['updatedAt', 'createdAt', 'name', 'code', 'level', 'industry', 'province', 'nextFollowupAt'],
  '/api/v1/contacts': ['updatedAt', 'name', 'customerName', 'title'],
  '/api/v1/leads': ['updatedAt', 'name', 'company', 'status', 'score', 'nextFollowupAt'],
  '/api/v1/opportunities': ['updatedAt', 'name', 'amount', 'expectedCloseDate', 'probability'],
  '/api/v1/followups': ['occurredAt', 'type', 'nextFollowupAt'],
  '/api/v1/tasks': ['dueAt', 'priority', 'subject'],
  '/api/v1/quotes': ['updatedAt', 'number', 'total', 'validUntil'],
  '/api/v1/tickets': ['updatedAt', 'priority', 'createdAt', 'resolutionDue'],
  '/api/v1/contracts': [''],
  '/api/v1/receipts': [''],
};
const cases = Object.entries(listSorts).flatMap(([path, sorts]) =>
  sorts.flatMap((sort) =>
    sort ? (['asc', 'desc'] as const).map((dir) => ({ path, sort: `${sort}:${dir}` })) : [{ path, sort: '' }],
  ),
);
const pageSize = 7;

/**
 * A list read page after page by its cursors gives the same rows as read by page numbers, and both the
 * same as one page holding them all — through ties of the sort's value and its empty values, in both
 * directions — and each page after the first is read after the cursor's key, without skipping rows (no
 * OFFSET). A cursor that does not fit the request is
 * ignored; one that is not a cursor at all is refused.
 */
describe.each(testDialects)('list cursors on %s', (dialect) => {
  const recorder = new StatementRecorder();
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect, { plugins: [recorder] });
    await loadDemoData(t.database.db, dialect);
    const customers = await t.database.db.selectFrom('customers').select(['id', 'ownerId', 'departmentId']).execute();
    // Runs of three rows share each sort value; every fourth value is empty where the column may be.
    const at = (i: number) => new Date(Date.UTC(2026, 0, 1 + Math.floor(i / 3))).toISOString();
    const day = (i: number) => at(i).slice(0, 10);
    const owned = (i: number) => ({
      customerId: customers[i % customers.length].id,
      ownerId: customers[i % customers.length].ownerId,
      departmentId: customers[i % customers.length].departmentId,
      createdAt: at(i),
      updatedAt: at(i),
    });
    const rows = 40;
    await t.database.db.transaction().execute(async (trx) => {
      await insertRows(
        trx,
        'quotes',
        Array.from({ length: rows }, (_, i) => ({
          ...owned(i),
          number: `QT-C${i}`,
          version: 1,
          isLatest: 1,
          title: `游标报价${i}`,
          currency: 'CNY',
          status: 'draft',
          discountBp: 0,
          subtotal: 0,
          discount: 0,
          tax: 0,
          total: (i % 5) * 100,
          validUntil: i % 4 === 0 ? null : day(i),
        })),
      );
      await insertRows(
        trx,
        'tickets',
        Array.from({ length: rows }, (_, i) => ({
          ...owned(i),
          number: `T-C${String(i).padStart(3, '0')}`,
          type: 'question',
          channel: 'phone',
          priority: ['low', 'normal', 'high'][i % 3],
          status: 'new',
          vip: 0,
          subject: `游标工单${i}`,
          escalationLevel: 0,
          searchText: searchDocument([`游标工单${i}`]).text,
          resolutionDue: i % 4 === 0 ? null : at(i),
        })),
      );
      await insertRows(
        trx,
        'contracts',
        Array.from({ length: rows }, (_, i) => ({
          ...owned(i),
          number: `HT-C${i}`,
          name: `游标合同${i}`,
          amount: 1000,
          currency: 'CNY',
          startsOn: day(i),
          endsOn: day(i + 400),
          renewalRemindDays: 30,
          status: 'draft',
        })),
      );
      await insertRows(
        trx,
        'receipts',
        Array.from({ length: rows }, (_, i) => ({
          ...owned(i),
          number: `SK-C${i}`,
          receivedOn: day(i),
          amount: 500,
          currency: 'CNY',
          method: 'bank',
          status: 'unconfirmed',
          overpayment: 0,
        })),
      );
    });
  }, 120_000);
  afterAll(async () => t?.close());

  const get = (path: string, query: Record<string, string | number | undefined>) =>
    t.admin.get(
      path,
      Object.fromEntries(Object.entries(query).filter(([, value]) => value !== '' && value !== undefined)) as Record<
        string,
        string | number
      >,
    );

  it.each(cases)('$path sorted by $sort: its cursors walk the pages its numbers name', async ({ path, sort }) => {
    const byNumber: number[] = [];
    for (let page = 1; ; page++) {
      const listed = (await get(path, { sort, page, pageSize })).json() as Listed;
      if (!listed.items.length) break;
      byNumber.push(...listed.items.map((item) => item.id));
    }
    expect(byNumber.length).toBeGreaterThan(pageSize * 3);
    // Later pages read their ids alone and join only their rows; the first page is read with its joins.
    const whole = (await get(path, { sort, page: 1, pageSize: 200 })).json() as Listed;
    expect(byNumber.slice(0, whole.items.length)).toEqual(whole.items.map((item) => item.id));

    const byCursor: number[] = [];
    let cursor: string | undefined;
    for (let page = 1; page === 1 || cursor; page++) {
      recorder.start();
      const response = await get(path, { sort, page, pageSize, cursor: cursor ?? '' });
      const recorded = recorder.stop(t.database.db);
      expect(response.statusCode, response.body).toBe(200);
      const listed = response.json() as Listed;
      byCursor.push(...listed.items.map((item) => item.id));
      if (cursor) expect(recorded.filter((s) => /\boffset\b/i.test(s.sql)).map((s) => s.sql)).toEqual([]);
      cursor = listed.nextCursor;
      if (page > byNumber.length) throw new Error('the cursors never end');
    }
    expect(byCursor).toEqual(byNumber);
  });

  it('ignores a cursor made for another page, sort or filter, and refuses what is not a cursor', async () => {
    const path = '/api/v1/customers';
    const first = (await get(path, { sort: 'name:asc', pageSize })).json() as Listed;
    const cursor = first.nextCursor!;
    expect(cursor).toBeTruthy();
    const pageOf = async (query: Record<string, string | number | undefined>) => {
      const listed = (await get(path, { pageSize, ...query })).json() as Listed;
      return listed.items.map((item) => item.id);
    };
    expect(await pageOf({ sort: 'name:asc', page: 2, cursor })).toEqual(await pageOf({ sort: 'name:asc', page: 2 }));
    for (const stale of [
      { sort: 'name:asc', page: 3 },
      { sort: 'name:desc', page: 2 },
      { sort: 'name:asc', page: 2, level: 'A' },
      { sort: 'name:asc', page: 2, pageSize: pageSize + 1 },
    ])
      expect(await pageOf({ ...stale, cursor })).toEqual(await pageOf(stale));
    expect(await pageOf({ sort: 'name:asc', page: 2, cursor: 'bm90LWEtY3Vyc29y' })).toEqual(
      await pageOf({ sort: 'name:asc', page: 2 }),
    );
    const refused = await get(path, { page: 2, cursor: 'not a cursor!' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields?.cursor ?? refused.json().details ?? refused.json()).toBeTruthy();
  });
});
