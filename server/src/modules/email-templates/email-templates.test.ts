import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createUserClient } from '../../../test/factories.ts';
import { holderOfToken, unsubscribeToken } from './unsubscribe.ts';

const bilingual = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  category: 'marketing',
  scope: 'shared',
  defaultLanguage: 'zh-CN',
  versions: [
    {
      language: 'zh-CN',
      subject: '{{ contact.name | default: "客户" }}，新品上市',
      body: '<p>尊敬的 {{ contact.name | default: &quot;客户&quot; }}：</p><p>{{ customer.name }} 您好，{{ no.such.field }}我是{{ owner.name }}。</p>',
    },
    {
      language: 'en',
      subject: 'New for {{ contact.name | default: "you" }}',
      body: '<p>Dear {{ contact.name | default: "customer" }},</p><p>Regards, {{ sender.name }} of {{ company.name }}</p>',
    },
  ],
  ...extra,
});

describe.each(testDialects)('email templates on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('keeps shared and personal templates apart, lists them by page and search, duplicates and deletes them', async () => {
    const manager = await createUserClient(t, 'sales_manager');
    const rep = await createUserClient(t, 'sales_rep');
    const other = await createUserClient(t, 'sales_rep');

    const shared = await manager.post('/api/v1/email-templates', bilingual('春季新品推荐'));
    expect(shared.statusCode).toBe(201);
    expect(shared.json()).toMatchObject({
      scope: 'shared',
      languages: ['en', 'zh-CN'],
      ownerId: manager.userId,
      editable: true,
    });
    // A rep writes personal templates but may not share one.
    expect((await rep.post('/api/v1/email-templates', bilingual('rep shared'))).json().error.fields).toHaveProperty(
      'scope',
    );
    const personal = (
      await rep.post('/api/v1/email-templates', bilingual('我的跟进模板', { scope: 'personal' }))
    ).json();
    expect(personal.scope).toBe('personal');

    // The shared one is seen by all and changed by managers only; the personal one by its owner only.
    expect((await other.get(`/api/v1/email-templates/${shared.json().id}`)).json().editable).toBe(false);
    expect((await other.patch(`/api/v1/email-templates/${shared.json().id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await other.get(`/api/v1/email-templates/${personal.id}`)).statusCode).toBe(404);
    expect((await manager.get(`/api/v1/email-templates/${personal.id}`)).statusCode).toBe(404);
    const renamed = await rep.patch(`/api/v1/email-templates/${personal.id}`, {
      name: '我的跟进模板 v2',
      category: 'service',
    });
    expect(renamed.json()).toMatchObject({ name: '我的跟进模板 v2', category: 'service' });
    const otherIds = (await other.get('/api/v1/email-templates', { pageSize: 200 }))
      .json()
      .items.map((i: { id: number }) => i.id);
    expect(otherIds).toContain(shared.json().id);
    expect(otherIds).not.toContain(personal.id);

    const found = (await rep.get('/api/v1/email-templates', { q: '跟进', pageSize: 1 })).json();
    expect(found).toMatchObject({ total: 1, page: 1, pageSize: 1 });
    expect(found.items[0].id).toBe(personal.id);
    expect(
      (await rep.get('/api/v1/email-templates', { category: 'service' })).json().items.map((i: { id: number }) => i.id),
    ).toEqual([personal.id]);

    const copy = await other.post(`/api/v1/email-templates/${shared.json().id}/duplicate`, {});
    expect(copy.statusCode).toBe(201);
    expect(copy.json()).toMatchObject({
      name: '春季新品推荐 (copy)',
      scope: 'personal',
      ownerId: other.userId,
      editable: true,
    });
    expect(copy.json().versions).toEqual(shared.json().versions);

    expect((await other.delete(`/api/v1/email-templates/${shared.json().id}`)).statusCode).toBe(403);
    expect((await other.delete(`/api/v1/email-templates/${copy.json().id}`)).statusCode).toBe(204);
    expect((await other.get(`/api/v1/email-templates/${copy.json().id}`)).statusCode).toBe(404);
    const audit = (await t.admin.get('/api/v1/audit-logs', { entity: 'emailTemplates', pageSize: 200 })).json();
    const actions = audit.items
      .filter((e: { entityId: number }) => e.entityId === copy.json().id)
      .map((e: { action: string }) => e.action);
    expect(actions.sort()).toEqual(['create', 'delete']);

    // Without emailTemplates.view (a finance user) the templates are not there at all.
    const finance = await createUserClient(t, 'finance');
    expect((await finance.get('/api/v1/email-templates')).statusCode).toBe(403);
  });

  it('renders for a contact in their language, with defaults and empty unknown fields, and for sample data', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const template = (await rep.post('/api/v1/email-templates', bilingual('bilingual', { scope: 'personal' }))).json();
    const customer = await createCustomer(rep, { name: '深圳龙腾科技' });
    const zhContact = (
      await rep.post('/api/v1/contacts', { customerId: customer.id, name: '王芳', email: 'wf@example.com' })
    ).json();
    const enContact = (
      await rep.post('/api/v1/contacts', { customerId: customer.id, name: 'Mary Smith', language: 'en' })
    ).json();
    expect(enContact.language).toBe('en');
    const noName = (await rep.post('/api/v1/contacts', { customerId: customer.id, name: ' x ' })).json();

    const zh = (await rep.post(`/api/v1/email-templates/${template.id}/render`, { contactId: zhContact.id })).json();
    expect(zh.language).toBe('zh-CN');
    expect(zh.subject).toBe('王芳，新品上市');
    expect(zh.html).toContain('尊敬的 王芳：');
    expect(zh.html).toContain(`深圳龙腾科技 您好，我是${rep.username}。`);
    expect(zh.html).toContain('max-width:600px');
    expect(zh.html).toContain('name="viewport"');
    expect(zh.text).toContain('尊敬的 王芳：');
    expect(zh.text).not.toContain('<');
    // A marketing mail offers a signed way out.
    const link = /\/unsubscribe\/([\w.-]+)/.exec(zh.text)?.[1];
    expect(link && holderOfToken(t.config.sessionSecret, link)).toEqual({ entity: 'contacts', id: zhContact.id });

    const en = (await rep.post(`/api/v1/email-templates/${template.id}/render`, { contactId: enContact.id })).json();
    expect(en).toMatchObject({ language: 'en', subject: 'New for Mary Smith' });
    expect(en.html).toContain('Dear Mary Smith,');
    expect(en.html).toContain(`Regards, ${rep.username} of`);

    // Only a Chinese version: the English contact gets the default language's.
    const zhOnly = (
      await rep.post('/api/v1/email-templates', {
        ...bilingual('zh only', { scope: 'personal' }),
        versions: [bilingual('').versions[0]],
      })
    ).json();
    expect(
      (await rep.post(`/api/v1/email-templates/${zhOnly.id}/render`, { contactId: enContact.id })).json().language,
    ).toBe('zh-CN');

    // Defaults fill what is missing; sample data when no record is named; a forced language.
    await rep.patch(`/api/v1/contacts/${noName.id}`, { name: 'y' });
    const sample = (
      await rep.post(`/api/v1/email-templates/${template.id}/render`, { language: 'en', sample: true })
    ).json();
    expect(sample.subject).toBe('New for Alex Chen');
    // What is sent never carries sample data: a marketing template needs its recipient, for its unsubscribe link.
    const refused = await rep.post(`/api/v1/email-templates/${template.id}/render`, { language: 'en' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields.contactId).toBeTruthy();
    // A customer is a recipient of its own: the link is signed for it.
    const toCustomer = (
      await rep.post(`/api/v1/email-templates/${template.id}/render`, { customerId: customer.id })
    ).json();
    const customerLink = /\/unsubscribe\/([\w.-]+)/.exec(toCustomer.text)?.[1];
    expect(customerLink && holderOfToken(t.config.sessionSecret, customerLink)).toEqual({
      entity: 'customers',
      id: customer.id,
    });
    const service = (
      await rep.post('/api/v1/email-templates', bilingual('service', { scope: 'personal', category: 'service' }))
    ).json();
    const forCustomer = (
      await rep.post(`/api/v1/email-templates/${service.id}/render`, { customerId: customer.id })
    ).json();
    expect(forCustomer.subject).toBe('客户，新品上市');
    expect(forCustomer.html).toContain('深圳龙腾科技 您好');
    const blankDraft = (
      await rep.post(`/api/v1/email-templates/${service.id}/render`, {
        customerId: customer.id,
        draft: {
          subject: 'Hi {{ contact.name | default: "客户" }}',
          body: '<p>{{ contact.name | default: "客户" }}</p>',
        },
      })
    ).json();
    expect(blankDraft.subject).toBe('Hi 客户');
    expect(blankDraft.html).toContain('<p style="margin:0 0 16px">客户</p>');

    // A contact the caller cannot see is not found.
    const stranger = await createUserClient(t, 'sales_rep', undefined);
    const strangerTemplate = (
      await stranger.post('/api/v1/email-templates', bilingual('s', { scope: 'personal' }))
    ).json();
    const hiddenCustomer = await createCustomer(t.admin);
    const hiddenContact = (
      await t.admin.post('/api/v1/contacts', { customerId: hiddenCustomer.id, name: '赵六' })
    ).json();
    expect(
      (await stranger.post(`/api/v1/email-templates/${strangerTemplate.id}/render`, { contactId: hiddenContact.id }))
        .statusCode,
    ).toBe(404);
  });

  it('runs templates in a sandbox: no files, no endless loops, syntax errors named by line', async () => {
    const manager = await createUserClient(t, 'sales_manager');
    const withBody = (body: string) => ({
      ...bilingual('sandbox', { scope: 'personal' }),
      versions: [{ language: 'zh-CN', subject: 's', body }],
    });
    for (const body of [
      '<p>{% include "/etc/passwd" %}</p>',
      '<p>x</p>\n<p>{% render "../../package.json" %}</p>',
      '{% layout "x" %}',
    ]) {
      const refused = await manager.post('/api/v1/email-templates', withBody(body));
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.fields['versions.0.body']).toMatch(/cannot include/);
    }
    const broken = await manager.post('/api/v1/email-templates', withBody('<p>one</p>\n<p>two</p>\n<p>{% if %}</p>'));
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.fields['versions.0.body']).toMatch(/line 3/);
    const badSubject = await manager.post('/api/v1/email-templates', {
      ...withBody('<p>ok</p>'),
      versions: [{ language: 'zh-CN', subject: '{{ contact.name | nosuchfilter }}', body: '<p>ok</p>' }],
    });
    expect(badSubject.json().error.fields['versions.0.subject']).toMatch(/line 1.*nosuchfilter/);
    const unclosed = await manager.post('/api/v1/email-templates', withBody('<p>{% for x in y %}</p>'));
    expect(unclosed.statusCode).toBe(400);

    const loop = (
      await manager.post('/api/v1/email-templates', withBody('<p>{% for i in (1..100000000) %}{{ i }}{% endfor %}</p>'))
    ).json();
    const started = Date.now();
    const stopped = await manager.post(`/api/v1/email-templates/${loop.id}/render`, { sample: true });
    expect(stopped.statusCode).toBe(400);
    expect(stopped.json().error.fields.body).toMatch(/too long|too much memory/);
    const nested = await manager.post(`/api/v1/email-templates/${loop.id}/render`, {
      sample: true,
      draft: { subject: 's', body: '{% for i in (1..100000) %}{% for j in (1..100000) %}x{% endfor %}{% endfor %}' },
    });
    expect(nested.statusCode).toBe(400);
    expect(Date.now() - started).toBeLessThan(5_000);

    // Scripts never survive in a stored body.
    const cleaned = (
      await manager.post('/api/v1/email-templates', withBody('<p onclick="x()">hi<script>alert(1)</script></p>'))
    ).json();
    expect(cleaned.versions[0].body).toBe('<p>hi</p>');
    // The default language must have a version.
    expect(
      (await manager.post('/api/v1/email-templates', { ...withBody('<p>x</p>'), defaultLanguage: 'en' })).json().error
        .fields,
    ).toHaveProperty('defaultLanguage');
  });

  it('previews unsaved content, and unsubscribes by a signed link onto the suppression list', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const preview = await rep.post('/api/v1/email-templates/preview', {
      category: 'transactional',
      language: 'en',
      subject: 'Hi {{ contact.name }}',
      body: '<p>{{ customer.name }}</p>',
    });
    expect(preview.json()).toMatchObject({ language: 'en', subject: 'Hi Alex Chen' });
    expect(preview.json().html).not.toContain('/unsubscribe/');
    expect(
      (await rep.post('/api/v1/email-templates/preview', { language: 'en', subject: '{% if %}', body: '' })).json()
        .error.fields,
    ).toHaveProperty('subject');

    const customer = await createCustomer(rep);
    const contact = (
      await rep.post('/api/v1/contacts', { customerId: customer.id, name: '退订者', email: 'Leave.Me@Example.com' })
    ).json();
    const template = (await rep.post('/api/v1/email-templates', bilingual('退订测试', { scope: 'personal' }))).json();
    const rendered = (
      await rep.post(`/api/v1/email-templates/${template.id}/render`, { contactId: contact.id })
    ).json();
    const token = /\/unsubscribe\/([\w.-]+)/.exec(rendered.html)![1]!;
    const visitor = (method: 'GET' | 'POST', path: string) =>
      t.app.inject({ method, url: path, ...(method === 'POST' ? { payload: {} } : {}) });
    expect((await visitor('GET', `/api/public/v1/unsubscribe/${token}`)).json()).toMatchObject({
      address: 'le***@example.com',
    });
    expect(
      (await visitor('GET', `/api/public/v1/unsubscribe/${token.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a'))}`))
        .statusCode,
    ).toBe(404);
    expect((await visitor('GET', '/api/public/v1/unsubscribe/preview')).statusCode).toBe(404);
    expect((await visitor('POST', `/api/public/v1/unsubscribe/${token}`)).statusCode).toBe(204);
    const suppressed = (await t.admin.get('/api/v1/suppressions', { channel: 'email' })).json();
    expect(JSON.stringify(suppressed)).toContain('leave.me@example.com');
  });

  it('signs unsubscribe tokens for each kind of recipient', () => {
    const secret = 'a'.repeat(40);
    const token = unsubscribeToken(secret, { entity: 'contacts', id: 42 });
    expect(holderOfToken(secret, token)).toEqual({ entity: 'contacts', id: 42 });
    expect(holderOfToken(secret, token.replace(/^42/, '43'))).toBeNull();
    expect(holderOfToken('b'.repeat(40), token)).toBeNull();
    const lead = unsubscribeToken(secret, { entity: 'leads', id: 42 });
    expect(lead).toMatch(/^lead-42\./);
    expect(holderOfToken(secret, lead)).toEqual({ entity: 'leads', id: 42 });
    expect(holderOfToken(secret, unsubscribeToken(secret, { entity: 'customers', id: 7 }))).toEqual({
      entity: 'customers',
      id: 7,
    });
    // A contact's signature does not name the lead or the customer with the same id.
    expect(holderOfToken(secret, `lead-${token}`)).toBeNull();
    expect(holderOfToken(secret, `customer-${token}`)).toBeNull();
  });
});
