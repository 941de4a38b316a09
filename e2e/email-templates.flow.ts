import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, createUserClient, userPassword } from '../server/test/factories.ts';
import { startSmtpServer, type TestSmtpServer } from '../server/test/smtp.ts';
import { type DovecotServer, dovecotBinary, mailboxInput, startDovecot } from '../server/test/imap.ts';
import { browserSuite, chooseOption, errorsOf, signInPage } from './harness.ts';

const writer = { name: 'zhao', password: 'zhao-secret' };

describe.skipIf(!dovecotBinary)('email templates in the browser', () => {
  const suite = browserSuite();
  let imap: DovecotServer;
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    imap = await startDovecot([writer]);
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp?.close();
    await imap?.stop();
  });

  it('a manager writes a template with a merge field in both languages, previews it at phone width, and inserts it into an email to a contact', async () => {
    const t = suite.server;
    await t.admin.put('/api/v1/settings/mail', {
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      from: 'crm@relate.test',
    });
    const manager = await createUserClient(t, 'sales_manager', undefined, { locale: 'zh-CN' });
    const customer = await createCustomer(manager, { name: '模板测试客户' });
    const contact = await manager.post('/api/v1/contacts', {
      customerId: customer.id,
      name: 'Mary Smith',
      email: 'mary@pumpco.test',
      language: 'en',
    });
    expect(contact.statusCode, contact.body).toBe(201);
    expect((await manager.post('/api/v1/mailboxes', mailboxInput(imap, writer))).statusCode).toBe(201);

    const page = await signInPage(suite.browser, t.baseUrl, manager.username, userPassword);
    const errors = errorsOf(page);
    await page.goto(`${t.baseUrl}/email-templates`);
    await page.getByTestId('email-template-new').click();
    await page.getByTestId('email-template-name').fill('新品推荐');

    // The Chinese version: a subject with a default, a body with a merge field from the picker.
    await page.getByTestId('email-template-subject-zh-CN').fill('{{ contact.name | default: "客户" }}，新品上市');
    const zhEditor = page.getByRole('tabpanel').getByTestId('rich-text-editor').locator('[contenteditable]');
    await zhEditor.click();
    await page.keyboard.type('尊敬的 ');
    await chooseOption(page, page.getByTestId('merge-field-picker'), '联系人姓名', { showsChoice: false });
    await expect.poll(() => zhEditor.innerText()).toContain('尊敬的 {{ contact.name }}');
    await expect.poll(() => page.getByTestId('preview-subject').innerText()).toBe('张伟，新品上市');

    // The English version.
    await page.getByRole('tab', { name: '英语' }).click();
    await page.getByTestId('email-template-subject-en').fill('New for {{ contact.name | default: "you" }}');
    const enEditor = page
      .getByRole('tabpanel', { name: '英语' })
      .getByTestId('rich-text-editor')
      .locator('[contenteditable]');
    await enEditor.click();
    await page.keyboard.type('Dear ');
    await chooseOption(page, page.getByTestId('merge-field-picker'), 'contact.name', { showsChoice: false });
    await expect.poll(() => page.getByTestId('preview-subject').innerText()).toBe('New for Alex Chen');

    // The preview at a phone's width: the frame narrows and the layout fits it without scrolling sideways.
    const frame = page.getByTestId('preview-frame');
    await page.getByTestId('preview-width').getByText('手机').click();
    await expect.poll(async () => (await frame.boundingBox())?.width).toBeLessThanOrEqual(376);
    const inner = page.frameLocator('[data-testid="preview-frame"]');
    await expect.poll(() => inner.locator('p', { hasText: 'Dear Alex Chen' }).count()).toBe(1);
    const contentWidth = await inner.locator('table[role="presentation"] table').first().boundingBox();
    expect(contentWidth!.width).toBeLessThanOrEqual(375);

    await page.getByTestId('email-template-save').click();
    await page.waitForURL(/\/email-templates\/\d+$/);
    const templates = (await manager.get('/api/v1/email-templates', { q: '新品推荐' })).json().items;
    expect(templates).toHaveLength(1);
    expect(templates[0].languages).toEqual(['en', 'zh-CN']);

    // Compose from the contact: the template is rendered for them, in their language.
    await page.goto(`${t.baseUrl}/customers/${customer.id}`);
    await page.getByRole('button', { name: /邮件/ }).first().click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByTestId('compose-email').click();
    const dialog = page.getByRole('dialog').filter({ has: page.getByTestId('compose-subject') });
    await chooseOption(page, dialog.getByTestId('compose-template'), '新品推荐', { showsChoice: false });
    await expect.poll(() => dialog.getByTestId('compose-subject').inputValue()).toBe('New for Mary Smith');
    await expect.poll(() => dialog.getByTestId('compose-body').inputValue()).toContain('Dear Mary Smith');
    await dialog.getByTestId('compose-html').waitFor();
    const before = smtp.received.length;
    await dialog.getByTestId('compose-send').click();
    await expect.poll(() => smtp.received.length).toBe(before + 1);
    const raw = smtp.received.at(-1)!.raw;
    expect(raw).toMatch(/text\/html/i);
    expect(smtp.received.at(-1)!.to).toEqual(['mary@pumpco.test']);
    expect(errors).toEqual([]);
  }, 90_000);
});
