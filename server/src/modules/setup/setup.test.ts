import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createDepartment, createUserClient } from '../../../test/factories.ts';

const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe.each(testDialects)('the set-up checklist of a new install on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const done = async () => {
    const response = await t.admin.get('/api/v1/setup/checklist');
    expect(response.statusCode).toBe(200);
    return Object.fromEntries(
      (response.json().steps as Array<{ key: string; done: boolean }>).map((step) => [step.key, step.done]),
    );
  };

  it('starts with only the default SLA policy done, and ticks each step as it is done', async () => {
    expect(await done()).toEqual({
      company: false,
      departments: false,
      users: false,
      dictionaries: false,
      slaPolicy: true,
      mailServer: false,
    });

    await t.admin.patch('/api/v1/settings', { companyName: '深圳龙腾科技有限公司' });
    expect((await done()).company).toBe(false);
    const boundary = 'logo-boundary';
    const upload = await t.admin.request('POST', '/api/v1/settings/logo', {
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="logo.png"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        png,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(upload.statusCode).toBeLessThan(300);
    expect((await done()).company).toBe(true);

    await createDepartment(t, '华南大区');
    await createUserClient(t, 'sales_rep');
    const mail = await t.admin.put('/api/v1/settings/mail', {
      host: '127.0.0.1',
      port: 2525,
      secure: false,
      from: 'crm@example.com',
    });
    expect(mail.statusCode).toBe(200);
    const confirmed = await t.admin.patch('/api/v1/setup/checklist', { confirmed: ['dictionaries'] });
    expect(confirmed.statusCode).toBe(200);
    expect(await done()).toEqual({
      company: true,
      departments: true,
      users: true,
      dictionaries: true,
      slaPolicy: true,
      mailServer: true,
    });

    const policies = (await t.admin.get('/api/v1/sla-policies')).json();
    for (const policy of policies) await t.admin.delete(`/api/v1/sla-policies/${policy.id}`);
    expect((await done()).slaPolicy).toBe(false);
  });

  it('is hidden and shown again by the administrator, and closed to other roles', async () => {
    expect((await t.admin.patch('/api/v1/setup/checklist', { dismissed: true })).json().dismissed).toBe(true);
    expect((await t.admin.get('/api/v1/setup/checklist')).json().dismissed).toBe(true);
    expect((await t.admin.patch('/api/v1/setup/checklist', { dismissed: false })).json().dismissed).toBe(false);

    const wrong = await t.admin.request('PATCH', '/api/v1/setup/checklist', {
      payload: { confirmed: ['company'] },
      headers: { 'accept-language': 'en' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toHaveProperty(['confirmed.0']);

    const rep = await createUserClient(t, 'sales_rep');
    expect((await rep.get('/api/v1/setup/checklist')).statusCode).toBe(403);
    expect((await rep.patch('/api/v1/setup/checklist', { dismissed: true })).statusCode).toBe(403);
  });
});
