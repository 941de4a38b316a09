import { describe, expect, it } from 'vitest';
import { createCustomer, createUserClient, userPassword } from '../server/test/factories.ts';
import { lunarOf } from '../server/src/platform/lunar-calendar.ts';
import { browserSuite, signInPage } from './harness.ts';

const dayFromToday = (days: number) =>
  new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

describe('lunar dates in the browser', () => {
  const suite = browserSuite();

  it('sets a lunar birthday, shows its lunar date and the day it comes round on, and the calendar’s lunar days', async () => {
    const t = suite.server;
    const rep = await createUserClient(t, 'sales_rep', undefined, { locale: 'zh-CN' });
    const customer = await createCustomer(rep, { name: '农历生日客户' });
    const page = await signInPage(suite.browser, t.baseUrl, rep.username, userPassword);
    await page.goto(`${t.baseUrl}/customers/${customer.id}`);
    await page.getByRole('button', { name: '新建联系人' }).click();
    await page.getByRole('textbox', { name: '姓名' }).fill('农历寿星');
    await page.getByRole('button', { name: '添加纪念日' }).click();
    await page.getByRole('combobox', { name: '纪念日类型' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '生日' }).click();
    // The day the lunar date of which comes round five days from now.
    const inFiveDays = dayFromToday(5);
    const date = page.getByPlaceholder('请选择日期').last();
    await date.fill(inFiveDays);
    await date.press('Enter');
    await page.getByRole('combobox', { name: '历法' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '农历' }).click();
    const lunar = lunarOf(inFiveDays);
    await expect.poll(() => page.getByTestId('lunar-date').innerText()).toMatch(/^农历(闰)?\S+月\S+$/);
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/contacts') && r.request().method() === 'POST');
    await page.getByTestId('contact-save').click();
    const response = await saved;
    expect(response.status(), await response.text()).toBe(201);
    await expect.poll(() => page.getByRole('cell', { name: '农历寿星' }).isVisible()).toBe(true);

    await page.goto(`${t.baseUrl}/anniversaries`);
    const row = page.getByRole('row', { name: /农历寿星/ });
    await expect.poll(() => row.innerText()).toContain(`· ${inFiveDays}`);
    expect(await row.innerText()).toContain('5 天后');
    expect(await row.innerText()).toContain(lunar.leap ? '农历闰' : '农历');

    // The calendar shows each day's lunar date under its number, and solar terms (2026-12-22 冬至).
    await page.goto(`${t.baseUrl}/calendar`);
    await expect.poll(() => page.getByTestId(`lunar-${inFiveDays}`).isVisible()).toBe(true);
    await page.getByRole('switch', { name: '显示农历' }).click();
    await expect.poll(() => page.getByTestId(`lunar-${inFiveDays}`).count()).toBe(0);
    await page.context().close();
  });
});
