import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { type Database, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { seedEssentials } from '../src/db/seed.ts';
import { sameToken } from '../src/platform/authenticate.ts';
import { adminPassword, testPool } from './app.ts';
import { createTestDatabase, testDialects, type TestDialect } from './databases.ts';

type Built = { app: FastifyInstance; database: Database; close: () => Promise<void> };

/** The real application on a fresh database, with extra environment variables (a trusted proxy, low limits). */
async function appWith(dialect: TestDialect, env: Record<string, string>): Promise<Built> {
  const testDb = await createTestDatabase(dialect);
  const config = loadConfig({
    DATA_DIR: testDb.dataDir,
    DATABASE_URL: testDb.url,
    LOG_LEVEL: 'silent',
    ...env,
  } as NodeJS.ProcessEnv);
  const database = openDatabase(config.databaseUrl, testPool);
  await migrateToLatest(database.db);
  await seedEssentials(database.db, adminPassword);
  const app = await buildApp({ config, database, logger: false, serveWeb: true });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
      await testDb.drop();
    },
  };
}

const signIn = (app: FastifyInstance, username: string, remoteAddress: string, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: 'wrong-password' },
    remoteAddress,
    headers: { 'accept-language': 'en', ...headers },
  });

const lastFailureIp = async (database: Database, username: string) =>
  (
    await database.db
      .selectFrom('auditLogs')
      .select('ip')
      .where('action', '=', 'login_failed')
      .where('username', '=', username)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
  ).ip;

