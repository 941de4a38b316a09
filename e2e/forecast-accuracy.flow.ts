import dayjs from 'dayjs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Client } from '../server/test/app.ts';
import { createCustomer, createDepartment, createUserClient, userPassword } from '../server/test/factories.ts';
import type { AppContext } from '../server/src/platform/context.ts';
import { takeForecastSnapshot } from '../server/src/modules/analyses/forecast-accuracy.service.ts';
import { browserSuite, signInPage } from './harness.ts';

/** The cells of the row of `first` in the table under `heading`'s card (or the page's first table). */
async function rowOf(page: Page, first: string, within = page.locator('body')): Promise<string[]> {
  const row = within.locator('tbody tr').filter({ has: page.locator('td', { hasText: new RegExp(`^${first}$`) }) });
  await expect.poll(() => row.count()).toBe(1);
  return (await row.locator('td').allInnerTexts()).map((text) => text.trim());
}

describe('forecast against actual in the browser', () => {
  const suite = browserSuite();

  it('shows each month’s forecast as it began against what was won, each owner’s accuracy, in both languages and within scope', async () => {
    const t = suite.server;
    const team = await createDepartment(t, '预测销售部');
    const manager = await createUserClient(t, 'sales_manager', team, { locale: 'zh-CN' });
    const rep = await createUserClient(t, 'sales_rep', team, { locale: 'en' });
    const colleague = await createUserClient(t, 'sales_rep', team, { locale: 'zh-CN' });
    const thisMonth = dayjs().format('YYYY-MM');
    const inMonth = dayjs().endOf('month').format('YYYY-MM-DD');
    const open = async (owner: Client, amount: string, probability: number) => {
      const customer = await createCustomer(owner);
      const created = await owner.post('/api/v1/opportunities', {
        name: `预测商机 ${amount}`,
        customerId: customer.id,
        amount,
        probability,
        expectedCloseDate: inMonth,
      });
      expect(created.statusCode, created.body).toBe(201);
      return created.json().id as number;
    };
    const won = await open(rep, '100.00', 50);
    await open(colleague, '200.00', 25);
    const ctx = { db: t.database.db, dialect: t.database.dialect, config: t.config } as AppContext;
    expect(await takeForecastSnapshot(ctx)).toBe(true);
    await t.database.db
      .updateTable('opportunities')
      .set({ status: 'won', closedAt: new Date().toISOString() })
      .where('id', '=', won)
      .execute();

    // The manager, in Chinese: the team's month, and each rep's accuracy.
    const page = await signInPage(suite.browser, t.baseUrl, manager.username, userPassword, 'zh-CN', {
      width: 1440,
      height: 1200,
    });
    await page.getByRole('menuitem', { name: '预测与实际' }).click();
    await page.waitForURL(/\/analyses\/forecast-accuracy$/);
    await expect.poll(() => page.getByRole('heading', { name: '预测与实际' }).count()).toBe(1);
    const month = await rowOf(page, thisMonth);
    expect(month.slice(1, 5)).toEqual(['¥100.00', '¥300.00', '¥100.00', '100.0%']);
    const people = page.locator('.ant-card', { hasText: '按负责人' });
    expect((await rowOf(page, rep.username, people)).slice(1)).toEqual(['¥50.00', '¥100.00', '50.0%']);
    expect((await rowOf(page, colleague.username, people)).slice(1)).toEqual(['¥50.00', '¥0.00', '0.0%']);
    // The method, folded away once there are figures, opens on a click.
    await page.getByText('计算方法').click();
    await expect.poll(() => page.getByTestId('forecast-method').innerText()).toContain('准确率 = 100 ×');
    await page.context().close();

    // The rep, in English: their own figures only.
    const own = await signInPage(suite.browser, t.baseUrl, rep.username, userPassword, 'en', {
      width: 1440,
      height: 1200,
    });
    await own.goto(`${t.baseUrl}/analyses/forecast-accuracy`);
    await expect.poll(() => own.getByRole('heading', { name: 'Forecast vs actual' }).count()).toBe(1);
    expect((await rowOf(own, thisMonth)).slice(1, 5)).toEqual(['CN¥50.00', 'CN¥100.00', 'CN¥100.00', '50.0%']);
    const mine = own.locator('.ant-card', { hasText: 'By owner' });
    await expect.poll(() => mine.locator('tbody tr.ant-table-row').count()).toBe(1);
    // A year with no forecast says so.
    await own.getByLabel('Year').click();
    await own.getByText(String(dayjs().year() - 1), { exact: true }).click();
    await expect.poll(() => own.getByText(/No forecast was taken for \d{4} yet/).count()).toBe(1);
    await own.context().close();
  });
});
