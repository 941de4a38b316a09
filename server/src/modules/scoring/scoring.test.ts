import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createDepartment, createLead, createUserClient, unique } from '../../../test/factories.ts';
import { jobHandlers } from '../../jobs.ts';
import type { AppContext } from '../../platform/context.ts';
import { runDueJobs } from '../../platform/jobs.ts';
import { nightlyScoring, recomputeAll, recordBehaviour } from './index.ts';

const dayMs = 86_400_000;

async function captchaOf(app: FastifyInstance, t: TestApp) {
  const { id } = (await app.inject({ method: 'GET', url: '/api/v1/auth/captcha' })).json();
  const row = await t.database.db
    .selectFrom('captchas')
    .select('answer')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return { captchaId: id, captchaText: row.answer };
}

describe.each(testDialects)('lead scoring on %s', (dialect) => {
  let t: TestApp;
  let defaultGroup: number;
  beforeAll(async () => {
    t = await createTestApp(dialect, { env: { RATE_LIMIT_PUBLIC_FORM_PER_IP: '100000' } });
    defaultGroup = (await t.admin.get('/api/v1/scoring'))
      .json()
      .groups.find((g: { isDefault: boolean }) => g.isDefault).id;
  });
  afterAll(async () => t?.close());
  const ctx = () => ({ db: t.database.db, dialect: t.database.dialect, config: t.config }) as AppContext;
  const scoreOf = async (id: number) => (await t.admin.get(`/api/v1/leads/${id}`)).json().score as number;
  const reasonsOf = async (id: number) => (await t.admin.get(`/api/v1/leads/${id}/score-reasons`)).json();
  const rule = async (body: Record<string, unknown>) => {
    const response = await t.admin.post('/api/v1/scoring/rules', { groupId: defaultGroup, ...body });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as number;
  };
  const ledger = async () =>
    (
      await t.database.db
        .selectFrom('scoreEvents')
        .select(['leadId', 'contactId', 'groupId', 'ruleId', 'kind', 'points', 'currentPoints'])
        .where('endedAt', 'is', null)
        .execute()
    )
      .map((r) => JSON.stringify(r))
      .sort();

  it('refuses rules that mean nothing, field by field in both languages, and lets only scoring.manage change them', async () => {
    const bad = await t.admin.post('/api/v1/scoring/rules', {
      groupId: defaultGroup,
      name: '坏规则',
      kind: 'field',
      entity: 'leads',
      field: 'shoeSize',
      operator: 'equals',
      points: 0,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['field', 'points', 'value']);
    // The administrator works in Chinese.
    const zh = await t.admin.post('/api/v1/scoring/rules', {
      groupId: defaultGroup,
      name: '不活跃',
      kind: 'behaviour',
      event: 'no_activity',
      days: 30,
      points: 5,
    });
    expect(zh.json().error.fields.points).toBe('无活动应扣分：分值须小于 0');
    const unknownCode = await t.admin.post('/api/v1/scoring/rules', {
      groupId: defaultGroup,
      name: '未知行业',
      kind: 'field',
      entity: 'leads',
      field: 'industry',
      operator: 'in',
      value: ['manufacturing', 'no-such-industry'],
      points: 5,
    });
    expect(unknownCode.json().error.fields).toHaveProperty('value.1');
    const noGroup = await t.admin.post('/api/v1/scoring/rules', {
      groupId: 999999,
      name: 'x',
      kind: 'behaviour',
      event: 'email_opened',
      points: 1,
    });
    expect(noGroup.json().error.fields.groupId).toBe('评分组不存在');
    expect((await t.admin.delete(`/api/v1/scoring/groups/${defaultGroup}`)).statusCode).toBe(409);

    const rep = await createUserClient(t, 'sales_rep');
    expect((await rep.get('/api/v1/scoring')).statusCode).toBe(200);
    expect((await rep.post('/api/v1/scoring/groups', { name: 'x' })).statusCode).toBe(403);
    expect((await rep.post('/api/v1/scoring/recompute', {})).statusCode).toBe(403);
  });

  it('scores a lead by its fields when it is created and changed, in each group', async () => {
    const manufacturing = await rule({
      name: '制造业',
      kind: 'field',
      entity: 'leads',
      field: 'industry',
      operator: 'equals',
      value: 'manufacturing',
      points: 10,
    });
    const productA = (await t.admin.post('/api/v1/scoring/groups', { name: '产品A意向' })).json().id;
    const buyer = await rule({
      groupId: productA,
      name: '采购',
      kind: 'field',
      entity: 'leads',
      field: 'title',
      operator: 'contains',
      value: '采购',
      points: 5,
    });
    const lead = await createLead(t.admin, { industry: 'manufacturing', title: '采购经理' });
    expect(lead.score).toBe(10);
    const reasons = await reasonsOf(lead.id);
    expect(reasons.score).toBe(10);
    const byGroup = new Map(reasons.groups.map((g: { groupId: number }) => [g.groupId, g]));
    expect(byGroup.get(defaultGroup)).toMatchObject({ total: 10, reasons: [{ ruleId: manufacturing, points: 10 }] });
    expect(byGroup.get(productA)).toMatchObject({ total: 5, reasons: [{ ruleId: buyer, reason: '采购' }] });

    expect((await t.admin.patch(`/api/v1/leads/${lead.id}`, { industry: 'it' })).json().score).toBe(0);
    expect((await t.admin.patch(`/api/v1/leads/${lead.id}`, { industry: 'manufacturing' })).json().score).toBe(10);
    // A score typed by hand stays what was typed, kept as a reason of its own.
    expect((await t.admin.patch(`/api/v1/leads/${lead.id}`, { score: 30 })).json().score).toBe(30);
    const manual = (await reasonsOf(lead.id)).groups.find((g: { groupId: number }) => g.groupId === defaultGroup);
    expect(manual.reasons.map((r: { kind: string; points: number }) => [r.kind, r.points]).sort()).toEqual([
      ['field', 10],
      ['manual', 20],
    ]);

    // The list filters and sorts by the score band.
    const tag = unique('分');
    const high = await createLead(t.admin, { name: `${tag}高`, industry: 'manufacturing' });
    await createLead(t.admin, { name: `${tag}低` });
    const band = (await t.admin.get('/api/v1/leads', { q: tag, scoreMin: 5, scoreMax: 15 })).json();
    expect(band.items.map((l: { id: number }) => l.id)).toEqual([high.id]);
    const sorted = (await t.admin.get('/api/v1/leads', { q: tag, sort: 'score:desc' })).json();
    expect(sorted.items[0].id).toBe(high.id);

    await t.admin.delete(`/api/v1/scoring/groups/${productA}`);
    await t.admin.delete(`/api/v1/scoring/rules/${manufacturing}`);
    await recomputeAll(ctx());
    expect(await scoreOf(high.id)).toBe(0);
    expect(await scoreOf(lead.id)).toBe(20);
  });

  it('scores web-form submissions and follow-ups as behaviour, within a rule’s cap', async () => {
    const formRule = await rule({
      name: '提交表单',
      kind: 'behaviour',
      event: 'form_submitted',
      points: 10,
      capPoints: 15,
      capDays: 30,
    });
    const followupRule = await rule({ name: '跟进', kind: 'behaviour', event: 'followup_logged', points: 3 });
    const slug = unique('score-');
    const form = await t.admin.post('/api/v1/web-forms', {
      name: slug,
      slug,
      titleZh: '试用',
      titleEn: 'Trial',
      fields: [
        { key: 'name', labelZh: '姓名', labelEn: 'Name', required: true },
        { key: 'mobile', labelZh: '手机', labelEn: 'Mobile', required: true },
      ],
      allowedOrigins: [],
    });
    expect(form.statusCode, form.body).toBe(201);
    const mobile = `139${String(Date.now()).slice(-8)}`;
    for (let i = 0; i < 2; i++) {
      const sent = await t.app.inject({
        method: 'POST',
        url: `/api/public/v1/forms/${slug}/submit`,
        payload: { ...(await captchaOf(t.app, t)), values: { name: '访客', mobile } },
      });
      expect(sent.statusCode, sent.body).toBe(201);
    }
    const lead = (await t.admin.get('/api/v1/leads', { q: mobile })).json().items[0];
    expect(lead.score).toBe(15);

    // A new lead is given its owner once its submission is scored: a rule for leads of 10 points or more
    // sees the form's 10, not the 0 the lead was created with.
    const hot = await createUserClient(t, 'sales_rep', await createDepartment(t, unique('热线索组')));
    const hotRule = await t.admin.post('/api/v1/assignment-rules', {
      name: '高分线索',
      scoreMin: 10,
      userIds: [hot.userId],
      method: 'round_robin',
    });
    expect(hotRule.statusCode, hotRule.body).toBe(201);
    const hotMobile = `137${String(Date.now()).slice(-8)}`;
    const hotSent = await t.app.inject({
      method: 'POST',
      url: `/api/public/v1/forms/${slug}/submit`,
      payload: { ...(await captchaOf(t.app, t)), values: { name: '热访客', mobile: hotMobile } },
    });
    expect(hotSent.statusCode, hotSent.body).toBe(201);
    expect((await t.admin.get('/api/v1/leads', { q: hotMobile })).json().items[0]).toMatchObject({
      score: 10,
      ownerId: hot.userId,
    });
    expect((await hot.get('/api/v1/notifications')).json().items[0]).toMatchObject({ kind: 'leadsAssigned' });
    await t.admin.delete(`/api/v1/assignment-rules/${hotRule.json().id}`);
    const followup = await t.admin.post('/api/v1/followups', {
      leadId: lead.id,
      type: 'call',
      occurredAt: new Date().toISOString(),
      content: '电话沟通',
    });
    expect(followup.statusCode, followup.body).toBe(201);
    expect(await scoreOf(lead.id)).toBe(18);
    const reasons = (await reasonsOf(lead.id)).groups.find((g: { isDefault: boolean }) => g.isDefault).reasons;
    expect(reasons.map((r: { event: string; points: number }) => [r.event, r.points])).toEqual([
      ['followup_logged', 3],
      ['form_submitted', 5],
      ['form_submitted', 10],
    ]);
    await t.admin.delete(`/api/v1/scoring/rules/${formRule}`);
    await t.admin.delete(`/api/v1/scoring/rules/${followupRule}`);
  });

  it('decays behaviour points, takes points from idle leads once a night, and a recompute changes nothing', async () => {
    const decaying = (
      await t.admin.post('/api/v1/scoring/groups', { name: '衰减', decayPercent: 50, decayDays: 30, expireDays: 90 })
    ).json().id;
    await rule({ groupId: decaying, name: '打开邮件', kind: 'behaviour', event: 'email_opened', points: 8 });
    const idle = await rule({ name: '30天无活动', kind: 'behaviour', event: 'no_activity', days: 30, points: -5 });
    const lead = await createLead(t.admin, { name: unique('沉睡') });
    const now = Date.now();
    await recordBehaviour(t.database.db, { kind: 'email_opened', leadId: lead.id, at: new Date(now) });
    const groupTotal = async () =>
      (await reasonsOf(lead.id)).groups.find((g: { groupId: number }) => g.groupId === decaying).total;
    expect(await groupTotal()).toBe(8);

    // 31 days on: the opened email counts half, and the lead, idle for 30 days, loses 5 points once.
    await nightlyScoring(ctx(), new Date(now + 31 * dayMs));
    expect(await groupTotal()).toBe(4);
    expect(await scoreOf(lead.id)).toBe(-5);
    await nightlyScoring(ctx(), new Date(now + 32 * dayMs));
    expect(await scoreOf(lead.id)).toBe(-5);
    const before = await ledger();
    await recomputeAll(ctx(), new Date(now + 32 * dayMs));
    expect(await ledger()).toEqual(before);

    // Past the expiry the opened email stops counting; the next activity ends the idle reason.
    await nightlyScoring(ctx(), new Date(now + 95 * dayMs));
    expect(await groupTotal()).toBe(0);
    await recordBehaviour(t.database.db, { kind: 'email_clicked', leadId: lead.id, at: new Date(now + 95 * dayMs) });
    expect(await scoreOf(lead.id)).toBe(0);
    await t.admin.delete(`/api/v1/scoring/rules/${idle}`);
    await t.admin.delete(`/api/v1/scoring/groups/${decaying}`);
  });

  it('works scores out again after a rule changes, in a background job, to what writing the leads gave', async () => {
    const tag = unique('重算');
    const lead = await createLead(t.admin, { name: tag, province: '浙江' });
    expect(lead.score).toBe(0);
    const zhejiang = await rule({
      name: '浙江',
      kind: 'field',
      entity: 'leads',
      field: 'province',
      operator: 'in',
      value: ['浙江', '江苏'],
      points: 7,
    });
    expect((await t.admin.get('/api/v1/scoring')).json().recomputing).toBe(true);
    await runDueJobs(ctx(), jobHandlers, [], 'test');
    expect((await t.admin.get('/api/v1/scoring')).json().recomputing).toBe(false);
    expect(await scoreOf(lead.id)).toBe(7);
    // A lead written after the rule gets the same reasons a recompute gives.
    const later = await createLead(t.admin, { name: `${tag}2`, province: '江苏' });
    expect(later.score).toBe(7);
    const before = await ledger();
    expect((await t.admin.post('/api/v1/scoring/recompute', {})).statusCode).toBe(202);
    await runDueJobs(ctx(), jobHandlers, [], 'test');
    expect(await ledger()).toEqual(before);
    await t.admin.delete(`/api/v1/scoring/rules/${zhejiang}`);
    await runDueJobs(ctx(), jobHandlers, [], 'test');
    expect(await scoreOf(later.id)).toBe(0);
  });

  it('shows a lead’s reasons only to those who see the lead (404 otherwise)', async () => {
    const east = await createDepartment(t, unique('华东'));
    const west = await createDepartment(t, unique('华西'));
    const owner = await createUserClient(t, 'sales_rep', east);
    const stranger = await createUserClient(t, 'sales_rep', west);
    const lead = await createLead(owner);
    expect((await owner.get(`/api/v1/leads/${lead.id}/score-reasons`)).statusCode).toBe(200);
    expect((await stranger.get(`/api/v1/leads/${lead.id}/score-reasons`)).statusCode).toBe(404);
    expect((await stranger.get('/api/v1/leads/99999999/score-reasons')).statusCode).toBe(404);
  });
});
