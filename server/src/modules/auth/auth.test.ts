import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPassword, createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createUserClient, userPassword } from '../../../test/factories.ts';

describe.each(testDialects)('auth on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const login = (payload: Record<string, unknown>, ip = '10.0.0.1') =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload,
      remoteAddress: ip,
      headers: { 'accept-language': 'en' },
    });
  const failures = async (username: string) =>
    (
      await t.database.db
        .selectFrom('loginFailures')
        .select('count')
        .where('key', '=', `user:${username.toLowerCase()}`)
        .executeTakeFirst()
    )?.count ?? 0;

  it('reports health and the database in use', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.json()).toEqual({ status: 'ok', database: dialect });
  });

  it('signs in with an httpOnly session cookie and returns user, permissions and a CSRF token', async () => {
    const response = await login({ username: 'admin', password: adminPassword });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user.username).toBe('admin');
    expect(body.permissions).toContain('customers.view');
    expect(body.csrfToken).toBeTruthy();
    const cookie = response.cookies.find((c) => c.name === 'relate_sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
  });

  it('rejects wrong credentials with INVALID_CREDENTIALS and audits the failure', async () => {
    const response = await login({ username: 'admin', password: 'wrong-password' }, '10.0.0.2');
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('INVALID_CREDENTIALS');
    const audited = await t.database.db
      .selectFrom('auditLogs')
      .selectAll()
      .where('action', '=', 'login_failed')
      .execute();
    expect(audited.length).toBeGreaterThan(0);
    expect(audited.at(-1)!.ip).toBe('10.0.0.2');
  });

  it('tells the app whether the caller is signed in without a 401 for a visitor', async () => {
    const visitor = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session' });
    expect(visitor.statusCode).toBe(200);
    expect(visitor.json()).toEqual({ session: null });
    const signedIn = (await t.admin.get('/api/v1/auth/session')).json();
    expect(signedIn.session).toEqual((await t.admin.get('/api/v1/auth/me')).json());
    expect(signedIn.session.user.username).toBe('admin');
  });

  it('answers 401 without a session and 400 with field messages for bad input', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    const response = await login({ username: '' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { username: 'Required', password: 'Required' },
    });
  });

  it('answers malformed JSON with 400, never 500', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: '{"username": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('BAD_REQUEST');
  });

  it('localises messages by Accept-Language', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'nobody', password: 'x' },
      remoteAddress: '10.0.0.3',
      headers: { 'accept-language': 'zh-CN,zh;q=0.9' },
    });
    expect(response.json().error.message).toBe('用户名或密码错误。');
  });

  it('requires a captcha after 3 failures and locks the account after 10', async () => {
    const user = await createUserClient(t, 'sales_rep');
    const ip = '10.0.1.1';
    for (let i = 0; i < 3; i++)
      expect((await login({ username: user.username, password: 'bad' }, ip)).statusCode).toBe(401);
    const needsCaptcha = await login({ username: user.username, password: userPassword }, ip);
    expect(needsCaptcha.statusCode).toBe(400);
    expect(needsCaptcha.json().error.code).toBe('CAPTCHA_REQUIRED');

    const solve = async () => {
      const captcha = (await t.app.inject({ method: 'GET', url: '/api/v1/auth/captcha' })).json();
      expect(captcha.svg).toContain('<svg');
      const row = await t.database.db
        .selectFrom('captchas')
        .select('answer')
        .where('id', '=', captcha.id)
        .executeTakeFirstOrThrow();
      return { captchaId: captcha.id, captchaText: row.answer };
    };
    const wrongCaptcha = await login(
      { username: user.username, password: userPassword, captchaId: (await solve()).captchaId, captchaText: 'zzzz' },
      ip,
    );
    expect(wrongCaptcha.json().error.code).toBe('CAPTCHA_REQUIRED');

    for (let i = 3; i < 10; i++) {
      const response = await login({ username: user.username, password: 'bad', ...(await solve()) }, ip);
      expect(response.statusCode).toBe(401);
    }
    const locked = await login({ username: user.username, password: userPassword, ...(await solve()) }, ip);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
  });

  it('checks no more of 20 simultaneous wrong passwords than the captcha threshold allows, and counts each one checked', async () => {
    const user = await createUserClient(t, 'sales_rep');
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login({ username: user.username, password: `bad-${i}` }, `10.0.3.${i + 1}`)),
    );
    const codes = answers.map((r) => r.json().error.code);
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(3);
    expect(codes.filter((c) => c === 'CAPTCHA_REQUIRED')).toHaveLength(17);
    expect(await failures(user.username)).toBe(3);
    expect((await login({ username: user.username, password: userPassword }, '10.0.3.99')).json().error.code).toBe(
      'CAPTCHA_REQUIRED',
    );
  });

  it('locks an account after 20 simultaneous wrong passwords, having checked only as many as the lock-out allows', async () => {
    await t.admin.patch('/api/v1/settings', { captchaAfterFailures: 100, lockAfterFailures: 10 });
    try {
      const user = await createUserClient(t, 'sales_rep');
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          login({ username: user.username, password: `bad-${i}` }, `10.0.4.${i + 1}`),
        ),
      );
      const codes = answers.map((r) => r.json().error.code);
      expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(10);
      expect(codes.filter((c) => c === 'ACCOUNT_LOCKED')).toHaveLength(10);
      expect(await failures(user.username)).toBe(10);
      const right = await login({ username: user.username, password: userPassword }, '10.0.4.99');
      expect(right.statusCode).toBe(423);
    } finally {
      await t.admin.patch('/api/v1/settings', { captchaAfterFailures: 3, lockAfterFailures: 10 });
    }
  });

  it('asks for a captcha for an account with failures whatever address signs in to it', async () => {
    const user = await createUserClient(t, 'sales_rep');
    for (let i = 0; i < 3; i++) await login({ username: user.username, password: 'bad' }, `10.0.5.${i + 1}`);
    expect((await login({ username: user.username, password: userPassword }, '10.0.5.50')).json().error.code).toBe(
      'CAPTCHA_REQUIRED',
    );
  });

  it('does not put a captcha before everyone behind one address for a few wrong usernames', async () => {
    const office = '10.0.6.1';
    for (let i = 0; i < 4; i++)
      expect((await login({ username: `nobody-${i}`, password: 'bad' }, office)).json().error.code).toBe(
        'INVALID_CREDENTIALS',
      );
    const colleague = await createUserClient(t, 'sales_rep');
    expect((await login({ username: colleague.username, password: userPassword }, office)).statusCode).toBe(200);
  });

  it('asks for a captcha from an address only after many failures across accounts', async () => {
    const address = '10.0.7.1';
    const colleague = await createUserClient(t, 'sales_rep');
    for (let i = 0; i < 29; i++)
      expect((await login({ username: `guess-${i}`, password: 'bad' }, address)).json().error.code).toBe(
        'INVALID_CREDENTIALS',
      );
    await login({ username: 'guess-last', password: 'bad' }, address);
    expect((await login({ username: colleague.username, password: userPassword }, address)).json().error.code).toBe(
      'CAPTCHA_REQUIRED',
    );
    expect((await login({ username: colleague.username, password: userPassword }, '10.0.7.2')).statusCode).toBe(200);
  });

  it('refuses a state-changing request that carries the cookie but no CSRF token', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/departments',
      payload: { name: 'X' },
      headers: { cookie: t.admin.cookie },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('CSRF');
  });

  it('issues an API key once, accepts it without CSRF, and stops accepting it when revoked', async () => {
    const created = await t.admin.post('/api/v1/apikeys', { name: 'integration' });
    expect(created.statusCode).toBe(201);
    const { key, id } = created.json();
    expect(key).toMatch(/^rk_/);
    const headers = { authorization: `Bearer ${key}` };
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      payload: { name: 'API 客户' },
      headers,
    });
    expect(write.statusCode).toBe(201);
    const listed = (await t.admin.get('/api/v1/apikeys')).json();
    expect(listed[0]).not.toHaveProperty('key');
    expect((await t.admin.delete(`/api/v1/apikeys/${id}`)).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/customers', headers })).statusCode).toBe(401);
  });

  it('changes the own password only with the current one and under the policy', async () => {
    const user = await createUserClient(t, 'sales_rep');
    const wrong = await user.post('/api/v1/auth/password', { currentPassword: 'nope', newPassword: 'NewPass123' });
    expect(wrong.json().error.fields).toHaveProperty('currentPassword');
    const weak = await user.post('/api/v1/auth/password', { currentPassword: userPassword, newPassword: 'short' });
    expect(weak.json().error.fields.newPassword).toMatch(/at least 8/);
    expect(
      (await user.post('/api/v1/auth/password', { currentPassword: userPassword, newPassword: 'NewPass123' })).json(),
    ).toEqual({ apiKeysRevoked: 0 });
    expect((await login({ username: user.username, password: 'NewPass123' }, '10.0.2.1')).statusCode).toBe(200);
  });

  it('revokes all of a user’s API keys when they change their password, and says how many', async () => {
    const user = await createUserClient(t, 'sales_rep');
    const keys = await Promise.all(
      ['one', 'two'].map(async (name) => (await user.post('/api/v1/apikeys', { name })).json().key as string),
    );
    const read = (key: string) =>
      t.app.inject({ method: 'GET', url: '/api/v1/customers', headers: { authorization: `Bearer ${key}` } });
    expect((await read(keys[0])).statusCode).toBe(200);
    const changed = await user.post('/api/v1/auth/password', {
      currentPassword: userPassword,
      newPassword: 'Changed2026',
    });
    expect(changed.json()).toEqual({ apiKeysRevoked: 2 });
    for (const key of keys) expect((await read(key)).statusCode).toBe(401);
    expect((await user.get('/api/v1/apikeys')).json()).toEqual([]);
  });

  it('revokes all of a user’s API keys when an administrator resets their password', async () => {
    const user = await createUserClient(t, 'sales_rep');
    const { key } = (await user.post('/api/v1/apikeys', { name: 'erp' })).json();
    const read = () =>
      t.app.inject({ method: 'GET', url: '/api/v1/customers', headers: { authorization: `Bearer ${key}` } });
    expect((await read()).statusCode).toBe(200);
    expect((await t.admin.post(`/api/v1/users/${user.userId}/password`, { password: 'Reset2026x' })).json()).toEqual({
      apiKeysRevoked: 1,
    });
    expect((await read()).statusCode).toBe(401);
  });

  it('signs out and the session stops working', async () => {
    const user = await createUserClient(t, 'readonly');
    expect((await user.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await user.get('/api/v1/auth/me')).statusCode).toBe(401);
  });
});
