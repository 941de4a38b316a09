import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createUserClient } from '../../../test/factories.ts';

describe.each(testDialects)('knowledge base on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('keeps articles sanitised and versioned, drafts until a reviewer publishes them', async () => {
    const writer = await createUserClient(t, 'service_agent');
    const reader = await createUserClient(t, 'sales_rep');
    const created = await writer.post('/api/v1/kb/articles', {
      title: '打印机卡纸怎么办',
      body: '<h2>处理步骤</h2><p onclick="steal()">先关闭电源<script>fetch("//evil")</script></p><img src="x" onerror="alert(1)"><a href="javascript:alert(1)">点我</a>',
      category: 'troubleshooting',
      tags: ['打印机', '卡纸'],
      visibility: 'portal',
    });
    expect(created.statusCode).toBe(201);
    const article = created.json();
    expect(article).toMatchObject({
      status: 'draft',
      version: 1,
      authorName: writer.username,
      tags: ['打印机', '卡纸'],
    });
    expect(article.body).not.toMatch(/script|onclick|onerror|javascript:/i);
    expect(article.body).toContain('<h2>处理步骤</h2>');
    expect(article.excerpt).toBe('处理步骤 先关闭电源 点我');

    // Readers see published articles only; writers cannot publish their own.
    expect((await reader.get(`/api/v1/kb/articles/${article.id}`)).statusCode).toBe(404);
    expect((await reader.get('/api/v1/kb/articles')).json().items.map((a: { id: number }) => a.id)).not.toContain(
      article.id,
    );
    expect((await writer.post(`/api/v1/kb/articles/${article.id}/publish`)).statusCode).toBe(403);
    expect((await reader.post('/api/v1/kb/articles', { title: 'x', body: 'y' })).statusCode).toBe(403);
    const published = (await t.admin.post(`/api/v1/kb/articles/${article.id}/publish`)).json();
    expect(published).toMatchObject({
      status: 'published',
      reviewedByName: expect.any(String),
      reviewedAt: expect.any(String),
    });
    expect(
      (await reader.get('/api/v1/kb/articles', { q: '卡纸' })).json().items.map((a: { id: number }) => a.id),
    ).toContain(article.id);

    // An edit by the writer is a new version and goes back to review.
    const edited = (
      await writer.put(`/api/v1/kb/articles/${article.id}`, {
        title: '打印机卡纸的处理',
        body: '<p>关闭电源，取出纸张</p>',
        category: 'troubleshooting',
        tags: ['打印机'],
        visibility: 'portal',
      })
    ).json();
    expect(edited).toMatchObject({ version: 2, status: 'draft', reviewedAt: null });
    const versions = (await writer.get(`/api/v1/kb/articles/${article.id}/versions`)).json();
    expect(versions.map((v: { version: number; title: string }) => [v.version, v.title])).toEqual([
      [2, '打印机卡纸的处理'],
      [1, '打印机卡纸怎么办'],
    ]);
    expect((await writer.put(`/api/v1/kb/articles/${article.id}`, { title: '', body: '' })).statusCode).toBe(400);
    expect(
      (await writer.post('/api/v1/kb/articles', { title: 'x', body: 'y', category: 'nonsense' })).json().error.fields,
    ).toHaveProperty('category');
  });

  it('counts one helpful vote per reader and suggests articles while a subject is typed', async () => {
    const reader = await createUserClient(t, 'sales_rep');
    const make = async (title: string, body: string) => {
      const a = (await t.admin.post('/api/v1/kb/articles', { title, body, category: 'faq' })).json();
      await t.admin.post(`/api/v1/kb/articles/${a.id}/publish`);
      return a;
    };
    const pump = await make('水泵异响的排查', '<p>检查轴承与叶轮，必要时更换密封圈。</p>');
    const boiler = await make('锅炉点火失败', '<p>检查燃气压力和点火电极。</p>');
    await make('Resetting the HP-1020 printer', '<p>Hold the power button for five seconds.</p>');
    const draft = (await t.admin.post('/api/v1/kb/articles', { title: '水泵草稿', body: '<p>水泵</p>' })).json();

    const suggestions = (await reader.get('/api/v1/kb/suggest', { q: '2号水泵运行异响' })).json();
    expect(suggestions[0].id).toBe(pump.id);
    expect(suggestions.map((a: { id: number }) => a.id)).not.toContain(draft.id);
    expect((await reader.get('/api/v1/kb/suggest', { q: 'hp-1020 will not start' })).json()[0].title).toBe(
      'Resetting the HP-1020 printer',
    );
    expect((await reader.get('/api/v1/kb/suggest', { q: '' })).statusCode).toBe(400);

    expect((await reader.post(`/api/v1/kb/articles/${boiler.id}/vote`, { helpful: true })).json()).toMatchObject({
      helpful: 1,
      notHelpful: 0,
      myVote: true,
    });
    expect((await reader.post(`/api/v1/kb/articles/${boiler.id}/vote`, { helpful: false })).json()).toMatchObject({
      helpful: 0,
      notHelpful: 1,
      myVote: false,
    });
    expect((await t.admin.post(`/api/v1/kb/articles/${boiler.id}/vote`, { helpful: true })).json()).toMatchObject({
      helpful: 1,
      notHelpful: 1,
    });
    expect((await t.admin.post(`/api/v1/kb/articles/${draft.id}/vote`, { helpful: true })).statusCode).toBe(409);
  });

  it('links published articles to tickets', async () => {
    const agent = await createUserClient(t, 'service_agent');
    const customer = await createCustomer(t.admin);
    const ticket = (
      await agent.post('/api/v1/tickets', {
        type: 'repair',
        customerId: customer.id,
        subject: '水泵漏水',
        assigneeId: agent.userId,
      })
    ).json();
    const article = (
      await t.admin.post('/api/v1/kb/articles', { title: '水泵密封圈更换', body: '<p>步骤</p>' })
    ).json();
    expect((await agent.post(`/api/v1/tickets/${ticket.id}/articles`, { articleId: article.id })).statusCode).toBe(400);
    await t.admin.post(`/api/v1/kb/articles/${article.id}/publish`);
    const linked = await agent.post(`/api/v1/tickets/${ticket.id}/articles`, { articleId: article.id });
    expect(linked.statusCode).toBe(201);
    expect(linked.json().map((a: { id: number }) => a.id)).toEqual([article.id]);
    await agent.post(`/api/v1/tickets/${ticket.id}/articles`, { articleId: article.id });
    expect((await agent.get(`/api/v1/tickets/${ticket.id}/articles`)).json()).toHaveLength(1);
    expect(
      (await (await createUserClient(t, 'sales_rep')).get(`/api/v1/tickets/${ticket.id}/articles`)).statusCode,
    ).toBe(404);
    expect((await agent.delete(`/api/v1/tickets/${ticket.id}/articles/${article.id}`)).statusCode).toBe(204);
    expect((await agent.get(`/api/v1/tickets/${ticket.id}/articles`)).json()).toHaveLength(0);
  });
});
