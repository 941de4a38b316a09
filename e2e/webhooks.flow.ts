import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPassword } from '../server/test/app.ts';
import { browserSuite, errorsOf, signInPage } from './harness.ts';

describe('webhooks in the browser', () => {
  const suite = browserSuite();
  const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(202).end('accepted');
    });
  });
  beforeAll(() => new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve)));
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  it('lets an administrator add a webhook in Chinese, copy its secret once, send a test and see it delivered', async () => {
    const t = suite.server;
    // The receiver listens on loopback, which webhooks may reach only where the configuration allows it.
    t.config.webhooksAllowPrivate = true;
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/relate`;
    const page = await signInPage(suite.browser, t.baseUrl, 'admin', adminPassword, 'zh-CN');
    const errors = errorsOf(page);
    await page.goto(`${t.baseUrl}/admin/webhooks`);
    await expect.poll(() => page.getByText('还没有 Webhook').count()).toBe(1);

    await page.getByTestId('webhook-add').click();
    await page.getByTestId('webhook-name').fill('ERP 同步');
    await page.getByTestId('webhook-url').fill(url);
    await page.locator('input[value="customer.created"]').check();
    await page.locator('input[value="opportunity.won"]').check();
    await page.getByTestId('webhook-save').click();

    // The secret, shown once.
    const secretText = page.getByTestId('webhook-secret');
    await expect.poll(() => secretText.innerText()).toMatch(/^whsec_/);
    const secret = (await secretText.innerText()).trim();
    expect(await page.getByText('请立即复制密钥：它只显示这一次。').count()).toBe(1);
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();

    const row = page.locator('tr', { hasText: 'ERP 同步' });
    await expect.poll(() => row.innerText()).toContain('通用（签名 JSON）');
    await row.getByTestId('webhook-test').click();
    await expect.poll(() => page.getByText('测试已送达（HTTP 202）').count()).toBe(1);

    // The delivery log opens with the test, its status and the receiver's code.
    const log = page.getByTestId('webhook-deliveries');
    await expect
      .poll(() => log.locator('tbody tr.ant-table-row').first().innerText())
      .toMatch(/测试[\s\S]*已送达[\s\S]*202/);
    expect(await log.getByTestId('delivery-code').first().innerText()).toBe('202');

    // What arrived is signed with the secret the page showed.
    expect(received).toHaveLength(1);
    const [ping] = received;
    const signed = `${String(ping.headers['x-relate-timestamp'])}.${ping.body}`;
    expect(ping.headers['x-relate-signature']).toBe(
      `sha256=${createHmac('sha256', secret).update(signed).digest('hex')}`,
    );
    expect(JSON.parse(ping.body)).toMatchObject({ event: 'ping' });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
