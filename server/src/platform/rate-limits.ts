import fastifyRateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler, RouteOptions } from 'fastify';
import type { RateLimits } from '../config.ts';
import { AppError } from './errors.ts';

type Rule = {
  /** The routes it covers, as `METHOD url` exactly as they are declared. */
  routes: string[];
  perIp: number;
  /** Requests per account: the one named by this body field (the login as typed, case-folded), or the one signed in. */
  perAccount?: { max: number; field: string | 'signed-in' };
};

function rulesOf(limits: RateLimits): Rule[] {
  return [
    {
      routes: ['POST /api/v1/auth/login'],
      perIp: limits.signInPerIp,
      perAccount: { max: limits.signInPerAccount, field: 'username' },
    },
    {
      routes: ['POST /api/portal/v1/login'],
      perIp: limits.signInPerIp,
      perAccount: { max: limits.signInPerAccount, field: 'login' },
    },
    // Changing one's password checks the current one: a stolen session must not make it a guessing oracle.
    {
      routes: ['POST /api/v1/auth/password', 'POST /api/portal/v1/password'],
      perIp: limits.passwordPerIp,
      perAccount: { max: limits.passwordPerAccount, field: 'signed-in' },
    },
    {
      routes: ['POST /api/portal/v1/password-reset'],
      perIp: limits.passwordPerIp,
      perAccount: { max: limits.passwordPerAccount, field: 'login' },
    },
    { routes: ['POST /api/portal/v1/accept'], perIp: limits.passwordPerIp },
    {
      routes: [
        'POST /api/public/v1/tickets',
        'GET /api/public/v1/surveys/:token',
        'POST /api/public/v1/surveys/:token',
      ],
      perIp: limits.publicFormPerIp,
    },
    // SMS providers push receipts and replies in batches from a few addresses: a limit of its own.
    { routes: ['POST /api/public/v1/sms/callbacks/:provider/:kind'], perIp: limits.smsCallbackPerIp },
    // Every captcha picture is a row in the database until it expires.
    { routes: ['GET /api/v1/auth/captcha', 'GET /api/portal/v1/captcha'], perIp: limits.signInPerIp },
  ];
}

function accountKey(field: string) {
  if (field === 'signed-in')
    return (request: FastifyRequest) =>
      request.actor
        ? `user:${request.actor.userId}`
        : request.portalActor
          ? `portal:${request.portalActor.accountId}`
          : '';
  return (request: FastifyRequest) => {
    const value = (request.body as Record<string, unknown> | undefined)?.[field];
    return typeof value === 'string' ? value.trim().toLowerCase() : '';
  };
}

/**
 * Limits how often one address (an IPv6 client by its /64) and one account (where the request names
 * one or is signed in) may sign in, change
 * or reset a password, or post a public form; the rest of the API is not limited. Over the limit
 * the answer is 429 RATE_LIMITED. Counts live in this process's memory.
 */
export async function installRateLimits(app: FastifyInstance, limits: RateLimits): Promise<void> {
  await app.register(fastifyRateLimit, { global: false, timeWindow: limits.windowSeconds * 1000, cache: 20_000 });
  const hooksByRoute = new Map<string, preHandlerAsyncHookHandler[]>();
  for (const rule of rulesOf(limits)) {
    // Each limiter keeps its own counts, shared by the routes of its rule.
    const limiters = [
      app.createRateLimit({ max: rule.perIp, keyGenerator: (request) => `ip:${normalizeIP(request.ip)}` }),
    ];
    if (rule.perAccount) {
      const key = accountKey(rule.perAccount.field);
      limiters.push(
        app.createRateLimit({ max: rule.perAccount.max, keyGenerator: (request) => `account:${key(request)}` }),
      );
    }
    const hook: preHandlerAsyncHookHandler = async (request, reply) => {
      for (const limiter of limiters) {
        const state = await limiter(request);
        if (!state.isAllowed && state.isExceeded) {
          reply.header('retry-after', state.ttlInSeconds);
          throw new AppError('RATE_LIMITED');
        }
      }
    };
    for (const route of rule.routes) hooksByRoute.set(route, [hook]);
  }
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const hooks = methods.flatMap((method) => hooksByRoute.get(`${method} ${route.url}`) ?? []);
    if (!hooks.length) return;
    // preHandler: the body, and with it the account it names, is parsed by then.
    const existing = route.preHandler ? (Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler]) : [];
    route.preHandler = [...existing, ...hooks] as RouteOptions['preHandler'];
  });
}
