import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandlers, recurringJobs } from '../server/src/jobs.ts';
import type { AppContext } from '../server/src/platform/context.ts';
import { runDueJobs } from '../server/src/platform/jobs.ts';
import { createCustomer, createUserClient, userPassword } from '../server/test/factories.ts';
import { startSmtpServer, type TestSmtpServer } from '../server/test/smtp.ts';
import {
  type DovecotServer,
  dovecotBinary,
  type ImapUser,
  mailboxInput,
  rawMessage,
  startDovecot,
} from '../server/test/imap.ts';
import { adminPassword } from '../server/test/app.ts';
import { browserSuite, errorsOf, signInPage } from './harness.ts';

const account = { name: 'wang', password: 'wang-secret' };
const writer = { name: 'li', password: 'li-secret' };
const service = { name: 'service', password: 'service-secret' };

describe.skipIf(!dovecotBinary)('mailboxes in the browser', () => {
  const suite = browserSuite();
  let imap: DovecotServer;
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    imap = await startDovecot([account, writer, service]);
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp?.close();
    await imap?.stop();
  });
  const mailboxBody = (user: ImapUser, extra: Record<string, unknown> = {}) => mailboxInput(imap, user, extra);

  it('a rep connects their mailbox (a wrong password refused), syncs it, and opens the email on the customer’s timeline', async () => {
    const t = suite.server;
    const rep = await createUserClient(t, 'sales_rep', undefined, { locale: 'zh-CN' });
    const customer = await createCustomer(rep, { name: '邮件测试客户', email: 'buyer@acme.test' });
    const box = await imap.client(account);
    await box.append(
      'INBOX',
      rawMessage({
        from: '张采购 <buyer@acme.test>',
        to: 'wang@relate.test',
        subject: '水泵报价',
        date: new Date(),
        messageId: 'pump-quote@acme.test',
        text: '请报 200 台水泵的价格。',
        html: '<p>请报 <b>200 台</b>水泵的价格。</p><script>window.hacked = 1</script>',
        attachment: { name: '规格.txt', content: 'specs' },
      }),
    );
    await box.logout();

    const page = await signInPage(suite.browser, t.baseUrl, rep.username, userPassword);
    const errors = errorsOf(page);
    await page.goto(`${t.baseUrl}/mailboxes`);
    await page.getByRole('button', { name: '添加邮箱' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('邮箱地址').fill('wang@relate.test');
    await dialog.getByLabel('IMAP 服务器').fill('127.0.0.1');
    await dialog.getByLabel('端口').fill(String(imap.port));
    await dialog.getByLabel('TLS（SSL）').click();
    await dialog.getByLabel('用户名').fill(account.name);
    await dialog.getByLabel('密码').fill('wrong');
    await dialog.getByRole('button', { name: '测试并保存' }).click();
    await expect.poll(() => dialog.getByText('邮件服务器拒绝了该用户名或密码。').count()).toBeGreaterThan(0);
    await dialog.getByLabel('密码').fill(account.password);
    await dialog.getByRole('button', { name: '测试并保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: /wang@relate\.test/ }).waitFor();

    // "Sync now" queues the job; the server's job runner runs it (here run at once).
    await page.getByRole('button', { name: /立即同步/ }).click();
    await page.getByText('稍后即读取该邮箱。').waitFor();
    const ctx = { db: t.database.db, dialect: t.database.dialect, config: t.config } as AppContext;
    await runDueJobs(ctx, jobHandlers, recurringJobs, 'e2e-worker');
    await page.reload();
    await page.getByTestId('mailbox-synced').waitFor();
    await expect.poll(() => page.getByRole('cell', { name: '1', exact: true }).count()).toBe(1);

    await page.goto(`${t.baseUrl}/customers/${customer.id}`);
    await page.getByRole('tab', { name: /时间线|动态/ }).click();
    const entry = page.getByTestId('timeline-email');
    await entry.getByText('水泵报价').click();
    const drawer = page.getByTestId('email-drawer');
    await drawer.getByText('张采购 <buyer@acme.test>').waitFor();
    await expect.poll(() => drawer.getByTestId('email-body').innerHTML()).toContain('<b>200 台</b>');
    expect(await drawer.getByTestId('email-body').innerHTML()).not.toContain('script');
    await drawer.getByRole('button', { name: /规格\.txt/ }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();
    // The refused password is the one error the page was meant to meet.
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  }, 60_000);

  it('a rep writes an email from a customer page: sent, in the Sent folder, and on the timeline', async () => {
    const t = suite.server;
    expect(
      (
        await t.admin.put('/api/v1/settings/mail', {
          host: '127.0.0.1',
          port: smtp.port,
          secure: false,
          from: 'crm@relate.test',
        })
      ).statusCode,
    ).toBe(200);
    const rep = await createUserClient(t, 'sales_rep', undefined, { locale: 'zh-CN' });
    const customer = await createCustomer(rep, { name: '写信测试客户', email: 'orders@pumpco.test' });
    expect((await rep.post('/api/v1/mailboxes', mailboxBody(writer))).statusCode).toBe(201);

    const page = await signInPage(suite.browser, t.baseUrl, rep.username, userPassword);
    const errors = errorsOf(page);
    await page.goto(`${t.baseUrl}/customers/${customer.id}`);
    await page.getByRole('tab', { name: /时间线|动态/ }).click();
    await page.getByTestId('compose-email').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('orders@pumpco.test').waitFor();
    await dialog.getByTestId('compose-subject').fill('二季度供货计划');
    await dialog.getByTestId('compose-body').fill('您好，附上二季度的供货计划。');
    const before = smtp.received.length;
    await dialog.getByRole('button', { name: /发 ?送/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => smtp.received.length).toBe(before + 1);
    expect(smtp.received.at(-1)).toMatchObject({ from: 'li@relate.test', to: ['orders@pumpco.test'] });
    await page.getByTestId('timeline-email').getByText('二季度供货计划').waitFor();
    const sent = await imap.client(writer);
    const opened = await sent.mailboxOpen('Sent', { readOnly: true });
    expect(opened.exists).toBe(1);
    await sent.logout();
    expect(errors).toEqual([]);
  }, 60_000);

  it('an administrator makes a shared mailbox the service mailbox, and an email to it becomes a ticket', async () => {
    const t = suite.server;
    const box = await t.admin.post('/api/v1/mailboxes', mailboxBody(service, { kind: 'shared' }));
    expect(box.statusCode).toBe(201);
    const inbox = await imap.client(service);
    await inbox.append(
      'INBOX',
      rawMessage({
        from: '赵工 <zhao@plant.test>',
        to: 'service@relate.test',
        subject: '3号水泵漏水',
        date: new Date(),
        messageId: 'leak@plant.test',
        text: '今天早上开始漏水，请派人来看看。',
      }),
    );
    await inbox.logout();

    const page = await signInPage(suite.browser, t.baseUrl, 'admin', adminPassword);
    const errors = errorsOf(page);
    await page.goto(`${t.baseUrl}/mailboxes`);
    const row = page.getByRole('row', { name: /service@relate\.test/ });
    await row.getByTestId('mailbox-edit').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('mailbox-service').click();
    await dialog.getByRole('button', { name: '测试并保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('客服').waitFor();
    // Saving queued a sync; the job runner runs it (here at once).
    const ctx = { db: t.database.db, dialect: t.database.dialect, config: t.config } as AppContext;
    await runDueJobs(ctx, jobHandlers, recurringJobs, 'e2e-worker');
    // Every open ticket (the list opens on the caller's own queue; this one went to an agent).
    await page.goto(`${t.baseUrl}/tickets?status=open`);
    await page.getByText('3号水泵漏水').click();
    await page.getByText('今天早上开始漏水，请派人来看看。').waitFor();
    await page.getByText('zhao@plant.test').first().waitFor();
    expect(errors).toEqual([]);
  }, 60_000);
});
