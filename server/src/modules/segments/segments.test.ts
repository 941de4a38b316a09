import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createLead, createUserClient, unique } from '../../../test/factories.ts';
import { insertRows } from '../../db/bulk-insert.ts';
import { dayStart, nowIso, todayIn } from '../../db/time.ts';
import { getSettings } from '../settings/index.ts';
import { loadActor } from '../../platform/authenticate.ts';
import { inTransaction } from '../../platform/context.ts';
import { segmentMemberIds } from './index.ts';

/** More than the freeze's batch (5000), a members page (200) and a static addition's statement (500). */
const bulk = 5_050;

describe.each(testDialects)('segments on %s', (dialect) => {
  let t: TestApp;
  let east: number;
  let eastTeam: number;
  let west: number;
  let repEast: Client & { username: string };
  let repWest: Client & { username: string };
  let managerEast: Client & { username: string };
  let bulkIds: number[];
  const tag = unique('标签');

  const ok = async <T = any>(
    response: Promise<{ statusCode: number; body: string; json: () => any }>,
    status = 200,
  ) => {
    const r = await response;
    expect(r.statusCode, r.body).toBe(status);
    return (r.body ? r.json() : undefined) as T;
  };
  const count = async (by: Client, entity: string, rules: unknown[], combinator = 'and') =>
    (await ok(by.post('/api/v1/segments/count', { entity, filter: { combinator, rules } }))).count as number;
  const segment = (by: Client, body: Record<string, unknown>) =>
    ok(by.post('/api/v1/segments', { name: unique('分群'), ...body }), 201);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    east = await createDepartment(t, unique('东区'));
    eastTeam = await createDepartment(t, unique('东区一组'), east);
    west = await createDepartment(t, unique('西区'));
    repEast = await createUserClient(t, 'sales_rep', eastTeam);
    repWest = await createUserClient(t, 'sales_rep', west);
    managerEast = await createUserClient(t, 'sales_manager', east);
    // The bulk: level C customers of a western rep, in Guangdong, written straight to the table.
    const now = nowIso();
    bulkIds = await insertRows(
      t.database.db,
      'customers',
      Array.from({ length: bulk }, (_, i) => ({
        code: unique('BULK'),
        name: `批量客户${i}`,
        nameNorm: `批量客户${i}`,
        type: 'company',
        level: 'C',
        province: '广东省',
        city: i % 2 ? '深圳市' : '广州市',
        customFields: '{}',
        searchText: `批量客户${i}`,
        ownerId: repWest.userId,
        departmentId: west,
        createdBy: repWest.userId,
        createdAt: now,
        updatedAt: now,
      })),
      { returnIds: true },
    );
  });
  afterAll(async () => t?.close());

  it('counts by a dictionary field, region and owner, and only what the caller sees', async () => {
    const levelC = { field: 'level', op: 'in', value: ['C'] };
    expect(await count(t.admin, 'customers', [levelC])).toBe(bulk);
    expect(await count(t.admin, 'customers', [levelC, { field: 'region', op: 'in', value: ['广东省/深圳市'] }])).toBe(
      Math.floor(bulk / 2),
    );
    expect(
      await count(t.admin, 'customers', [levelC, { field: 'region', op: 'notIn', value: ['广东省/深圳市'] }]),
    ).toBe(Math.ceil(bulk / 2));
    expect(await count(t.admin, 'customers', [{ field: 'ownerId', op: 'in', value: [repWest.userId] }])).toBe(bulk);
    // A rep of the east sees none of the western rep's customers.
    expect(await count(repEast, 'customers', [levelC])).toBe(0);
    const mine = await createCustomer(repEast, { level: 'C' });
    expect(await count(repEast, 'customers', [levelC])).toBe(1);
    expect(await count(repEast, 'customers', [{ field: 'name', op: 'eq', value: mine.name }])).toBe(1);
  });

  it('filters on a department with the departments below it', async () => {
    const own = await createCustomer(repEast, { level: 'B' });
    const byManager = await createCustomer(managerEast, { level: 'B' });
    const rules = (id: number) => [
      { field: 'departmentId', op: 'in', value: [id] },
      { field: 'level', op: 'in', value: ['B'] },
    ];
    expect(await count(t.admin, 'customers', rules(east))).toBe(2);
    expect(await count(t.admin, 'customers', rules(eastTeam))).toBe(1);
    expect(own.id).not.toBe(byManager.id);
  });

  it('combines AND and OR groups, negated groups, tags, text and dates', async () => {
    const a = await createCustomer(t.admin, { level: 'A', tags: [tag], industry: 'it' });
    await createCustomer(t.admin, { level: 'A', tags: [tag], industry: 'finance' });
    await createCustomer(t.admin, { level: 'A', industry: 'it' });
    const tagged = { field: 'tags', op: 'anyOf', value: [tag] };
    const it_ = { field: 'industry', op: 'in', value: ['it'] };
    expect(await count(t.admin, 'customers', [tagged])).toBe(2);
    expect(await count(t.admin, 'customers', [tagged, it_])).toBe(1);
    expect(
      await count(t.admin, 'customers', [
        { field: 'level', op: 'in', value: ['A'] },
        { combinator: 'or', rules: [tagged, it_] },
      ]),
    ).toBe(3);
    expect(
      await count(t.admin, 'customers', [
        { field: 'level', op: 'in', value: ['A'] },
        { combinator: 'and', not: true, rules: [tagged] },
      ]),
    ).toBe(1);
    expect(await count(t.admin, 'customers', [{ field: 'name', op: 'contains', value: a.name.slice(2) }])).toBe(1);
    // 100%_ in a search is text, not a pattern.
    expect(await count(t.admin, 'customers', [{ field: 'name', op: 'contains', value: '%' }])).toBe(0);
    const today = todayIn((await getSettings(t.database.db)).timezone);
    const created = { field: 'createdAt', op: 'between', value: [today, today] };
    expect(await count(t.admin, 'customers', [created, tagged])).toBe(2);
    expect(await count(t.admin, 'customers', [{ field: 'createdAt', op: 'before', value: today }, tagged])).toBe(0);
    expect(await count(t.admin, 'customers', [{ field: 'createdAt', op: 'inLastDays', value: 1 }, tagged])).toBe(2);
    expect(await count(t.admin, 'customers', [{ field: 'lastFollowupAt', op: 'empty' }, tagged])).toBe(2);
  });

  it('filters on behaviour: bought orders and revenue in a period, tickets, campaign responses', async () => {
    const buyer = await createCustomer(t.admin, { level: 'A' });
    const other = await createCustomer(t.admin, { level: 'A' });
    const order = await ok(
      t.admin.post('/api/v1/orders', {
        title: '分群订单',
        customerId: buyer.id,
        lines: [{ name: '项目', quantity: '1', unitPrice: '1200.50', taxRate: '0' }],
      }),
      201,
    );
    await ok(t.admin.post(`/api/v1/orders/${order.id}/submit`));
    await ok(t.admin.post('/api/v1/tickets', { type: 'consultation', customerId: other.id, subject: '咨询' }), 201);
    const among = { field: 'level', op: 'in', value: ['A'] };
    expect(await count(t.admin, 'customers', [among, { field: 'ordersCount', op: 'gte', value: 1, days: 30 }])).toBe(1);
    expect(await count(t.admin, 'customers', [among, { field: 'revenue', op: 'gte', value: '1200.50' }])).toBe(1);
    expect(await count(t.admin, 'customers', [among, { field: 'revenue', op: 'gt', value: '1200.50' }])).toBe(0);
    expect(await count(t.admin, 'customers', [among, { field: 'ticketCount', op: 'eq', value: 1 }])).toBe(1);
    const campaign = await ok(t.admin.post('/api/v1/campaigns', { name: unique('活动'), type: 'seminar' }), 201);
    await ok(t.admin.post(`/api/v1/campaigns/${campaign.id}/members`, { entity: 'customers', ids: [buyer.id] }));
    const inCampaign = { field: 'campaign', op: 'memberOf', value: [campaign.id] };
    expect(await count(t.admin, 'customers', [inCampaign])).toBe(1);
    expect(await count(t.admin, 'customers', [{ ...inCampaign, op: 'respondedTo' }])).toBe(0);
    // Contacts filtered on their customer's fields.
    await ok(t.admin.post('/api/v1/contacts', { customerId: buyer.id, name: unique('联系人') }), 201);
    expect(
      await count(t.admin, 'contacts', [
        { field: 'customer.ordersCount', op: 'gte', value: 1 },
        { field: 'customer.level', op: 'in', value: ['A'] },
      ]),
    ).toBe(1);
  });

  it('adds up revenue in the company’s currency only and reads days in its time zone', async () => {
    const { timezone } = await getSettings(t.database.db);
    const buyer = await createCustomer(t.admin, { level: 'B', tags: [tag] });
    for (const [currency, price] of [
      ['CNY', '1000'],
      ['USD', '5000'],
    ]) {
      const order = await ok(
        t.admin.post('/api/v1/orders', {
          title: '币种订单',
          customerId: buyer.id,
          currency,
          lines: [{ name: '项目', quantity: '1', unitPrice: price, taxRate: '0' }],
        }),
        201,
      );
      await ok(t.admin.post(`/api/v1/orders/${order.id}/submit`));
    }
    const own = { field: 'name', op: 'eq', value: buyer.name };
    expect(await count(t.admin, 'customers', [own, { field: 'revenue', op: 'gte', value: '1000.00' }])).toBe(1);
    expect(await count(t.admin, 'customers', [own, { field: 'revenue', op: 'gt', value: '1000.00' }])).toBe(0);

    // Created in the first hour of the company's today: today's, whatever the date in UTC.
    const today = todayIn(timezone);
    const early = new Date(Date.parse(dayStart(today, timezone)) + 3_600_000).toISOString();
    await t.database.db.updateTable('customers').set({ createdAt: early }).where('id', '=', buyer.id).execute();
    expect(await count(t.admin, 'customers', [own, { field: 'createdAt', op: 'between', value: [today, today] }])).toBe(
      1,
    );
    expect(await count(t.admin, 'customers', [own, { field: 'createdAt', op: 'after', value: today }])).toBe(0);
    // And one hour before the company's today began: yesterday's.
    const late = new Date(Date.parse(dayStart(today, timezone)) - 3_600_000).toISOString();
    await t.database.db.updateTable('customers').set({ createdAt: late }).where('id', '=', buyer.id).execute();
    expect(await count(t.admin, 'customers', [own, { field: 'createdAt', op: 'before', value: today }])).toBe(1);
    expect(await count(t.admin, 'customers', [own, { field: 'createdAt', op: 'inLastDays', value: 1 }])).toBe(1);
  });

  it('filters on custom fields and leads', async () => {
    const key = `seg${Date.now() % 100000}`;
    await ok(
      t.admin.post('/api/v1/custom-fields', {
        entity: 'customers',
        key,
        labelZh: '规模',
        labelEn: 'Size',
        type: 'select',
        options: [
          { code: 'big', labelZh: '大', labelEn: 'Big' },
          { code: 'small', labelZh: '小', labelEn: 'Small' },
        ],
      }),
      201,
    );
    await createCustomer(t.admin, { customFields: { [key]: 'big' } });
    expect(await count(t.admin, 'customers', [{ field: `cf.${key}`, op: 'in', value: ['big'] }])).toBe(1);
    expect(await count(t.admin, 'customers', [{ field: `cf.${key}`, op: 'in', value: ['small'] }])).toBe(0);
    const r = await t.admin.post('/api/v1/segments/count', {
      entity: 'customers',
      filter: { combinator: 'and', rules: [{ field: `cf.${key}`, op: 'in', value: ['huge'] }] },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields['filter.rules.0']).toContain('huge');

    const company = unique('公司');
    await createLead(t.admin, { company, score: 70 });
    await createLead(t.admin, { company, score: 20 });
    expect(
      await count(t.admin, 'leads', [
        { field: 'company', op: 'eq', value: company },
        { field: 'status', op: 'in', value: ['new'] },
      ]),
    ).toBe(2);
    // Lead score, on leads and on contacts.
    expect(
      await count(t.admin, 'leads', [
        { field: 'company', op: 'eq', value: company },
        { field: 'score', op: 'gte', value: 60 },
      ]),
    ).toBe(1);
    const customer = await createCustomer(t.admin);
    const scored = await ok(t.admin.post('/api/v1/contacts', { customerId: customer.id, name: unique('高分') }), 201);
    await ok(t.admin.post('/api/v1/contacts', { customerId: customer.id, name: unique('低分') }), 201);
    await t.database.db.updateTable('contacts').set({ score: 85 }).where('id', '=', scored.id).execute();
    expect(
      await count(t.admin, 'contacts', [
        { field: 'score', op: 'between', value: [80, 90] },
        { field: 'name', op: 'eq', value: scored.name },
      ]),
    ).toBe(1);
    expect(
      await count(t.admin, 'contacts', [
        { field: 'score', op: 'gte', value: 80 },
        { field: 'createdAt', op: 'inLastDays', value: 1 },
      ]),
    ).toBe(1);
  });

  it('filters on RFM class, satisfaction, open receivables, custom numbers and options, a contact’s campaigns', async () => {
    const valued = await createCustomer(t.admin, { level: 'B', tags: ['rfm'] });
    const rated = await createCustomer(t.admin, { level: 'B', tags: ['rfm'] });
    const among = { field: 'tags', op: 'anyOf', value: ['rfm'] };
    const now = nowIso();
    await t.database.db
      .insertInto('customerValues')
      .values({
        customerId: valued.id,
        class: 'importantValue',
        recencyScore: 5,
        frequencyScore: 5,
        monetaryScore: 5,
        lastOrderAt: now,
        recencyDays: 1,
        frequency: 3,
        monetary: 100_000,
        scoredAt: now,
      })
      .execute();
    expect(await count(t.admin, 'customers', [among, { field: 'rfmClass', op: 'in', value: ['importantValue'] }])).toBe(
      1,
    );
    expect(await count(t.admin, 'customers', [among, { field: 'rfmClass', op: 'empty' }])).toBe(1);
    for (const score of [2, 5]) {
      const ticket = await ok(
        t.admin.post('/api/v1/tickets', { type: 'consultation', customerId: rated.id, subject: '评分' }),
        201,
      );
      await t.database.db
        .updateTable('tickets')
        .set({ satisfactionScore: score })
        .where('id', '=', ticket.id)
        .execute();
    }
    // The average of 2 and 5 is 3.5.
    expect(await count(t.admin, 'customers', [among, { field: 'csat', op: 'gte', value: 3.5 }])).toBe(1);
    expect(await count(t.admin, 'customers', [among, { field: 'csat', op: 'gt', value: 3.5 }])).toBe(0);
    expect(await count(t.admin, 'customers', [among, { field: 'csat', op: 'between', value: [3, 4], days: 7 }])).toBe(
      1,
    );

    const order = await ok(
      t.admin.post('/api/v1/orders', {
        title: '应收订单',
        customerId: valued.id,
        lines: [{ name: '项目', quantity: '1', unitPrice: '800', taxRate: '0' }],
      }),
      201,
    );
    await ok(t.admin.post(`/api/v1/orders/${order.id}/submit`));
    await ok(
      t.admin.put(`/api/v1/orders/${order.id}/payment-plan`, {
        instalments: [{ dueDate: '2026-12-28', percent: '100' }],
      }),
    );
    expect(await count(t.admin, 'customers', [among, { field: 'openReceivables', op: 'eq', value: '800' }])).toBe(1);
    expect(await count(t.admin, 'customers', [among, { field: 'openReceivables', op: 'eq', value: '0' }])).toBe(1);

    const suffix = Date.now() % 100000;
    for (const [key, type, options] of [
      [`emp${suffix}`, 'number', []],
      [`chan${suffix}`, 'multiselect', ['web', 'fair', 'call']],
    ] as const)
      await ok(
        t.admin.post('/api/v1/custom-fields', {
          entity: 'customers',
          key,
          labelZh: key,
          labelEn: key,
          type,
          options: options.map((code) => ({ code, labelZh: code, labelEn: code })),
        }),
        201,
      );
    await ok(
      t.admin.patch(`/api/v1/customers/${rated.id}`, {
        customFields: { [`emp${suffix}`]: 120, [`chan${suffix}`]: ['web', 'fair'] },
      }),
    );
    expect(await count(t.admin, 'customers', [among, { field: `cf.emp${suffix}`, op: 'gt', value: 100 }])).toBe(1);
    expect(await count(t.admin, 'customers', [among, { field: `cf.emp${suffix}`, op: 'empty' }])).toBe(1);
    expect(
      await count(t.admin, 'customers', [among, { field: `cf.chan${suffix}`, op: 'anyOf', value: ['fair'] }]),
    ).toBe(1);
    expect(
      await count(t.admin, 'customers', [among, { field: `cf.chan${suffix}`, op: 'noneOf', value: ['call'] }]),
    ).toBe(2);
    expect(await count(t.admin, 'customers', [among, { field: `cf.chan${suffix}`, op: 'empty' }])).toBe(1);
    // Contacts keep no custom values: their custom fields are not offered.
    const contactField = await t.admin.post('/api/v1/segments/count', {
      entity: 'contacts',
      filter: { combinator: 'and', rules: [{ field: `cf.emp${suffix}`, op: 'empty' }] },
    });
    expect(contactField.statusCode).toBe(400);
    const person = await ok(
      t.admin.post('/api/v1/contacts', { customerId: rated.id, name: unique('客户联系人') }),
      201,
    );
    await ok(t.admin.post('/api/v1/contacts', { customerId: rated.id, name: unique('客户联系人') }), 201);
    const ofRated = { field: 'customer.tags', op: 'anyOf', value: ['rfm'] };
    expect(await count(t.admin, 'contacts', [ofRated])).toBe(2);
    const campaign = await ok(t.admin.post('/api/v1/campaigns', { name: unique('活动'), type: 'seminar' }), 201);
    await ok(t.admin.post(`/api/v1/campaigns/${campaign.id}/members`, { entity: 'contacts', ids: [person.id] }));
    const members = await ok(t.admin.get(`/api/v1/campaigns/${campaign.id}/members`));
    await ok(
      t.admin.patch(`/api/v1/campaigns/${campaign.id}/members/${members.items[0].id}`, { status: 'responded' }),
      204,
    );
    expect(
      await count(t.admin, 'contacts', [ofRated, { field: 'campaign', op: 'respondedTo', value: [campaign.id] }]),
    ).toBe(1);
    expect(
      await count(t.admin, 'contacts', [ofRated, { field: 'campaign', op: 'notMemberOf', value: [campaign.id] }]),
    ).toBe(1);
  });

  it('refuses a filter that does not make sense, with a message per condition', async () => {
    const r = await t.admin.post('/api/v1/segments', {
      name: '坏分群',
      entity: 'customers',
      kind: 'dynamic',
      filter: {
        combinator: 'and',
        rules: [
          { field: 'password', op: 'eq', value: 'x' },
          { field: 'level', op: 'gt', value: ['A'] },
          {
            combinator: 'or',
            rules: [
              { field: 'createdAt', op: 'before', value: '2026-02-30' },
              { field: 'level', op: 'in', value: ['Z'] },
              { field: 'ownerId', op: 'in', value: [999_999] },
              { field: 'revenue', op: 'gte', value: '12.345' },
              { field: 'name', op: 'eq', value: 'x', days: 3 },
            ],
          },
        ],
      },
    });
    expect(r.statusCode).toBe(400);
    const { code, fields } = r.json().error;
    expect(code).toBe('VALIDATION_FAILED');
    expect(Object.keys(fields).sort()).toEqual([
      'filter.rules.0',
      'filter.rules.1',
      'filter.rules.2.rules.0',
      'filter.rules.2.rules.1',
      'filter.rules.2.rules.2',
      'filter.rules.2.rules.3',
      'filter.rules.2.rules.4',
    ]);
    expect(fields['filter.rules.0']).toContain('password');
    // Leads have no RFM class: a field of another entity is unknown.
    const lead = await t.admin.post('/api/v1/segments/count', {
      entity: 'leads',
      filter: { combinator: 'and', rules: [{ field: 'rfmClass', op: 'in', value: ['importantValue'] }] },
    });
    expect(lead.statusCode).toBe(400);
  });

  it('offers no filter on a field the caller may not see', async () => {
    const role = await ok(
      t.admin.post('/api/v1/roles', {
        name: unique('隐藏邮箱'),
        permissions: ['contacts.view', 'segments.view'],
        dataScopes: { contacts: 'all' },
        fieldRules: { 'contacts.email': 'hidden' },
      }),
      201,
    );
    const username = unique('u');
    await ok(
      t.admin.post('/api/v1/users', {
        username,
        displayName: username,
        password: 'Passw0rd1',
        departmentId: east,
        roleIds: [role.id],
        locale: 'en',
      }),
      201,
    );
    const hidden = await t.login(username, 'Passw0rd1');
    const byEmail = [{ field: 'email', op: 'contains', value: '@' }];
    expect(await count(t.admin, 'contacts', byEmail)).toBeGreaterThanOrEqual(0);
    const r = await hidden.post('/api/v1/segments/count', {
      entity: 'contacts',
      filter: { combinator: 'and', rules: byEmail },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields['filter.rules.0']).toContain('email');
  });

  it('saves, lists, changes and deletes a segment; members are paged as the caller sees them', async () => {
    const s = await segment(t.admin, {
      entity: 'customers',
      kind: 'dynamic',
      filter: { combinator: 'and', rules: [{ field: 'level', op: 'in', value: ['C'] }] },
    });
    expect(s.filter.rules).toHaveLength(1);
    const page = await ok(t.admin.get(`/api/v1/segments/${s.id}/members`, { page: 2, pageSize: 200 }));
    expect(page.total).toBeGreaterThanOrEqual(bulk);
    expect(page.items).toHaveLength(200);
    expect(page.items[0].id).toBe(bulkIds[200]);
    // The rep sees the segment, and only their own members of it.
    const theirs = await ok(repWest.get(`/api/v1/segments/${s.id}/members`));
    expect(theirs.total).toBe(bulk);
    expect((await ok(repEast.get(`/api/v1/segments/${s.id}/members`))).total).toBe(1);
    // A rep may not change segments.
    expect((await repEast.patch(`/api/v1/segments/${s.id}`, { name: 'x' })).statusCode).toBe(403);
    const renamed = await ok(t.admin.patch(`/api/v1/segments/${s.id}`, { name: '重命名' }));
    expect(renamed.name).toBe('重命名');
    const list = await ok(t.admin.get('/api/v1/segments', { q: '重命名' }));
    expect(list.items.map((x: { id: number }) => x.id)).toContain(s.id);
    await ok(t.admin.delete(`/api/v1/segments/${s.id}`), 204);
    expect((await t.admin.get(`/api/v1/segments/${s.id}`)).statusCode).toBe(404);
  });

  it('keeps chosen members in a static segment, only records the caller sees, without duplicates', async () => {
    const s = await segment(managerEast, { entity: 'customers', kind: 'static' });
    expect(s.filter).toBeNull();
    // The western rep's customers are outside an eastern manager's scope.
    const refused = await managerEast.post(`/api/v1/segments/${s.id}/members`, { ids: bulkIds.slice(0, 3) });
    expect(refused.statusCode).toBe(400);
    const ids = bulkIds.slice(0, 600);
    const first = await ok(t.admin.post(`/api/v1/segments/${s.id}/members`, { ids }));
    expect(first).toEqual({ added: 600, alreadyMembers: 0 });
    const again = await ok(t.admin.post(`/api/v1/segments/${s.id}/members`, { ids: bulkIds.slice(590, 610) }));
    expect(again).toEqual({ added: 10, alreadyMembers: 10 });
    expect((await ok(t.admin.get(`/api/v1/segments/${s.id}/members`))).total).toBe(610);
    expect((await ok(managerEast.get(`/api/v1/segments/${s.id}/members`))).total).toBe(0);
    await ok(t.admin.delete(`/api/v1/segments/${s.id}/members/${bulkIds[0]}`), 204);
    expect((await t.admin.delete(`/api/v1/segments/${s.id}/members/${bulkIds[0]}`)).statusCode).toBe(404);
    expect((await ok(t.admin.get(`/api/v1/segments/${s.id}/members`))).total).toBe(609);
    const dynamic = await segment(t.admin, { entity: 'customers', kind: 'dynamic' });
    expect((await t.admin.post(`/api/v1/segments/${dynamic.id}/members`, { ids: [bulkIds[0]] })).statusCode).toBe(409);
  });

  it('freezes a segment into a campaign: a snapshot of what the caller sees, in batches, no duplicates', async () => {
    const s = await segment(t.admin, {
      entity: 'customers',
      kind: 'dynamic',
      filter: { combinator: 'and', rules: [{ field: 'ownerId', op: 'in', value: [repWest.userId] }] },
    });
    const campaign = await ok(t.admin.post('/api/v1/campaigns', { name: unique('活动'), type: 'seminar' }), 201);
    await ok(t.admin.post(`/api/v1/campaigns/${campaign.id}/members`, { entity: 'customers', ids: [bulkIds[7]] }));
    const frozen = await ok(t.admin.post(`/api/v1/campaigns/${campaign.id}/segment-members`, { segmentId: s.id }));
    expect(frozen).toEqual({ added: bulk - 1, alreadyMembers: 1 });
    const members = await ok(t.admin.get(`/api/v1/campaigns/${campaign.id}/members`, { pageSize: 1 }));
    expect(members.total).toBe(bulk);
    expect((await ok(t.admin.get(`/api/v1/campaigns/${campaign.id}`))).figures.members).toBe(bulk);
    // A snapshot: a customer added to the segment later is not a member until the next freeze.
    await createCustomer(repWest);
    expect((await ok(t.admin.get(`/api/v1/campaigns/${campaign.id}`))).figures.members).toBe(bulk);
    const twice = await ok(t.admin.post(`/api/v1/campaigns/${campaign.id}/segment-members`, { segmentId: s.id }));
    expect(twice).toEqual({ added: 1, alreadyMembers: bulk });
    // A caller who cannot manage campaigns is refused; one outside the campaign's scope gets 404.
    expect(
      (await repWest.post(`/api/v1/campaigns/${campaign.id}/segment-members`, { segmentId: s.id })).statusCode,
    ).toBe(403);
    const managerCampaign = await ok(
      managerEast.post('/api/v1/campaigns', { name: unique('活动'), type: 'seminar' }),
      201,
    );
    const managers = await ok(
      managerEast.post(`/api/v1/campaigns/${managerCampaign.id}/segment-members`, { segmentId: s.id }),
    );
    // The eastern manager sees none of the western rep's customers.
    expect(managers).toEqual({ added: 0, alreadyMembers: 0 });
    expect(
      (await managerEast.post(`/api/v1/campaigns/${campaign.id}/segment-members`, { segmentId: s.id })).statusCode,
    ).toBe(404);
  });

  it("gives a segment's member ids for a user, on the caller's handle", async () => {
    const s = await segment(t.admin, {
      entity: 'customers',
      kind: 'dynamic',
      filter: { combinator: 'and', rules: [{ field: 'ownerId', op: 'in', value: [repWest.userId] }] },
    });
    const ctx = { db: t.database.db, dialect: t.database.dialect, config: t.config };
    const actor = (await loadActor(t.database.db, repWest.userId, { via: 'job' }, { headers: {} }))!;
    const { entity, ids } = await inTransaction(ctx, (ctx) => segmentMemberIds(ctx, actor, s.id));
    expect(entity).toBe('customers');
    expect(ids).toHaveLength(bulk + 1);
    expect(ids.slice(0, 3)).toEqual(bulkIds.slice(0, 3));
  });
});
