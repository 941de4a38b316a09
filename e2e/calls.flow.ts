import { describe, expect, it } from 'vitest';
import { signPayload } from '../server/src/modules/cti/adapters/cloud.ts';
import { injectWithin } from '../server/test/app.ts';
import { createCustomer, createUserClient, unique, userPassword } from '../server/test/factories.ts';
import { browserSuite, chooseOption, errorsOf, signInPage } from './harness.ts';

describe('telephony in the browser', () => {
  const suite = browserSuite();

  it('pops the caller’s card in the agent’s browser when a call rings; the agent wraps up and opens a ticket', async () => {
    const t = suite.server;
    const secret = 'cc-key';
    const connection = await t.admin.post('/api/v1/cti/connections', { name: '云呼叫中心', kind: 'cloud', secret });
    expect(connection.statusCode, connection.body).toBe(201);
    const connectionId = connection.json().id as number;
    const agent = await createUserClient(t, 'service_agent', undefined, { locale: 'zh-CN' });
    expect((await t.admin.put(`/api/v1/cti/seats/${agent.userId}`, { extension: '8001' })).statusCode).toBe(200);
    await agent.post('/api/v1/cti/seat/state', { state: 'available' });
    const customerName = unique('华南机电');
    const customer = await createCustomer(t.admin, { name: customerName, phone: '020-83331234', level: 'A' });

    const callback = (payload: unknown) => {
      const body = JSON.stringify(payload);
      const timestamp = String(Math.floor(Date.now() / 1000));
      return injectWithin(t.app, {
        method: 'POST',
        url: `/api/public/v1/cti/${connectionId}/events`,
        headers: {
          'content-type': 'application/json',
          'x-relate-timestamp': timestamp,
          'x-relate-signature': signPayload(secret, timestamp, body),
        },
        payload: body,
      });
    };

    const page = await signInPage(suite.browser, t.baseUrl, agent.username, userPassword, 'zh-CN');
    const errors = errorsOf(page);
    // The seat in the header: extension and state.
    await expect.poll(() => page.getByTestId('seat-control').innerText()).toContain('8001 · 空闲');
    // Click-to-dial sits beside the customer's phone number.
    await page.goto(`${t.baseUrl}/customers/${customer.id}`);
    await expect.poll(() => page.getByTestId('click-to-dial').count()).toBeGreaterThan(0);

    // The stream is open once the bell has its count; then the call rings.
    await page.waitForTimeout(500);
    expect(
      (await callback({ event: 'ringing', callId: 'e2e-1', from: '+86 20 8333 1234', to: '4008001234', agent: '8001' }))
        .statusCode,
    ).toBe(200);
    const pop = page.getByTestId('screen-pop');
    await expect.poll(() => pop.isVisible(), { timeout: 3000, interval: 20 }).toBe(true);
    await expect.poll(() => pop.getByTestId('screen-pop-match').innerText()).toContain(customerName);
    expect(await pop.getByTestId('screen-pop-open-tickets').innerText()).toBe('0');

    await callback({ event: 'answered', callId: 'e2e-1', agent: '8001' });
    await callback({ event: 'hangup', callId: 'e2e-1' });
    await expect.poll(() => pop.getByTestId('screen-pop-state').innerText()).toContain('通话已结束');

    // The wrap-up: result, notes and a ticket in one step.
    const form = pop.getByTestId('wrap-up-form');
    await chooseOption(page, form.locator('.ant-select').first(), '需跟进');
    await pop.getByTestId('wrap-up-notes').fill('客户来电报修空压机');
    await pop.getByTestId('wrap-up-ticket').check();
    await pop.getByTestId('wrap-up-ticket-subject').fill('空压机异响报修');
    await pop.getByTestId('wrap-up-save').click();

    // The ticket opens, about the caller's customer.
    await page.waitForURL((url) => /^\/tickets\/\d+$/.test(url.pathname));
    await expect.poll(() => page.getByText('空压机异响报修').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(customerName).count()).toBeGreaterThan(0);
    const calls = (await agent.get('/api/v1/calls')).json().items;
    expect(calls[0]).toMatchObject({ result: 'follow_up', notes: '客户来电报修空压机', ticketId: expect.any(Number) });
    expect(errors).toEqual([]);
  });
});
