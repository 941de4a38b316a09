import { describe, expect, it } from 'vitest';
import { adminPassword } from '../server/test/app.ts';
import { createUserClient, userPassword } from '../server/test/factories.ts';
import { browserSuite, errorsOf, openContext, signInPage } from './harness.ts';

const tall = { width: 1440, height: 1200 };

describe('web-to-lead forms in the browser', () => {
  const suite = browserSuite();

  it('an admin builds a form with a required mobile and consent; a visitor on a phone is told what is missing, then sends it; the rep the rules chose sees the lead', async () => {
    const api = suite.server.admin;
    const rep = await createUserClient(suite.server, 'sales_rep');
    const rule = await api.post('/api/v1/assignment-rules', {
      name: '官网线索',
      userIds: [rep.userId],
      method: 'round_robin',
    });
    expect(rule.statusCode).toBe(201);

    const admin = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
    const adminErrors = errorsOf(admin);
    await admin.goto(`${suite.server.baseUrl}/assignment-rules`);
    await expect.poll(() => admin.getByRole('row', { name: /官网线索/ }).innerText()).toContain('轮流分配');

    await admin.getByRole('menuitem', { name: '网络表单' }).click();
    await admin.waitForURL('**/web-forms');
    await admin.getByTestId('new-web-form').click();
    await admin.getByTestId('wf-name').fill('官网试用申请');
    await admin.getByTestId('wf-slug').fill('trial');
    await admin.getByTestId('wf-title-zh').fill('申请免费试用');
    await admin.getByTestId('wf-title-en').fill('Request a free trial');
    await admin.getByTestId('wf-required-mobile').check();
    await admin.getByTestId('wf-consent').check();
    await admin.getByTestId('wf-save').click();
    await admin.waitForURL(/\/web-forms\/\d+$/);
    await expect.poll(() => admin.getByTestId('wf-iframe').inputValue()).toContain('/f/trial');
    expect(adminErrors).toEqual([]);

    // A visitor on a phone, from an advertisement.
    const context = await openContext(suite.browser, {
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const visitor = await context.newPage();
    await visitor.goto(`${suite.server.baseUrl}/f/trial?utm_source=baidu&utm_campaign=spring`);
    await expect.poll(() => visitor.getByText('申请免费试用').isVisible()).toBe(true);
    expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const newest = () =>
      suite.server.database.db
        .selectFrom('captchas')
        .select('answer')
        .orderBy('expiresAt', 'desc')
        .limit(1)
        .executeTakeFirst();
    await expect.poll(async () => Boolean(await newest())).toBe(true);
    await visitor.getByTestId('field-name').fill('林女士');
    await visitor.getByTestId('field-company').fill('厦门海航物流');
    await visitor.getByRole('textbox', { name: '验证码' }).fill((await newest())!.answer);
    await visitor.getByTestId('web-form-submit').click();
    const mobileItem = visitor.locator('.ant-form-item').filter({ has: visitor.getByTestId('field-mobile') });
    await expect.poll(() => mobileItem.locator('.ant-form-item-explain').innerText()).toContain('必填');
    expect((await api.get('/api/v1/leads', { q: '厦门海航物流' })).json().total).toBe(0);

    await visitor.getByTestId('field-mobile').fill('13959201234');
    await visitor.getByTestId('field-consent').check();
    await visitor.getByTestId('web-form-submit').click();
    await expect.poll(() => visitor.getByTestId('web-form-thanks').isVisible()).toBe(true);
    await context.close();

    const form = (await api.get('/api/v1/web-forms')).json().items[0];
    const [submission] = (await api.get(`/api/v1/web-forms/${form.id}/submissions`)).json().items;
    expect(submission).toMatchObject({ utmSource: 'baidu', utmCampaign: 'spring', consent: true, ownerId: rep.userId });

    // The rep sees the new lead, its source the web form.
    const repPage = await signInPage(suite.browser, suite.server.baseUrl, rep.username, userPassword, 'zh-CN', tall);
    await repPage.goto(`${suite.server.baseUrl}/leads`);
    const row = repPage.getByRole('row', { name: /林女士/ });
    await expect.poll(() => row.innerText()).toContain('厦门海航物流');
    // The rep works in English (their own setting).
    expect(await row.innerText()).toContain('Web form');
    await repPage.context().close();
    await admin.context().close();
  });
});
