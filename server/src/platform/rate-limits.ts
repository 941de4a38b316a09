import { createHash } from 'node:crypto';
import fastifyRateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler, RouteOptions } from 'fastify';
import type { Kysely } from 'kysely';
import type { RateLimits } from '../config.ts';
import type { DB } from '../db/schema.ts';
import { runAsUnitOfWork } from '../db/unit-of-work.ts';
import { AppError } from './errors.ts';

type Rule = {
  /** Names the rule's counts in the shared table. */
  name: string;
  /** The routes it covers, as `METHOD url` exactly as they are declared. */
  routes: string[];
  perIp: number;
  /**
   * Requests per account: the one named by this body field (the login as typed, case-folded), the one
   * signed in, or (`param:<name>`) the record the URL names, such as one web form.
   */
  perAccount?: { max: number; field: string | 'signed-in' };
};

function rulesOf(limits: RateLimits): Rule[] {
  return [
    {
      name: 'sign-in',
      routes: ['POST /api/v1/auth/login'],
      perIp: limits.signInPerIp,
      perAccount: { max: limits.signInPerAccount, field: 'username' },
    },
    {
      name: 'portal-sign-in',
      routes: ['POST /api/portal/v1/login'],
      perIp: limits.signInPerIp,
      perAccount: { max: limits.signInPerAccount, field: 'login' },
    },
    // Changing one's password checks the current one: a stolen session must not make it a guessing oracle.
    {
      name: 'password',
      routes: ['POST /api/v1/auth/password', 'POST /api/portal/v1/password'],
      perIp: limits.passwordPerIp,
      perAccount: { max: limits.passwordPerAccount, field: 'signed-in' },
    },
    {
      name: 'portal-reset',
      routes: ['POST /api/portal/v1/password-reset'],
      perIp: limits.passwordPerIp,
      perAccount: { max: limits.passwordPerAccount, field: 'login' },
    },
    { name: 'portal-accept', routes: ['POST /api/portal/v1/accept'], perIp: limits.passwordPerIp },
    {
      name: 'public-form',
      routes: [
        'POST /api/public/v1/tickets',
        'GET /api/public/v1/surveys/:token',
        'POST /api/public/v1/surveys/:token',
      ],
      perIp: limits.publicFormPerIp,
    },
    // A web-to-lead form: each address, and each form whoever sends it.
    {
      name: 'web-form',
      routes: ['POST /api/public/v1/forms/:slug/submit'],
      perIp: limits.publicFormPerIp,
      perAccount: { max: limits.webFormPerForm, field: 'param:slug' },
    },
    // SMS providers push receipts and replies in batches from a few addresses: a limit of its own.
    {
      name: 'sms-callback',
      routes: ['POST /api/public/v1/sms/callbacks/:provider/:kind'],
      perIp: limits.smsCallbackPerIp,
    },
    // Every captcha picture is a row in the database until it expires.
    { name: 'captcha', routes: ['GET /api/v1/auth/captcha', 'GET /api/portal/v1/captcha'], perIp: limits.signInPerIp },
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
  if (field.startsWith('param:'))
    return (request: FastifyRequest) => {
      const value = (request.params as Record<string, unknown> | undefined)?.[field.slice(6)];
      return typeof value === 'string' ? value.trim().toLowerCase() : '';
    };
  return (request: FastifyRequest) => {
    const value = (request.body as Record<string, unknown> | undefined)?.[field];
    return typeof value === 'string' ? value.trim().toLowerCase() : '';
  };
}

type StoreCallback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * Counts one request for `key` in its window, in one statement on the shared table: a window that has
 * ended starts again at 1. Every server instance on the database counts into the same rows.
 */
export async function countRequest(db: Kysely<DB>, name: string, windowMs: number, now = Date.now()) {
  // A login of a megabyte must not become a key of a megabyte (an index holds a few kB at most).
  const key = name.length > 200 ? `${name.slice(0, 40)}#${createHash('sha256').update(name).digest('hex')}` : name;
  const resetsAt = now + windowMs;
  const row = await db
    .insertInto('rateLimitCounts')
    .values({ key, hits: 1, resetsAt })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        hits: eb
          .case()
          .when('rateLimitCounts.resetsAt', '<=', now)
          .then(1)
          .else(eb('rateLimitCounts.hits', '+', 1))
          .end(),
        resetsAt: eb
          .case()
          .when('rateLimitCounts.resetsAt', '<=', now)
          .then(resetsAt)
          .else(eb.ref('rateLimitCounts.resetsAt'))
          .end(),
      })),
    )
    .returning(['hits', 'resetsAt'])
    .executeTakeFirstOrThrow();
  return { current: Number(row.hits), ttl: Math.max(0, Number(row.resetsAt) - now) };
}

/** Removes the counts whose window has ended. */
export async function removeEndedCounts(db: Kysely<DB>, now = Date.now()): Promise<void> {
  await db.deleteFrom('rateLimitCounts').where('resetsAt', '<', now).execute();
}

/** A store for @fastify/rate-limit that keeps its counts in the database (see `countRequest`). */
function databaseStore(db: Kysely<DB>) {
  let counted = 0;
  return class DatabaseRateLimitStore {
    child() {
      return this;
    }

    incr(key: string, callback: StoreCallback, timeWindow: number) {
      // Now and then, the ended windows are cleared away (a new one starts over its row anyway).
      if (++counted % 500 === 0) void runAsUnitOfWork(() => removeEndedCounts(db), {}).catch(() => undefined);
      countRequest(db, key, timeWindow).then(
        (result) => callback(null, result),
        (error: Error) => callback(error),
      );
    }
  };
}

/**
 * Limits how often one address (an IPv6 client by its /64) and one account (where the request names
 * one or is signed in) may sign in, change
 * or reset a password, or post a public form; the rest of the API is not limited. Over the limit
 * the answer is 429 RATE_LIMITED. Counts live in the database (`rate_limit_counts`), so every server
 * instance on it counts the same requests.
 */
export async function installRateLimits(app: FastifyInstance, limits: RateLimits, db: Kysely<DB>): Promise<void> {
  await app.register(fastifyRateLimit, {
    global: false,
    timeWindow: limits.windowSeconds * 1000,
    store: databaseStore(db),
  });
  const hooksByRoute = new Map<string, preHandlerAsyncHookHandler[]>();
  for (const rule of rulesOf(limits)) {
    // Each limiter keeps its own counts, shared by the routes of its rule.
    const limiters = [
      app.createRateLimit({ max: rule.perIp, keyGenerator: (request) => `${rule.name}:ip:${normalizeIP(request.ip)}` }),
    ];
    if (rule.perAccount) {
      const key = accountKey(rule.perAccount.field);
      limiters.push(
        app.createRateLimit({
          max: rule.perAccount.max,
          keyGenerator: (request) => `${rule.name}:account:${key(request)}`,
        }),
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
