import type { ReportDefinitionInput, ReportRecordsPage, ReportResult } from '@relate/common';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../../db/bulk-insert.ts';
import { type Client, createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createLead, createUserClient } from '../../../test/factories.ts';

type Caller = Client & { userId: number };

/**
 * Calls and campaign members as report sources: each counted within the caller's scope (an agent's own
 * calls; the members of the campaigns a rep's department runs), talk time added up by the database over
 * every call, checked against SQL written here; a kept answer is not given again once a member changes.
 */
describe.each(testDialects)('calls and campaign members in reports on %s', (dialect) => {
  let t: TestApp;
  let eastRep: Caller;
  let westRep: Caller;
  let eastCampaign: number;
  let westCampaign: number;
  /** More calls per agent than a page of records. */
  const callsPerAgent = 23;
  const results = ['resolved', 'no_answer', 'interested'];

  const run = async (client: Client, definition: ReportDefinitionInput) => {
    const response = await client.post('/api/v1/reports/run', definition);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as ReportResult;
  };
  const byResult: ReportDefinitionInput = {
    source: 'calls',
    groupBy: [{ field: 'result' }],
    measures: [{ aggregate: 'count' }, { aggregate: 'sum', field: 'talkSeconds' }],
  };
  const byStatus: ReportDefinitionInput = {
    source: 'campaignMembers',
    groupBy: [{ field: 'campaignName' }, { field: 'status' }],
    measures: [{ aggregate: 'count' }],
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const east = await createDepartment(t, '通话报表东区');
    const west = await createDepartment(t, '通话报表西区');
    eastRep = (await createUserClient(t, 'sales_rep', east)) as Caller;
    westRep = (await createUserClient(t, 'sales_rep', west)) as Caller;
    const customer = await createCustomer(eastRep, { name: '通话报表客户' });
    const now = new Date();
    const calls = [];
    for (const [agent, departmentId] of [
      [eastRep, east],
      [westRep, west],
    ] as const)
      for (let i = 0; i < callsPerAgent; i++) {
        const ringAt = new Date(now.getTime() - (i + 1) * 3_600_000).toISOString();
        const answered = i % 3 !== 1;
        calls.push({
          connectionId: null,
          externalId: `report-${agent.userId}-${i}`,
          direction: i % 2 ? 'outbound' : 'inbound',
          state: 'ended',
          fromNumber: '13800000000',
          toNumber: '8001',
          peerNumber: '13800000000',
          ownerId: agent.userId,
          departmentId,
          extension: '8001',
          queue: null,
          levelRank: 1,
          ringAt,
          answerAt: answered ? ringAt : null,
          endAt: ringAt,
          talkSeconds: answered ? 30 + i : null,
          result: results[i % 3],
          notes: null,
          recordingUrl: null,
          recordingPath: null,
          customerId: agent === eastRep ? customer.id : null,
          contactId: null,
          leadId: null,
          ticketId: null,
          channels: '{}',
          wrappedUpAt: ringAt,
          createdAt: ringAt,
          updatedAt: ringAt,
        });
      }
    await insertRows(t.database.db, 'calls', calls as never);

    const campaignOf = async (client: Client, name: string) => {
      const response = await client.post('/api/v1/campaigns', { name, type: 'event' });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().id as number;
    };
    const manage = async (departmentId: number) => createUserClient(t, 'sales_manager', departmentId);
    eastCampaign = await campaignOf(await manage(east), '东区展会');
    westCampaign = await campaignOf(await manage(west), '西区展会');
    for (const [campaign, rep, count] of [
      [eastCampaign, eastRep, 7],
      [westCampaign, westRep, 4],
    ] as const) {
      const ids = [];
      for (let i = 0; i < count; i++) ids.push((await createLead(rep, { name: `报表成员${campaign}-${i}` })).id);
      const added = await t.admin.post(`/api/v1/campaigns/${campaign}/members`, { entity: 'leads', ids });
      expect(added.statusCode, added.body).toBe(200);
    }
  });
  afterAll(() => t?.close());

  /** Calls per result and their talk time, by SQL, of one agent or of everyone. */
  const expectedCalls = async (ownerId: number | null) => {
    const { rows } = await sql<{ result: string; n: number; talk: number }>`
      select result, count(*) as n, coalesce(sum(talk_seconds), 0) as talk from calls
      where (${ownerId ?? 0} = 0 or owner_id = ${ownerId ?? 0})
      group by result order by result`.execute(t.database.db);
    return rows.map((r) => ({ result: r.result, n: Number(r.n), talk: Number(r.talk) }));
  };
  const actualCalls = (result: ReportResult) =>
    result.rows
      .map((row) => ({ result: row.result as string, n: row.count as number, talk: row['sum:talkSeconds'] as number }))
      .sort((a, b) => (a.result < b.result ? -1 : 1));

  it('counts every call and adds up its talk time, for the administrator every agent’s, for a rep their own', async () => {
    const all = await run(t.admin, byResult);
    expect(actualCalls(all)).toEqual(await expectedCalls(null));
    expect(all.totals.count).toBe(callsPerAgent * 2);
    const own = await run(eastRep, byResult);
    expect(actualCalls(own)).toEqual(await expectedCalls(eastRep.userId));
    expect(own.totals.count).toBe(callsPerAgent);
  });

  it('groups calls by direction and agent and by day, and opens a call on its customer', async () => {
    const grouped = await run(t.admin, {
      source: 'calls',
      groupBy: [{ field: 'ownerId' }, { field: 'direction' }],
      measures: [{ aggregate: 'count' }, { aggregate: 'avg', field: 'talkSeconds' }],
    });
    expect(grouped.rows).toHaveLength(4);
    expect(grouped.rows.map((row) => row.direction).sort()).toEqual(['inbound', 'inbound', 'outbound', 'outbound']);
    const byDay = await run(t.admin, {
      source: 'calls',
      groupBy: [{ field: 'ringAt', unit: 'day' }],
      measures: [{ aggregate: 'count' }],
    });
    expect(byDay.rows.reduce((sum, row) => sum + (row.count as number), 0)).toBe(callsPerAgent * 2);
    const page = await eastRep.post('/api/v1/reports/records', {
      definition: byResult,
      match: { result: 'resolved' },
      page: 1,
      pageSize: 5,
    });
    expect(page.statusCode, page.body).toBe(200);
    const records = page.json() as ReportRecordsPage;
    expect(records.items).toHaveLength(5);
    expect(records.total).toBe(Math.ceil(callsPerAgent / 3));
    expect(records.items[0].url).toMatch(/^\/customers\/\d+$/);
  });

  it('counts campaign members per campaign and status within the campaigns the caller may see', async () => {
    const all = await run(t.admin, byStatus);
    expect(all.totals.count).toBe(11);
    expect(all.rows.map((row) => [row.campaignName, row.status, row.count])).toEqual(
      expect.arrayContaining([
        ['东区展会', 'planned', 7],
        ['西区展会', 'planned', 4],
      ]),
    );
    const east = await run(eastRep, byStatus);
    expect(east.rows.map((row) => [row.campaignName, row.status, row.count])).toEqual([['东区展会', 'planned', 7]]);
    expect((await run(westRep, byStatus)).totals.count).toBe(4);
  });

  it('gives a new answer once a member’s status changes, and leaves out a deleted campaign’s members', async () => {
    await run(t.admin, byStatus);
    const members = await t.admin.get(`/api/v1/campaigns/${eastCampaign}/members?pageSize=1`);
    expect(members.statusCode, members.body).toBe(200);
    const memberId = members.json().items[0].id as number;
    const patched = await t.admin.patch(`/api/v1/campaigns/${eastCampaign}/members/${memberId}`, {
      status: 'responded',
    });
    expect(patched.statusCode, patched.body).toBe(204);
    const after = await run(t.admin, byStatus);
    expect(after.rows.find((row) => row.campaignName === '东区展会' && row.status === 'responded')?.count).toBe(1);
    expect((await t.admin.delete(`/api/v1/campaigns/${westCampaign}`)).statusCode).toBe(204);
    expect((await run(t.admin, byStatus)).totals.count).toBe(7);
  });
});
