import { describe, expect, it } from 'vitest';
import { jobHandlers } from '../server/src/jobs.ts';
import type { AppContext } from '../server/src/platform/context.ts';
import { runDueJobs } from '../server/src/platform/jobs.ts';
import { adminPassword } from '../server/test/app.ts';
import { createCustomer } from '../server/test/factories.ts';
import { browserSuite, chooseOption, errorsOf, signInPage } from './harness.ts';

describe('campaign sequences in the browser', () => {
  const suite = browserSuite();

  it('builds a two-step sequence on a campaign, starts it and shows how many members are at each step', async () => {
    const t = suite.server;
    const api = t.admin;
    const customer = await createCustomer(api, { name: '杭州云帆科技有限公司' });
    const ids: number[] = [];
    for (const name of ['陈静', '林涛'])
      ids.push((await api.post('/api/v1/contacts', { customerId: customer.id, name })).json().id);
    const campaign = (await api.post('/api/v1/campaigns', { name: '云帆培育序列', type: 'email' })).json();
    await api.post(`/api/v1/campaigns/${campaign.id}/members`, { entity: 'contacts', ids });

    const page = await signInPage(suite.browser, t.baseUrl, 'admin', adminPassword, 'zh-CN');
    const errors = errorsOf(page);
    await page.goto(`${t.baseUrl}/campaigns/${campaign.id}`);
    await page.getByRole('tab', { name: '序列' }).click();
    await page.getByTestId('sequence-create').click();

    // Step 1: wait two days (the default); step 2: a task for each member's owner.
    await chooseOption(page, page.getByTestId('sequence-add-kind'), '等待', { search: false });
    await page.getByTestId('sequence-add').click();
    await chooseOption(page, page.getByTestId('sequence-add-kind'), '创建任务', { search: false });
    await page.getByTestId('sequence-add').click();
    const task = page.getByTestId('sequence-step-2');
    await task.getByLabel('任务标题').fill('回访 {{name}}');
    await page.getByTestId('sequence-save').click();
    await expect.poll(() => page.getByText('步骤已保存').count()).toBeGreaterThan(0);

    await page.getByTestId('sequence-start').click();
    await page.getByTestId('sequence-start-confirm').click();
    await expect.poll(() => page.getByTestId('sequence-status').innerText()).toContain('运行中');

    // The job (here at once) enters the members at the first step, where they wait.
    const ctx = { db: t.database.db, dialect: t.database.dialect, config: t.config } as AppContext;
    await runDueJobs(ctx, jobHandlers, [], 'e2e-worker');
    await page.reload();
    await page.getByRole('tab', { name: '序列' }).click();
    await expect.poll(() => page.getByTestId('sequence-current-1').innerText()).toBe('2');
    expect(await page.getByTestId('sequence-current-2').innerText()).toBe('0');
    expect(await page.getByTestId('sequence-funnel-entered').innerText()).toContain('2');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
