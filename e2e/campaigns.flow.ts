import { describe, expect, it } from 'vitest';
import { adminPassword } from '../server/test/app.ts';
import { createLead } from '../server/test/factories.ts';
import { browserSuite, chooseOption, errorsOf, signInPage } from './harness.ts';

const tall = { width: 1440, height: 1200 };

describe('campaigns in the browser', () => {
  const suite = browserSuite();

  it('a campaign with a cost line gets leads from the leads list; a converted lead’s order is paid; the campaign shows received and ROI', async () => {
    const api = suite.server.admin;
    const lead = await createLead(api, { name: '陈晓', company: '宁波远航贸易有限公司', mobile: '13805740000' });
    const page = await signInPage(suite.browser, suite.server.baseUrl, 'admin', adminPassword, 'zh-CN', tall);
    const errors = errorsOf(page);

    // A campaign from the marketing menu, with a cost line of 2 000.
    await page.getByRole('menuitem', { name: '市场活动' }).click();
    await page.waitForURL('**/campaigns');
    await page.getByTestId('campaign-new').click();
    await page.getByTestId('campaign-name').fill('2026 秋季工业展');
    await chooseOption(page, page.getByRole('combobox', { name: '类型' }), '活动/展会');
    await page.getByTestId('campaign-budget').fill('5000');
    await page.getByTestId('campaign-save').click();
    await page.waitForURL(/\/campaigns\/\d+$/);
    const campaignId = Number(page.url().split('/').pop());
    await page.getByRole('tab', { name: '费用明细' }).click();
    await page.getByTestId('campaign-cost-add').click();
    await page.getByTestId('campaign-cost-item').fill('展位费');
    await page.getByTestId('campaign-cost-amount').fill('2000');
    await page.getByTestId('campaign-cost-save').click();
    await expect.poll(() => page.getByTestId('campaign-costs').innerText()).toContain('展位费');

    // The lead joins it from the leads list's selection, and takes it as its source.
    await page.getByRole('menuitem', { name: /(^|\s)线索$/ }).click();
    await page.getByTestId('lead-search').getByRole('searchbox').fill('远航');
    await page.keyboard.press('Enter');
    await page.getByRole('row', { name: /陈晓/ }).getByRole('checkbox').check();
    await page.getByTestId('bulk-bar').getByTestId('add-to-campaign').click();
    await chooseOption(page, page.getByRole('combobox', { name: '市场活动' }), '2026 秋季工业展');
    await page.getByTestId('add-to-campaign-save').click();
    await expect.poll(async () => (await api.get(`/api/v1/leads/${lead.id}`)).json().campaignId).toBe(campaignId);

    // Converted with an opportunity of 10 000, which carries the campaign.
    await page.getByRole('link', { name: '陈晓' }).click();
    await page.waitForURL(`**/leads/${lead.id}`);
    await expect.poll(() => page.getByTestId('campaign-memberships').innerText()).toContain('2026 秋季工业展');
    await page.getByTestId('convert-lead').click();
    await page.getByTestId('convert-create-opportunity').check();
    await page.getByRole('textbox', { name: '商机名称' }).fill('远航 自动化产线');
    await page.getByTestId('convert-confirm').click();
    await page.waitForURL(/\/customers\/\d+$/);
    const converted = (await api.get(`/api/v1/leads/${lead.id}`)).json();
    const opportunity = (await api.get(`/api/v1/opportunities/${converted.convertedOpportunityId}`)).json();
    expect(opportunity.campaignId).toBe(campaignId);

    // Its order is approved and 5 000 of it received and confirmed.
    const order = (
      await api.post('/api/v1/orders', {
        title: '自动化产线',
        customerId: converted.convertedCustomerId,
        opportunityId: opportunity.id,
        lines: [{ name: '产线改造', quantity: '1', unitPrice: '10000', taxRate: '0' }],
      })
    ).json();
    expect((await api.post(`/api/v1/orders/${order.id}/submit`)).json().status).toBe('approved');
    const [instalment] = (
      await api.put(`/api/v1/orders/${order.id}/payment-plan`, {
        instalments: [{ dueDate: '2026-12-31', percent: '100' }],
      })
    ).json();
    const receipt = (
      await api.post('/api/v1/receipts', {
        customerId: converted.convertedCustomerId,
        receivedOn: '2026-12-01',
        amount: '5000',
        method: 'bank_transfer',
        allocations: [{ instalmentId: instalment.id, amount: '5000' }],
      })
    ).json();
    expect((await api.post(`/api/v1/receipts/${receipt.id}/confirm`)).statusCode).toBe(200);

    // The campaign's page: 5 000 received against 2 000 spent, ROI (5 000 − 2 000) ÷ 2 000 = 150 %.
    await page.goto(`${suite.server.baseUrl}/campaigns/${campaignId}`);
    await expect.poll(() => page.getByTestId('campaign-figure-received').innerText()).toContain('5,000.00');
    expect(await page.getByTestId('campaign-figure-cost').innerText()).toContain('2,000.00');
    expect(await page.getByTestId('campaign-figure-roi').innerText()).toContain('150.00%');
    expect(await page.getByTestId('campaign-figure-convertedLeads').innerText()).toContain('1');
    expect(await page.getByTestId('campaign-figure-costPerLead').innerText()).toContain('2,000.00');
    await page.getByRole('tab', { name: /活动成员/ }).click();
    await expect.poll(() => page.getByTestId('campaign-members').innerText()).toContain('已转化');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
