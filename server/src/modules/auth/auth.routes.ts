import { Captcha, ChangePasswordInput, LoginInput, locales, SessionInfo, SessionState } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { sessionCookie, sessionCookieOptions } from '../../platform/authenticate.ts';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './auth.service.ts';
import { createCaptcha } from './captcha.ts';

export function authRoutes(app: FastifyInstance, { db }: AppContext): void {
  const tag = 'auth';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/auth/captcha',
      access: 'public',
      tag,
      summary: 'A new captcha picture',
      response: Captcha,
    },
    async ({ reply }) => {
      reply.header('cache-control', 'no-store');
      return createCaptcha(db);
    },
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/auth/login',
      access: 'public',
      csrfExempt: true,
      tag,
      summary: 'Sign in; sets the session cookie',
      body: LoginInput,
      response: SessionInfo,
    },
    async ({ body, request, reply }) => {
      const result = await service.login(db, body, {
        ip: request.ip,
        userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
      });
      reply.setCookie(sessionCookie, result.token, sessionCookieOptions(request, result.maxAgeSeconds));
      return result.info;
    },
  );
  defineRoute(
    app,
    { method: 'POST', url: '/api/v1/auth/logout', access: 'authenticated', tag, summary: 'Sign out', status: 204 },
    async ({ actor, reply }) => {
      await service.logout(db, actor);
      reply.clearCookie(sessionCookie, { path: '/' });
    },
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/auth/me',
      access: 'authenticated',
      tag,
      summary: 'The signed-in user',
      response: SessionInfo,
    },
    async ({ actor }) => service.sessionInfo(db, actor),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/auth/password',
      access: 'authenticated',
      tag,
      summary: 'Change own password: other sessions end and all own API keys are revoked (the answer says how many)',
      body: ChangePasswordInput,
      response: z.object({ apiKeysRevoked: z.number().int() }),
    },
    async ({ actor, body }) => service.changeOwnPassword(db, actor, body.currentPassword, body.newPassword),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/auth/session',
      access: 'public',
      tag,
      summary: 'Whether the caller is signed in, and as whom (the app asks this without a 401 for visitors)',
      response: SessionState,
    },
    async ({ request }) => ({ session: request.actor ? await service.sessionInfo(db, request.actor) : null }),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/auth/me',
      access: 'authenticated',
      tag,
      summary: 'Change own preferences (language)',
      body: z.object({ locale: z.enum(locales) }),
      response: SessionInfo,
    },
    async ({ actor, body }) => {
      return service.changeLocale(db, actor, body.locale);
    },
  );
}
