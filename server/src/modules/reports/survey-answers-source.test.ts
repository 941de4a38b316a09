import type { ReportDefinitionInput, ReportRecordsPage, ReportResult } from '@relate/common';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../../db/bulk-insert.ts';
import { nowIso } from '../../db/time.ts';
import { type Client, createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient } from '../../../test/factories.ts';

/**
 * Survey answers as a report source: only answered invitations count, each within the customers the
 * caller may see (one about no customer only for those who see every customer); ratings and NPS are
 * added up by the database over every answer, checked against SQL written here, on both databases.
 */
describe.each(testDialects)('survey answers in reports on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;
  let rep: Client;
  let eastCustomers: number[];
  let westCustomer: number;
  /** More answers than a page of records. */
  const answersPerCustomer = 9;

  const run = async (client: Client, definition: ReportDefinitionInput) => {
    const response = await client.post('/api/v1/reports/run', definition);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as ReportResult;
  };
  const bySurvey: ReportDefinitionInput = {
    source: 'surveyAnswers',
    groupBy: [{ field: 'surveyName' }],
    measures: [{ aggregate: 'count' }, { aggregate: 'avg', field: 'rating' }, { aggregate: 'sum', field: 'nps' }],
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const east = await createDepartment(t, '调查东区');
    const west = await createDepartment(t, '调查西区');
    const eastRep = await createUserClient(t, 'sales_rep', east);
    const westRep = await createUserClient(t, 'sales_rep', west);
    manager = await createUserClient(t, 'sales_manager', east);
    rep = eastRep;
    eastCustomers = [(await createCustomer(eastRep)).id, (await createCustomer(eastRep)).id];
    westCustomer = (await createCustomer(westRep)).id;
    const now = nowIso();
    const surveys = await t.database.db
      .insertInto('surveys')
      .values(
        ['售后满意度', '安装回访'].map((name) => ({
          name,
          intro: null,
          questions: '[]',
          active: 1,
          createdBy: null,
          createdAt: now,
          updatedAt: now,
          deletedAt: null,
        })) as never,
      )
      .returning('id')
      .execute();
    const invitation = (surveyId: number, customerId: number | null, i: number, answered: boolean) => ({
      surveyId,
      contactId: null,
      customerId,
      ticketId: null,
      channel: i % 2 ? 'email' : 'link',
      tokenHash: `${surveyId}-${customerId}-${i}-${Math.random()}`,
      sentBy: null,
      sentAt: now,
      answeredAt: answered ? now : null,
      answers: answered ? JSON.stringify({ r: 1 + (i % 5) }) : null,
      rating: answered ? 1 + (i % 5) : null,
      nps: answered ? i % 11 : null,
    });
    const rows = [];
    for (const [s, { id: surveyId }] of surveys.entries())
      for (const customerId of [...eastCustomers, westCustomer, null])
        for (let i = 0; i < answersPerCustomer + s; i++) rows.push(invitation(surveyId, customerId, i, i % 4 !== 3));
    await insertRows(t.database.db, 'surveyInvitations', rows as never);
  });
  afterAll(() => t?.close());

  /** Answers per survey, their average rating (rounded as reports round) and NPS total, by SQL. */
  const expected = async (customerIds: number[] | null) => {
    const { rows } = await sql<{ name: string; n: number; rating: number; nps: number }>`
      select s.name, count(*) as n, round(avg(i.rating), 2) as rating, sum(i.nps) as nps
      from survey_invitations i join surveys s on s.id = i.survey_id
      where i.answered_at is not null
        and (${customerIds === null ? 1 : 0} = 1 or i.customer_id in (${sql.join(customerIds ?? [0])}))
      group by s.name order by s.name`.execute(t.database.db);
    return rows.map((r) => ({ name: r.name, n: Number(r.n), rating: Number(r.rating), nps: Number(r.nps) }));
  };
  const actual = (result: ReportResult) =>
    result.rows
      .map((row) => ({
        name: row.surveyName as string,
        n: row.count as number,
        rating: row['avg:rating'] as number,
        nps: row['sum:nps'] as number,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));

  it('counts the answered invitations only, for the administrator every one, with ratings and NPS added up', async () => {
    const result = await run(t.admin, bySurvey);
    const want = await expected(null);
    expect(actual(result).sort((a, b) => (a.name < b.name ? -1 : 1))).toEqual(want);
    expect(result.totals.count).toBe(want.reduce((sum, r) => sum + r.n, 0));
    const unanswered = await sql<{
      n: number;
    }>`select count(*) as n from survey_invitations where answered_at is null`.execute(t.database.db);
    expect(Number(unanswered.rows[0].n)).toBeGreaterThan(0);
  });

  it('keeps a manager to the answers of their department’s customers, and refuses those who may not see surveys', async () => {
    const result = await run(manager, bySurvey);
    const want = await expected(eastCustomers);
    expect(actual(result).sort((a, b) => (a.name < b.name ? -1 : 1))).toEqual(want);
    expect((await rep.post('/api/v1/reports/run', bySurvey)).statusCode).toBe(403);
  });

  it('groups by channel and by period, and opens the answers behind a figure on their customer', async () => {
    const byChannel = await run(t.admin, {
      source: 'surveyAnswers',
      groupBy: [{ field: 'channel' }, { field: 'answeredAt', unit: 'month' }],
      measures: [{ aggregate: 'count' }],
    });
    expect(byChannel.rows.map((row) => row.channel).sort()).toEqual(['email', 'link']);
    const page = await manager.post('/api/v1/reports/records', {
      definition: { ...bySurvey, groupBy: [{ field: 'customerId' }] },
      match: { customerId: eastCustomers[0] },
      page: 1,
      pageSize: 5,
    });
    expect(page.statusCode, page.body).toBe(200);
    const records = page.json() as ReportRecordsPage;
    expect(records.items).toHaveLength(5);
    expect(records.total).toBeGreaterThan(5);
    expect(records.items[0].url).toBe(`/customers/${eastCustomers[0]}`);
  });
});
