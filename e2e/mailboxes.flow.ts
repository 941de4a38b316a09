import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandlers, recurringJobs } from '../server/src/jobs.ts';
import type { AppContext } from '../server/src/platform/context.ts';
import { runDueJobs } from '../server/src/platform/jobs.ts';
import { createCustomer, createUserClient, userPassword } from '../server/test/factories.ts';
import { type DovecotServer, dovecotBinary, rawMessage, startDovecot } from '../server/test/imap.ts';
import { browserSuite, errorsOf, signInPage } from './harness.ts';

const account = { name: 'wang', password: 'wang-secret' };

describe.skipIf(!dovecotBinary)('mailboxes in the browser', () => {
  const suite = browserSuite();
  let imap: DovecotServer;
  beforeAll(async () => {
    imap = await startDovecot([account]);
  });
  afterAll(async () => imap?.stop());

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
});
