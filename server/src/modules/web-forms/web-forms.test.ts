import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createDepartment, createUserClient, unique } from '../../../test/factories.ts';
import { createTwoInstances } from '../../../test/instances.ts';

const generous = { RATE_LIMIT_PUBLIC_FORM_PER_IP: '100000', RATE_LIMIT_SIGN_IN_PER_IP: '100000' };

/** A fresh captcha and its answer, read where the server keeps it. */
async function captchaOf(app: FastifyInstance, t: TestApp) {
  const { id } = (await app.inject({ method: 'GET', url: '/api/v1/auth/captcha' })).json();
  const row = await t.database.db
    .selectFrom('captchas')
    .select('answer')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return { captchaId: id, captchaText: row.answer };
}

function formInput(slug: string, extra: Record<string, unknown> = {}) {
  return {
    name: `表单 ${slug}`,
    slug,
    titleZh: '申请试用',
    titleEn: 'Request a trial',
    fields: [
      { key: 'name', labelZh: '姓名', labelEn: 'Name', required: true },
      { key: 'company', labelZh: '公司', labelEn: 'Company' },
      {
        key: 'mobile',
        labelZh: '手机',
        labelEn: 'Mobile',
        required: true,
        helpZh: '用于联系您',
        helpEn: 'To call you',
      },
      { key: 'email', labelZh: '邮箱', labelEn: 'Email' },
      { key: 'province', labelZh: '省份', labelEn: 'Province' },
      { key: 'industry', labelZh: '行业', labelEn: 'Industry' },
    ],
    consent: { channels: ['email', 'sms'], textZh: '同意接收营销信息', textEn: 'I agree to marketing messages' },
    thankYouZh: '谢谢，我们会尽快联系您',
    thankYouEn: 'Thank you, we will be in touch',
    allowedOrigins: ['https://www.example.com'],
    leadSource: 'web_form',
    ...extra,
  };
}

