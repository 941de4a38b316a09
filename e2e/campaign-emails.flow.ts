import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandlers } from '../server/src/jobs.ts';
import type { AppContext } from '../server/src/platform/context.ts';
import { runDueJobs } from '../server/src/platform/jobs.ts';
import { adminPassword } from '../server/test/app.ts';
import { createCustomer } from '../server/test/factories.ts';
import { startSmtpServer, type TestSmtpServer } from '../server/test/smtp.ts';
import { browserSuite, chooseOption, errorsOf, signInPage } from './harness.ts';

const tall = { width: 1440, height: 1200 };
/** A person's browser: a headless one names itself, and would be taken for a bot. */
const readerAgent =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';

describe('campaign email in the browser', () => {
  const suite = browserSuite();
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp?.close();
  });

  it('a campaign emails a small segment; the reader follows its tracked link and unsubscribes by one click; the campaign page counts it', async () => {
    const t = suite.server;
    const api = t.admin;
    await api.put('/api/v1/settings/mail', {
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      from: 'news@relate.test',
    });
    const customer = await createCustomer(api, { name: '宁波远航贸易有限公司' });
    const contactIds: number[] = [];
    for (const [name, email, consent] of [
      ['周婷', 'zhou@yuanhang.test', true],
      ['吴磊', 'wu@yuanhang.test', false],
    ] as const) {
      const contact = (await api.post('/api/v1/contacts', { customerId: customer.id, name, email })).json();
      if (consent)
        await api.put(`/api/v1/contacts/${contact.id}/consents`, {
          channel: 'email',
          state: 'granted',
          source: '展会',
        });
      contactIds.push(contact.id);
    }
    const segment = (
      await api.post('/api/v1/segments', { name: '远航联系人', entity: 'contacts', kind: 'static' })
    ).json();
    await api.post(`/api/v1/segments/${segment.id}/members`, { ids: contactIds });
    const created = await api.post('/api/v1/email-templates', {
      name: '秋季新品邮件',
      category: 'marketing',
      scope: 'shared',
      defaultLanguage: 'zh-CN',
      versions: [
        {
          language: 'zh-CN',
          subject: '{{ contact.name }}，秋季新品',
          body: `<p>{{ contact.name }} 您好：</p><p><a href="${t.baseUrl}/login?from=mail">查看新品</a></p>`,
        },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);

    const page = await signInPage(suite.browser, t.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
    const errors = errorsOf(page);
    await page.getByRole('menuitem', { name: '市场活动' }).click();
    await page.waitForURL('**/campaigns');
    await page.getByTestId('campaign-new').click();
    await page.getByTestId('campaign-name').fill('秋季邮件推广');
    await chooseOption(page, page.getByRole('combobox', { name: '类型' }), '邮件营销');
    await page.getByTestId('campaign-save').click();
    await page.waitForURL(/\/campaigns\/\d+$/);
    const campaignId = Number(page.url().split('/').pop());
    // A lead who agreed at a fair, and a company without an address of its own, are members too.
    const lead = (
      await api.post('/api/v1/leads', { name: '郑凯', company: '远航物流', email: 'zheng@haiyun.test' })
    ).json();
    await api.put(`/api/v1/leads/${lead.id}/consents`, { channel: 'email', state: 'granted', source: '展会' });
    const bare = await createCustomer(api, { name: '无邮箱贸易公司' });
    await api.post(`/api/v1/campaigns/${campaignId}/members`, { entity: 'leads', ids: [lead.id] });
    await api.post(`/api/v1/campaigns/${campaignId}/members`, { entity: 'customers', ids: [bare.id] });

    // Send email: template and segment, the count of who receives it and who is skipped, then confirm.
    await page.getByRole('tab', { name: '邮件', exact: true }).click();
    await page.getByTestId('campaign-email-send').click();
    const dialog = page.getByRole('dialog');
    await chooseOption(page, dialog.getByRole('combobox', { name: '营销模板' }), '秋季新品邮件');
    await chooseOption(page, dialog.getByRole('combobox', { name: '先加入客户分群' }), '远航联系人');
    await dialog.getByTestId('campaign-email-check').click();
    await expect.poll(() => dialog.getByTestId('campaign-email-audience').innerText()).toContain('将有 2 位成员收到');
    expect(await dialog.getByTestId('campaign-email-skip-noConsent').innerText()).toContain('1');
    // Who is skipped, for each kind of member.
    expect(await dialog.getByTestId('campaign-email-kind-leads').innerText()).toContain('线索：1 人接收');
    expect(await dialog.getByTestId('campaign-email-kind-customers').innerText()).toContain('本身无邮箱地址: 1');
    await dialog.getByTestId('campaign-email-confirm').click();
    await dialog.waitFor({ state: 'hidden' });

    // The job runner sends it (here at once); the sink holds two messages, to the contact and the lead who agreed.
    const ctx = { db: t.database.db, dialect: t.database.dialect, config: t.config } as AppContext;
    await runDueJobs(ctx, jobHandlers, [], 'e2e-worker');
    await expect
      .poll(() => smtp.received.map((m) => m.to.join()).sort())
      .toEqual(['zheng@haiyun.test', 'zhou@yuanhang.test']);
    const raw = smtp.received.find((m) => m.to.includes('zhou@yuanhang.test'))!.raw;
    const html = raw.slice(raw.indexOf('text/html')).replace(/=\r\n/g, '').replace(/=3D/g, '=');
    const tracked = /href="([^"]+\/api\/public\/v1\/t\/c\/[^"]+)"/.exec(html)![1]!;
    const unsubscribe = /^List-Unsubscribe:\s*<([^>]+)>/m.exec(raw.replace(/\r\n[ \t]+/g, ' '))![1]!;

    // The reader opens the tracked link in their browser and lands on the link the message held.
    const reader = await suite.browser.newContext({ userAgent: readerAgent });
    const readerPage = await reader.newPage();
    await readerPage.goto(tracked);
    await readerPage.waitForURL('**/login?from=mail');
    await reader.close();

    // Their mail program unsubscribes by one click (RFC 8058).
    const oneClick = await fetch(unsubscribe, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(204);

    await page.reload();
    await page.getByRole('tab', { name: '邮件', exact: true }).click();
    await expect.poll(() => page.getByTestId('campaign-email-clicks').innerText()).toContain('1');
    expect(await page.getByTestId('campaign-email-uniqueOpens').innerText()).toContain('1');
    expect(await page.getByTestId('campaign-email-status').innerText()).toContain('已完成');
    expect(await page.getByTestId('campaign-email-sent').innerText()).toContain('2');
    expect(await page.getByTestId('campaign-email-kind-customers').innerText()).toContain('本身无邮箱地址: 1');
    await page.getByRole('tab', { name: /活动成员/ }).click();
    await expect.poll(() => page.getByTestId('campaign-members').innerText()).toContain('已退订');
    const members = (await api.get(`/api/v1/campaigns/${campaignId}/members`)).json().items;
    expect(members.map((m: { status: string }) => m.status).sort()).toEqual([
      'planned',
      'planned',
      'sent',
      'unsubscribed',
    ]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
