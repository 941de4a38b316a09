import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer } from '../../../test/factories.ts';

describe.each(testDialects)('public web form on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  /** A fresh captcha and its answer, read where the server keeps it. */
  const captcha = async () => {
    const { id } = (await t.app.inject({ method: 'GET', url: '/api/v1/auth/captcha' })).json();
    const row = await t.database.db
      .selectFrom('captchas')
      .select('answer')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return { captchaId: id, captchaText: row.answer.toUpperCase() };
  };
  const submit = (payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/public/v1/tickets', payload });

  it('opens tickets from the website only when switched on and the captcha is solved, linking known contacts', async () => {
    const request = {
      name: '李女士',
      email: 'li@visitor.example',
      subject: '想了解年度维保价格',
      description: '工厂有 12 台空压机',
    };
    expect((await submit({ ...request, ...(await captcha()) })).statusCode).toBe(404);
    await t.admin.patch('/api/v1/settings', { webFormEnabled: true });

    const wrong = await submit({ ...request, captchaId: (await captcha()).captchaId, captchaText: 'zzzz' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toHaveProperty('captchaText');
    const solved = await captcha();
    const created = await submit({ ...request, ...solved });
    expect(created.statusCode).toBe(201);
    const { number } = created.json();
    expect(Object.keys(created.json())).toEqual(['number']);
    // A captcha is good for one try.
    expect((await submit({ ...request, ...solved })).statusCode).toBe(400);
    const [ticket] = (await t.admin.get('/api/v1/tickets', { q: number })).json().items;
    expect(ticket).toMatchObject({
      channel: 'web_form',
      requesterName: '李女士',
      requesterEmail: 'li@visitor.example',
      customerId: null,
    });

    const customer = await createCustomer(t.admin, { name: '金华五金厂' });
    await t.admin.post('/api/v1/contacts', { name: '陈经理', customerId: customer.id, email: 'chen@jinhua.example' });
    const known = (
      await submit({
        name: '陈经理',
        email: 'CHEN@jinhua.example',
        subject: '设备报修',
        type: 'repair',
        ...(await captcha()),
      })
    ).json();
    const [linked] = (await t.admin.get('/api/v1/tickets', { q: known.number })).json().items;
    expect(linked).toMatchObject({ customerId: customer.id, contactName: '陈经理', type: 'repair' });

    expect((await submit({ name: 'x', subject: 'y', ...(await captcha()) })).json().error.fields).toHaveProperty(
      'email',
    );
    expect(
      (await submit({ name: 'x', email: 'a@b.example', subject: 'y', type: 'nonsense', ...(await captcha()) })).json()
        .error.fields,
    ).toHaveProperty('type');
  });
});
