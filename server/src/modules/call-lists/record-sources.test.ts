import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient, unique } from '../../../test/factories.ts';

/**
 * Call lists built from a segment (modules/segments) or a saved report (modules/reports): the records they
 * select as the builder sees them (data scopes), each at its numbers.
 */

type Preview = { count: number; truncated: boolean; sample: Array<{ name: string; phone: string | null }> };

describe.each(testDialects)('call lists from segments and saved reports on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;
  let rep: Client;
  let colleague: Client;
  let stranger: Client;
  let customersA: number;
  let leadsSegment: number;

  const ok = async (response: Promise<{ statusCode: number; body: string; json(): any }>, status = 200) => {
    const r = await response;
    expect(r.statusCode, r.body).toBe(status);
    return r.json();
  };

  /** A user whose role builds call lists and sees only their own customers, contacts and leads. */
  async function ownScopeCaller(roleId: number, department: number) {
    const username = unique('u');
    await ok(
      t.admin.post('/api/v1/users', {
        username,
        displayName: username,
        password: 'Passw0rd1',
        departmentId: department,
        roleIds: [roleId],
        locale: 'en',
      }),
      201,
    );
    return t.login(username, 'Passw0rd1');
  }

  /** A customer of `client` with a primary contact at `mobile`. */
  async function customerWithContact(client: Client, name: string, mobile: string) {
    const customer = await createCustomer(client, { name: unique(name), level: 'A' });
    await ok(
      client.post('/api/v1/contacts', { customerId: customer.id, name: `${name}联系人`, mobile, isPrimary: true }),
      201,
    );
    return customer.id as number;
  }

  const preview = (client: Client, source: Record<string, unknown>) =>
    client.post('/api/v1/call-lists/preview', { source });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const department = await createDepartment(t, unique('外呼分群'));
    const role = await ok(
      t.admin.post('/api/v1/roles', {
        name: unique('外呼专员'),
        permissions: [
          'customers.view',
          'customers.create',
          'contacts.view',
          'contacts.create',
          'leads.view',
          'leads.create',
          'segments.view',
          'callLists.view',
          'callLists.manage',
        ],
        dataScopes: { customers: 'own', contacts: 'own', leads: 'own', callLists: 'own' },
      }),
      201,
    );
    manager = await createUserClient(t, 'sales_manager', department);
    rep = await ownScopeCaller(role.id, department);
    colleague = await ownScopeCaller(role.id, department);
    stranger = await ownScopeCaller(role.id, department);
    await customerWithContact(rep, '分群甲', '13922220001');
    await customerWithContact(rep, '分群乙', '13922220002');
    await customerWithContact(colleague, '分群丙', '13922220003');
    await ok(rep.post('/api/v1/leads', { name: '线索丁', company: '丁公司', mobile: '13922220004' }), 201);
    await ok(colleague.post('/api/v1/leads', { name: '线索戊', mobile: '13922220005' }), 201);
    customersA = (
      await ok(
        manager.post('/api/v1/segments', {
          name: unique('A级客户'),
          entity: 'customers',
          kind: 'dynamic',
          filter: { combinator: 'and', rules: [{ field: 'level', op: 'in', value: ['A'] }] },
        }),
        201,
      )
    ).id;
    leadsSegment = (
      await ok(
        manager.post('/api/v1/segments', {
          name: unique('全部线索'),
          entity: 'leads',
          kind: 'dynamic',
          filter: { combinator: 'and', rules: [] },
        }),
        201,
      )
    ).id;
  }, 120_000);
  afterAll(async () => t?.close());

  it('offers a segment and a saved report as sources, each chosen by id', async () => {
    const sources = (await ok(rep.get('/api/v1/call-lists/sources'))).items as Array<Record<string, any>>;
    expect(sources.find((s) => s.kind === 'segment')).toMatchObject({
      params: [{ name: 'segmentId', type: 'segment' }],
      fields: expect.arrayContaining(['contactName', 'recordName']),
    });
    expect(sources.find((s) => s.kind === 'savedReport')).toMatchObject({
      params: [{ name: 'reportId', type: 'savedReport' }],
    });
  });

  it('gives a rep building from a segment only their own customers, each at the number of its contact to call', async () => {
    const own = (await ok(preview(rep, { kind: 'segment', params: { segmentId: customersA } }))) as Preview;
    expect(own.count).toBe(2);
    expect(own.sample.map((s) => s.phone).sort()).toEqual(['13922220001', '13922220002']);
    const everyone = (await ok(preview(manager, { kind: 'segment', params: { segmentId: customersA } }))) as Preview;
    expect(everyone.count).toBe(3);

    const { list, added } = await ok(
      rep.post('/api/v1/call-lists', {
        name: unique('分群外呼'),
        purpose: 'telemarketing',
        source: { kind: 'segment', params: { segmentId: customersA } },
        script: '{{contactName}}您好，{{recordName}}',
        callingStart: '00:00',
        callingEnd: '24:00',
        assignment: 'even',
        agentIds: [rep.userId],
      }),
      201,
    );
    expect(added).toBe(2);
    const entries = (await ok(rep.get(`/api/v1/call-lists/${list.id}/entries`, { pageSize: 100 }))).items as Array<
      Record<string, any>
    >;
    expect(entries).toHaveLength(2);
    expect(entries.every((e) => e.customerId && e.contactId && e.status === 'open')).toBe(true);
    expect(entries.map((e) => e.details.recordName).sort()).toEqual(
      expect.arrayContaining([expect.stringContaining('分群甲'), expect.stringContaining('分群乙')]),
    );
  });

  it('calls the leads of a segment over leads at their own numbers, in the builder’s scope', async () => {
    const own = (await ok(preview(rep, { kind: 'segment', params: { segmentId: leadsSegment } }))) as Preview;
    expect(own).toMatchObject({ count: 1, sample: [{ name: '线索丁', phone: '13922220004' }] });
    expect(
      ((await ok(preview(colleague, { kind: 'segment', params: { segmentId: leadsSegment } }))) as Preview).count,
    ).toBe(1);

    // The entry names the lead, and the dialer shows it.
    const { list } = await ok(
      rep.post('/api/v1/call-lists', {
        name: unique('线索外呼'),
        purpose: 'telemarketing',
        source: { kind: 'segment', params: { segmentId: leadsSegment } },
        script: '{{recordName}}您好',
        callingStart: '00:00',
        callingEnd: '24:00',
        assignment: 'even',
        agentIds: [rep.userId],
      }),
      201,
    );
    const [entry] = (await ok(rep.get(`/api/v1/call-lists/${list.id}/entries`))).items;
    const lead = (await ok(rep.get('/api/v1/leads', { q: '线索丁' }))).items[0];
    expect(entry).toMatchObject({ name: '线索丁', leadId: lead.id, customerId: null, contactId: null });
    const shown = await ok(t.admin.get(`/api/v1/call-entries/${entry.id}`));
    expect(shown.lead).toMatchObject({ id: lead.id, name: '线索丁', company: '丁公司', status: 'new' });
    expect(shown.customer).toBeNull();
  });

  it('refuses a segment that does not exist (404) and a missing segment id (400)', async () => {
    expect((await preview(rep, { kind: 'segment', params: { segmentId: 999_999 } })).statusCode).toBe(404);
    const missing = await preview(rep, { kind: 'segment', params: {} });
    expect(missing.statusCode).toBe(400);
  });

  it('takes the records behind a saved report’s rows, as the builder sees them; a report on another source is refused', async () => {
    const report = await ok(
      rep.post('/api/v1/reports', {
        name: unique('A级客户报表'),
        definition: {
          source: 'customers',
          groupBy: [{ field: 'level' }],
          measures: [{ aggregate: 'count' }],
          filters: [{ field: 'level', op: 'in', value: ['A'] }],
        },
        chart: 'table',
      }),
      201,
    );
    const own = (await ok(preview(rep, { kind: 'savedReport', params: { reportId: report.id } }))) as Preview;
    expect(own.count).toBe(2);
    expect(own.sample.map((s) => s.phone).sort()).toEqual(['13922220001', '13922220002']);
    // Not shared: another rep does not see it.
    expect((await preview(stranger, { kind: 'savedReport', params: { reportId: report.id } })).statusCode).toBe(404);

    const leadsReport = await ok(
      colleague.post('/api/v1/reports', {
        name: unique('线索报表'),
        definition: { source: 'leads', groupBy: [{ field: 'status' }], measures: [{ aggregate: 'count' }] },
        chart: 'table',
      }),
      201,
    );
    const leads = (await ok(
      preview(colleague, { kind: 'savedReport', params: { reportId: leadsReport.id } }),
    )) as Preview;
    expect(leads).toMatchObject({ count: 1, sample: [{ name: '线索戊', phone: '13922220005' }] });

    const ordersReport = await ok(
      manager.post('/api/v1/reports', {
        name: unique('订单报表'),
        definition: { source: 'orders', groupBy: [{ field: 'status' }], measures: [{ aggregate: 'count' }] },
        chart: 'table',
      }),
      201,
    );
    const refused = await preview(manager, { kind: 'savedReport', params: { reportId: ordersReport.id } });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json().error.fields).toHaveProperty(['source.params.reportId']);
  });
});