describe.each(testDialects)('web-to-lead forms on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { env: generous });
  });
  afterAll(async () => t?.close());

  const submit = async (slug: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/api/public/v1/forms/${slug}/submit`,
      payload: { ...(await captchaOf(t.app, t)), ...body },
      headers: { 'accept-language': 'en', ...headers },
    });

  it('builds, checks, changes and deletes forms; only webForms permissions may', async () => {
    const slug = unique('trial-');
    const created = await t.admin.post('/api/v1/web-forms', formInput(slug));
    expect(created.statusCode).toBe(201);
    const form = created.json();
    expect(form).toMatchObject({ slug, active: true, submissionCount: 0, allowedOrigins: ['https://www.example.com'] });
    expect(form.fields[2]).toMatchObject({ key: 'mobile', required: true, helpEn: 'To call you' });

    const taken = await t.admin.post('/api/v1/web-forms', formInput(slug));
    expect(taken.statusCode).toBe(400);
    expect(taken.json().error.fields.slug).toBe('已有其他表单使用此地址');
    const noName = await t.admin.post(
      '/api/v1/web-forms',
      formInput(unique('x-'), { fields: [{ key: 'email', labelZh: '邮箱', labelEn: 'Email' }] }),
    );
    expect(noName.json().error.fields).toHaveProperty('fields');
    const bad = await t.admin.post(
      '/api/v1/web-forms',
      formInput('A b', { allowedOrigins: ['https://a.example/path'], redirectUrl: 'javascript:alert(1)' }),
    );
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['allowedOrigins.0', 'redirectUrl', 'slug']);
    const twice = await t.admin.post(
      '/api/v1/web-forms',
      formInput(unique('y-'), {
        fields: [
          { key: 'name', labelZh: '姓名', labelEn: 'Name', required: true },
          { key: 'name', labelZh: '姓名', labelEn: 'Name' },
        ],
      }),
    );
    expect(twice.json().error.fields).toHaveProperty('fields.1.key');

    const patched = await t.admin.patch(`/api/v1/web-forms/${form.id}`, { titleEn: 'Try it', active: false });
    expect(patched.json()).toMatchObject({ titleEn: 'Try it', active: false, slug });
    expect((await t.app.inject({ method: 'GET', url: `/api/public/v1/forms/${slug}` })).statusCode).toBe(404);

    const rep = await createUserClient(t, 'sales_rep');
    expect((await rep.get('/api/v1/web-forms')).statusCode).toBe(403);
    const manager = await createUserClient(t, 'sales_manager');
    expect((await manager.get(`/api/v1/web-forms/${form.id}`)).statusCode).toBe(200);
    expect((await manager.delete(`/api/v1/web-forms/${form.id}`)).statusCode).toBe(204);
    expect((await t.admin.get(`/api/v1/web-forms/${form.id}`)).statusCode).toBe(404);
  });

  it('turns a submission into a lead, updates it on a second one, and keeps campaign, consent and UTM', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const campaign = (await t.admin.post('/api/v1/campaigns', { name: unique('展会'), type: 'seminar' })).json();
    const slug = unique('lead-');
    const form = (await t.admin.post('/api/v1/web-forms', formInput(slug, { campaignId: campaign.id }))).json();
    await t.admin.put('/api/v1/assignment-rules/default-owner', { ownerId: rep.userId });

    // Its hosted page may be framed by the allowed origins only.
    const page = await t.app.inject({ method: 'GET', url: `/f/${slug}?utm_source=x` });
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'self' https://www.example.com");
    expect(page.headers['x-frame-options']).toBeUndefined();
    const definition = (await t.app.inject({ method: 'GET', url: `/api/public/v1/forms/${slug}` })).json();
    expect(definition).not.toHaveProperty('allowedOrigins');
    expect(definition.fields.find((f: { key: string }) => f.key === 'industry').options.length).toBeGreaterThan(3);

    const noCaptcha = await t.app.inject({
      method: 'POST',
      url: `/api/public/v1/forms/${slug}/submit`,
      payload: { values: { name: '王先生', mobile: '13812345678' } },
    });
    expect(noCaptcha.statusCode).toBe(400);
    expect(noCaptcha.json().error.code).toBe('CAPTCHA_REQUIRED');

    const missing = await submit(slug, { values: { name: '王先生', email: 'not-an-email' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toMatchObject({ mobile: 'Required' });
    expect(missing.json().error.fields).toHaveProperty('email');
    const zh = await submit(slug, { values: { name: '王先生' } }, { 'accept-language': 'zh-CN' });
    expect(zh.json().error.fields.mobile).toBe('必填');

    const refused = await submit(
      slug,
      { values: { name: '王先生', mobile: '13812345678' } },
      { origin: 'https://evil.example' },
    );
    expect(refused.statusCode).toBe(403);
    const framedElsewhere = await submit(slug, {
      values: { name: '王先生', mobile: '13812345678' },
      embeddedOn: 'https://evil.example/page',
    });
    expect(framedElsewhere.statusCode).toBe(403);

    const first = await submit(
      slug,
      {
        values: {
          name: '王先生',
          company: '宏达机械',
          mobile: '138-1234-5678',
          province: '浙江省',
          industry: 'manufacturing',
        },
        consent: true,
        utmSource: 'baidu',
        utmMedium: 'cpc',
        utmCampaign: 'spring',
        utmTerm: '空压机',
        utmContent: 'banner',
        referrer: 'https://www.example.com/products',
        embeddedOn: 'https://www.example.com/products',
      },
      { origin: 'https://www.example.com' },
    );
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({
      thankYouZh: '谢谢，我们会尽快联系您',
      thankYouEn: 'Thank you, we will be in touch',
      redirectUrl: null,
    });

    const leads = (await t.admin.get('/api/v1/leads', { q: '宏达机械' })).json().items;
    expect(leads).toHaveLength(1);
    const lead = leads[0];
    expect(lead).toMatchObject({
      name: '王先生',
      mobile: '138-1234-5678',
      source: 'web_form',
      campaignId: campaign.id,
      ownerId: rep.userId,
      industry: 'manufacturing',
    });
    // The rep is told, and sees the lead.
    const bell = (await rep.get('/api/v1/notifications')).json().items;
    expect(bell[0]).toMatchObject({ kind: 'leadsAssigned', entityId: lead.id });
    expect((await rep.get(`/api/v1/leads/${lead.id}`)).statusCode).toBe(200);

    const members = (await t.admin.get(`/api/v1/campaigns/${campaign.id}/members`)).json().items;
    expect(members).toEqual([
      expect.objectContaining({ entity: 'leads', entityId: lead.id, status: 'responded', source: 'form' }),
    ]);
    const consents = await t.database.db
      .selectFrom('leadConsents')
      .select(['channel', 'state', 'source'])
      .where('leadId', '=', lead.id)
      .orderBy('channel')
      .execute();
    expect(consents).toEqual([
      { channel: 'email', state: 'granted', source: `web_form:${slug}` },
      { channel: 'sms', state: 'granted', source: `web_form:${slug}` },
    ]);

    // The same mobile again: the lead is completed (its email), not doubled, and not rewritten (its name).
    const second = await submit(slug, {
      values: { name: '王总', mobile: '+86 13812345678', email: 'wang@hongda.example' },
      utmSource: 'wechat',
    });
    expect(second.statusCode).toBe(201);
    const again = (await t.admin.get('/api/v1/leads', { q: '宏达机械' })).json();
    expect(again.total).toBe(1);
    expect(again.items[0]).toMatchObject({
      id: lead.id,
      name: '王先生',
      email: 'wang@hongda.example',
      company: '宏达机械',
    });

    const submissions = (await t.admin.get(`/api/v1/web-forms/${form.id}/submissions`)).json();
    expect(submissions.total).toBe(2);
    expect(submissions.items.map((s: { createdLead: boolean }) => s.createdLead)).toEqual([false, true]);
    expect(submissions.items[1]).toMatchObject({
      leadId: lead.id,
      leadName: '王先生',
      consent: true,
      utmSource: 'baidu',
      utmMedium: 'cpc',
      utmCampaign: 'spring',
      utmTerm: '空压机',
      utmContent: 'banner',
      referrer: 'https://www.example.com/products',
      ownerId: rep.userId,
      values: expect.objectContaining({ province: '浙江省' }),
    });
    expect(submissions.items[0]).toMatchObject({ utmSource: 'wechat', consent: false });
    expect((await t.admin.get(`/api/v1/web-forms/${form.id}`)).json().submissionCount).toBe(2);
    // A manager who may see forms but not these leads sees that they came, not who sent them.
    const elsewhere = await createUserClient(t, 'sales_manager', await createDepartment(t, unique('别处')));
    const theirs = (await elsewhere.get(`/api/v1/web-forms/${form.id}/submissions`)).json();
    expect(theirs.total).toBe(2);
    for (const item of theirs.items) expect(item).toMatchObject({ leadId: null, leadName: null, values: {} });

    // A lead already planned for the campaign moves to "responded" when it sends the form.
    const planned = (await t.admin.post('/api/v1/leads', { name: '计划中', mobile: '13600000001' })).json();
    await t.admin.post(`/api/v1/campaigns/${campaign.id}/members`, { entity: 'leads', ids: [planned.id] });
    const memberOf = async (leadId: number) =>
      (await t.admin.get(`/api/v1/campaigns/${campaign.id}/members`, { pageSize: 100 }))
        .json()
        .items.find((m: { entityId: number }) => m.entityId === leadId);
    expect((await memberOf(planned.id)).status).toBe('planned');
    expect((await submit(slug, { values: { name: '计划中', mobile: '13600000001' } })).statusCode).toBe(201);
    expect((await memberOf(planned.id)).status).toBe('responded');
    await t.admin.put('/api/v1/assignment-rules/default-owner', { ownerId: null });
  });

  it('hands the leads of more than a page of submissions out evenly by round robin across three users', async () => {
    const team = await createDepartment(t, unique('网销组'));
    const users = [];
    for (let i = 0; i < 3; i++) users.push(await createUserClient(t, 'sales_rep', team));
    const province = unique('省');
    const rule = await t.admin.post('/api/v1/assignment-rules', {
      name: '网销轮流',
      provinces: [province],
      userIds: users.map((u) => u.userId),
      method: 'round_robin',
    });
    expect(rule.statusCode).toBe(201);
    const slug = unique('rr-');
    await t.admin.post('/api/v1/web-forms', formInput(slug, { allowedOrigins: [] }));
    const count = 60;
    for (let i = 0; i < count; i++) {
      const response = await submit(slug, {
        values: { name: `访客${i}`, mobile: `139${String(10_000_000 + i).slice(-8)}`, province },
      });
      expect(response.statusCode).toBe(201);
    }
    const owners = await t.database.db
      .selectFrom('leads')
      .select(['ownerId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('province', '=', province)
      .groupBy('ownerId')
      .execute();
    expect(owners.map((o) => [o.ownerId, Number(o.n)]).sort()).toEqual(users.map((u) => [u.userId, count / 3]).sort());
    await t.admin.delete(`/api/v1/assignment-rules/${rule.json().id}`);
  }, 120_000);
});

describe.runIf(testDialects.includes('postgres'))('web-to-lead forms on two instances of PostgreSQL', () => {
  it('hands out turns exactly once under concurrent submits', async () => {
    const { a, b, close } = await createTwoInstances(generous);
    try {
      const team = await createDepartment(a, '并发组');
      const users = [];
      for (let i = 0; i < 3; i++) users.push(await createUserClient(a, 'sales_rep', team));
      await a.admin.post('/api/v1/assignment-rules', { name: '部门轮流', departmentId: team, method: 'round_robin' });
      await a.admin.post('/api/v1/web-forms', formInput('concurrent', { allowedOrigins: [] }));
      const count = 30;
      const captchas = [];
      for (let i = 0; i < count; i++) captchas.push(await captchaOf(a.app, a));
      const responses = await Promise.all(
        captchas.map((captcha, i) =>
          (i % 2 ? b.app : a.app).inject({
            method: 'POST',
            url: '/api/public/v1/forms/concurrent/submit',
            payload: { ...captcha, values: { name: `并发${i}`, mobile: `137${String(10_000_000 + i).slice(-8)}` } },
          }),
        ),
      );
      expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 201));
      const owners = await a.database.db
        .selectFrom('leads')
        .select(['ownerId', (eb) => eb.fn.countAll<number>().as('n')])
        .where('name', 'like', '并发%')
        .groupBy('ownerId')
        .execute();
      expect(owners.map((o) => [o.ownerId, Number(o.n)]).sort()).toEqual(
        users.map((u) => [u.userId, count / 3]).sort(),
      );
    } finally {
      await close();
    }
  }, 120_000);
});