describe('TRUST_PROXY', () => {
  it('is off by default and takes addresses and CIDR ranges, stopping with one line on anything else', () => {
    expect(loadConfig({ DATA_DIR: '/tmp/relate-config-test' } as NodeJS.ProcessEnv).trustProxy).toEqual([]);
    expect(
      loadConfig({ DATA_DIR: '/tmp/relate-config-test', TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' } as NodeJS.ProcessEnv)
        .trustProxy,
    ).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    expect(() => loadConfig({ DATA_DIR: '/tmp/relate-config-test', TRUST_PROXY: 'true' } as NodeJS.ProcessEnv)).toThrow(
      ConfigError,
    );
    expect(() =>
      loadConfig({ DATA_DIR: '/tmp/relate-config-test', TRUST_PROXY: '10.0.0.0/33' } as NodeJS.ProcessEnv),
    ).toThrow(/^Invalid environment variable TRUST_PROXY: /);
    expect(() =>
      loadConfig({ DATA_DIR: '/tmp/relate-config-test', RATE_LIMIT_SIGN_IN_PER_IP: '0' } as NodeJS.ProcessEnv),
    ).toThrow(/RATE_LIMIT_SIGN_IN_PER_IP/);
  });
});

describe('CSRF token comparison', () => {
  it('accepts only the very token, of the same length', () => {
    expect(sameToken('abc123', 'abc123')).toBe(true);
    expect(sameToken('abc124', 'abc123')).toBe(false);
    expect(sameToken('abc12', 'abc123')).toBe(false);
    expect(sameToken(['abc123'], 'abc123')).toBe(false);
    expect(sameToken(undefined, 'abc123')).toBe(false);
    expect(sameToken('', null)).toBe(false);
  });
});

describe.each(testDialects)('security on %s', (dialect) => {
  describe('without a trusted proxy', () => {
    let built: Built;
    beforeAll(async () => {
      built = await appWith(dialect, {});
    });
    afterAll(async () => built?.close());

    it('ignores a forged X-Forwarded-For: the audit log and the failure counters keep the real address', async () => {
      await signIn(built.app, 'forger', '10.9.9.9', { 'x-forwarded-for': '1.2.3.4' });
      expect(await lastFailureIp(built.database, 'forger')).toBe('10.9.9.9');
      const keys = (await built.database.db.selectFrom('loginFailures').select('key').execute()).map((r) => r.key);
      expect(keys).toContain('ip:10.9.9.9');
      expect(keys).not.toContain('ip:1.2.3.4');
    });

    it('sends security headers with an API answer', async () => {
      const response = await built.app.inject({ method: 'GET', url: '/api/health' });
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("frame-ancestors 'self'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['referrer-policy']).toBe('same-origin');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    });

    it('keeps the web app and the customer portal out of other sites’ frames', async () => {
      for (const url of ['/', '/customers', '/portal/login', '/portal', '/surveys/abc']) {
        const response = await built.app.inject({ method: 'GET', url });
        expect(String(response.headers['content-security-policy']), url).toContain("frame-ancestors 'self'");
        expect(response.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      }
    });

    it('lets any site embed the public ticket form', async () => {
      const response = await built.app.inject({ method: 'GET', url: '/forms/ticket?lang=en' });
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain('frame-ancestors *');
      expect(csp).toContain("script-src 'self'");
      expect(response.headers['x-frame-options']).toBeUndefined();
    });

    it('serves the API docs without inline script, so the policy lets them run', async () => {
      const page = await built.app.inject({ method: 'GET', url: '/api/docs' });
      expect(page.statusCode).toBe(200);
      const scripts = [...page.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, body] of scripts) {
        expect(attributes).toMatch(/src="\/api\/docs\//);
        expect(body.trim()).toBe('');
      }
      const start = await built.app.inject({ method: 'GET', url: '/api/docs/start.js' });
      expect(start.statusCode).toBe(200);
      expect(start.headers['content-type']).toMatch(/javascript/);
      expect(start.body).toContain('SwaggerUIBundle');
      const bundle = await built.app.inject({ method: 'GET', url: '/api/docs/assets/swagger-ui-bundle.js' });
      expect(bundle.statusCode).toBe(200);
    });

    it('does not limit the rest of the API', async () => {
      for (let i = 0; i < 80; i++)
        expect((await built.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    });
  });

  describe('behind a trusted proxy, with low limits', () => {
    let built: Built;
    beforeAll(async () => {
      built = await appWith(dialect, {
        TRUST_PROXY: '10.8.0.1,10.7.0.0/16',
        RATE_LIMIT_SIGN_IN_PER_IP: '4',
        RATE_LIMIT_SIGN_IN_PER_ACCOUNT: '2',
        RATE_LIMIT_PASSWORD_PER_IP: '3',
        RATE_LIMIT_PASSWORD_PER_ACCOUNT: '1',
        RATE_LIMIT_PUBLIC_FORM_PER_IP: '2',
      });
    });
    afterAll(async () => built?.close());

    it('believes X-Forwarded-For from a configured proxy, and only from it', async () => {
      await signIn(built.app, 'proxied', '10.8.0.1', { 'x-forwarded-for': '203.0.113.7' });
      expect(await lastFailureIp(built.database, 'proxied')).toBe('203.0.113.7');
      await signIn(built.app, 'ranged', '10.7.3.4', { 'x-forwarded-for': '203.0.113.8' });
      expect(await lastFailureIp(built.database, 'ranged')).toBe('203.0.113.8');
      await signIn(built.app, 'direct', '10.6.0.1', { 'x-forwarded-for': '203.0.113.9' });
      expect(await lastFailureIp(built.database, 'direct')).toBe('10.6.0.1');
    });

    it('limits sign-ins per account whatever the address, with a localised 429', async () => {
      expect((await signIn(built.app, 'target', '10.5.0.1')).statusCode).toBe(401);
      expect((await signIn(built.app, 'TARGET', '10.5.0.2')).statusCode).toBe(401);
      const limited = await signIn(built.app, 'target', '10.5.0.3');
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toEqual({
        error: { code: 'RATE_LIMITED', message: 'Too many requests. Please wait a moment.' },
      });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      const zh = await signIn(built.app, 'target', '10.5.0.4', { 'accept-language': 'zh-CN' });
      expect(zh.json().error.code).toBe('RATE_LIMITED');
      expect(zh.json().error.message).not.toBe(limited.json().error.message);
    });

    it('limits sign-ins per address across accounts, staff and portal alike, the address seen through the proxy', async () => {
      for (let i = 0; i < 4; i++)
        expect(
          (await signIn(built.app, `user-${i}`, '10.8.0.1', { 'x-forwarded-for': '198.51.100.1' })).statusCode,
        ).toBe(401);
      expect((await signIn(built.app, 'user-5', '10.8.0.1', { 'x-forwarded-for': '198.51.100.1' })).statusCode).toBe(
        429,
      );
      // Another client behind the same proxy is not held back.
      expect((await signIn(built.app, 'user-6', '10.8.0.1', { 'x-forwarded-for': '198.51.100.2' })).statusCode).toBe(
        401,
      );
      const portal = (login: string) =>
        built.app.inject({
          method: 'POST',
          url: '/api/portal/v1/login',
          payload: { login, password: 'x' },
          remoteAddress: '10.4.0.1',
        });
      for (let i = 0; i < 4; i++) expect((await portal(`p${i}@example.com`)).statusCode).toBe(401);
      expect((await portal('p9@example.com')).statusCode).toBe(429);
    });

    it('limits password resets per account and per address', async () => {
      const reset = (login: string, remoteAddress: string) =>
        built.app.inject({ method: 'POST', url: '/api/portal/v1/password-reset', payload: { login }, remoteAddress });
      expect((await reset('buyer@example.com', '10.3.0.1')).statusCode).not.toBe(429);
      expect((await reset('Buyer@example.com', '10.3.0.2')).statusCode).toBe(429);
      expect((await reset('other@example.com', '10.3.0.2')).statusCode).not.toBe(429);
      expect((await reset('third@example.com', '10.3.0.2')).statusCode).not.toBe(429);
      expect((await reset('fourth@example.com', '10.3.0.2')).statusCode).toBe(429);
    });

    it('limits password changes per signed-in account, whatever the address', async () => {
      const login = await built.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: adminPassword },
        remoteAddress: '10.1.0.1',
      });
      expect(login.statusCode).toBe(200);
      const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const change = (remoteAddress: string) =>
        built.app.inject({
          method: 'POST',
          url: '/api/v1/auth/password',
          payload: { currentPassword: 'guess', newPassword: 'Whatever2026' },
          remoteAddress,
          headers: { cookie, 'x-csrf-token': login.json().csrfToken },
        });
      expect((await change('10.1.0.2')).statusCode).toBe(400);
      expect((await change('10.1.0.3')).statusCode).toBe(429);
    });

    it('limits captcha pictures per address', async () => {
      const captcha = () => built.app.inject({ method: 'GET', url: '/api/v1/auth/captcha', remoteAddress: '10.2.0.9' });
      for (let i = 0; i < 4; i++) expect((await captcha()).statusCode).toBe(200);
      expect((await captcha()).statusCode).toBe(429);
    });

    it('limits the public web form and survey links per address', async () => {
      const form = () =>
        built.app.inject({
          method: 'POST',
          url: '/api/public/v1/tickets',
          payload: { subject: 'x' },
          remoteAddress: '10.2.0.1',
        });
      expect((await form()).statusCode).not.toBe(429);
      expect((await form()).statusCode).not.toBe(429);
      expect((await form()).statusCode).toBe(429);
      const survey = () =>
        built.app.inject({
          method: 'GET',
          url: '/api/public/v1/surveys/no-such-token-000000',
          remoteAddress: '10.2.0.2',
        });
      expect((await survey()).statusCode).not.toBe(429);
      expect((await survey()).statusCode).not.toBe(429);
      expect((await survey()).statusCode).toBe(429);
    });
  });
});
