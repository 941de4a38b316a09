import { describe, expect, it } from 'vitest';
import { adminPassword } from '../server/test/app.ts';
import { createCustomer } from '../server/test/factories.ts';
import { browserSuite, chooseOption, errorsOf, signInPage } from './harness.ts';

const tall = { width: 1440, height: 1200 };

describe('segments in the browser', () => {
  const suite = browserSuite();

  it('a segment built from level and tag conditions counts its customers live, and its members join a campaign', async () => {
    const api = suite.server.admin;
    const first = await createCustomer(api, { name: '宁波海曙精工有限公司', level: 'A', tags: ['展会'] });
    const second = await createCustomer(api, { name: '宁波江北模具有限公司', level: 'A', tags: ['展会'] });
    await createCustomer(api, { name: '宁波鄞州五金有限公司', level: 'A' });
    await createCustomer(api, { name: '宁波北仑物流有限公司', level: 'B', tags: ['展会'] });
    const campaign = (await api.post('/api/v1/campaigns', { name: '2026 宁波展会邀约', type: 'seminar' })).json();
    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
    const errors = errorsOf(page);
    const liveCount = () => page.getByTestId('segment-live-count').innerText();

    // A dynamic segment of customers from the marketing menu: key customers (level A) tagged 展会.
    await page.getByRole('menuitem', { name: '客户分群' }).click();
    await page.waitForURL('**/segments');
    await page.getByTestId('segment-new').click();
    await page.waitForURL('**/segments/new');
    await page.getByTestId('segment-name').fill('宁波重点展会客户');
    await expect.poll(liveCount).toContain('4');
    await page.getByTestId('segment-add-condition').click();
    const level = page.getByTestId('segment-condition').nth(0).getByRole('combobox');
    await chooseOption(page, level.nth(0), '客户级别');
    await chooseOption(page, level.nth(2), '重要客户');
    await page.keyboard.press('Escape');
    await expect.poll(liveCount).toContain('3');
    await page.getByTestId('segment-add-condition').click();
    const tag = page.getByTestId('segment-condition').nth(1).getByRole('combobox');
    await chooseOption(page, tag.nth(0), '标签');
    await chooseOption(page, tag.nth(2), '展会');
    await page.keyboard.press('Escape');
    await expect.poll(liveCount).toContain('2');
    await page.getByTestId('segment-save').click();
    await page.waitForURL(/\/segments\/\d+$/);
    const members = () => page.getByTestId('segment-members').innerText();
    await expect.poll(members).toContain(first.name);
    expect(await members()).toContain(second.name);
    expect(await members()).not.toContain('宁波鄞州五金有限公司');

    // The campaign takes the segment's members, once.
    await page.goto(`${suite.server.baseUrl}/campaigns/${campaign.id}`);
    await page.getByRole('tab', { name: /活动成员/ }).click();
    await page.getByTestId('campaign-add-segment').click();
    await chooseOption(page, page.getByRole('combobox', { name: '客户分群' }), '宁波重点展会客户');
    await page.getByTestId('campaign-add-segment-save').click();
    await expect.poll(() => page.getByTestId('campaign-members').innerText()).toContain(first.name);
    expect(await page.getByTestId('campaign-members').innerText()).toContain(second.name);
    const figures = (await api.get(`/api/v1/campaigns/${campaign.id}`)).json().figures;
    expect(figures.members).toBe(2);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
