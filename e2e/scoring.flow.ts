import { describe, expect, it } from 'vitest';
import { adminPassword } from '../server/test/app.ts';
import { browserSuite, errorsOf, signInPage } from './harness.ts';

const tall = { width: 1440, height: 1200 };

describe('lead scoring in the browser', () => {
  const suite = browserSuite();

  it('an admin adds the field rule "industry = manufacturing +10"; a manufacturing lead scores 10 and shows why', async () => {
    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
    const errors = errorsOf(page);
    await page.goto(`${suite.server.baseUrl}/scoring`);
    await page.getByTestId('new-rule-default').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('rule-name').fill('制造业加分');
    await dialog.getByRole('combobox', { name: '字段' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '行业' }).click();
    await dialog.getByRole('combobox', { name: '值' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '制造业' }).click();
    await dialog.getByTestId('rule-points').fill('10');
    await dialog.getByTestId('rule-save').click();
    const row = page.getByRole('row', { name: /制造业加分/ });
    await expect.poll(() => row.innerText()).toContain('+10');
    expect(await row.innerText()).toContain('行业 等于 制造业');

    const created = await suite.server.admin.post('/api/v1/leads', { name: '评分客户', industry: 'manufacturing' });
    expect(created.statusCode).toBe(201);
    const lead = created.json();
    await page.goto(`${suite.server.baseUrl}/leads/${lead.id}`);
    const score = page.getByTestId('score-value');
    await expect.poll(() => score.innerText()).toBe('10');
    await score.click();
    const reasons = page.getByTestId('score-reasons');
    await expect.poll(() => reasons.innerText()).toContain('制造业加分');
    expect(await reasons.innerText()).toContain('合计 10');

    // The lead list filters by the score band.
    await page.goto(`${suite.server.baseUrl}/leads?scoreMin=10&scoreMax=20`);
    await expect.poll(() => page.getByRole('row', { name: /评分客户/ }).count()).toBe(1);
    await page.goto(`${suite.server.baseUrl}/leads?scoreMin=11`);
    await expect.poll(() => page.getByRole('row', { name: /评分客户/ }).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
