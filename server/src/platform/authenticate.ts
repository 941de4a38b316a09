import { timingSafeEqual } from 'node:crypto';
import { type Locale, resolveLocale } from '@relate/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { nowIso } from '../db/time.ts';
import type { Actor } from './actor.ts';
import { AppError } from './errors.ts';
import { type PortalActor, portalSessionCookie } from './portal-actor.ts';
import { mergeRoleRights } from './role-rights.ts';
import { sha256 } from './tokens.ts';

export const sessionCookie = 'relate_sid';
const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    portalActor: PortalActor | null;
  }
}

type Credentials = { via: 'session'; sessionId: string; csrfToken: string } | { via: 'apikey' | 'job' };

/** Builds the actor for an active user, with the merged rights of their roles. */
export async function loadActor(
  db: Kysely<DB>,
  userId: number,
  credentials: Credentials,
  request: Pick<FastifyRequest, 'headers'> & { ip?: string },
): Promise<Actor | null> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'username', 'displayName', 'departmentId', 'locale', 'status'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.status !== 'active') return null;
  const roles = await db
    .selectFrom('userRoles')
    .innerJoin('roles', 'roles.id', 'userRoles.roleId')
    .select(['roles.id', 'roles.permissions', 'roles.dataScopes', 'roles.fieldRules'])
    .where('userRoles.userId', '=', userId)
    .execute();
  const rights = mergeRoleRights(roles);
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    departmentId: user.departmentId,
    locale: resolveLocale(user.locale) as Locale,
    roleIds: roles.map((r) => r.id),
    ...rights,
    via: credentials.via,
    sessionId: credentials.via === 'session' ? credentials.sessionId : null,
    csrfToken: credentials.via === 'session' ? credentials.csrfToken : null,
    ip: request.ip ?? null,
    userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
  };
}

async function actorFromApiKey(db: Kysely<DB>, request: FastifyRequest, key: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('apiKeys')
    .select(['id', 'userId', 'lastUsedAt'])
    .where('keyHash', '=', sha256(key))
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  const now = nowIso();
  // Recording every use would turn each read into a write; a minute's precision is enough.
  if (!row.lastUsedAt || Date.parse(now) - Date.parse(row.lastUsedAt) > 60_000) {
    await db.updateTable('apiKeys').set({ lastUsedAt: now }).where('id', '=', row.id).execute();
  }
  return loadActor(db, row.userId, { via: 'apikey' }, request);
}

async function actorFromSession(db: Kysely<DB>, request: FastifyRequest, token: string): Promise<Actor | null> {
  const sessionId = sha256(token);
  const session = await db
    .selectFrom('sessions')
    .select(['userId', 'csrfToken', 'expiresAt'])
    .where('id', '=', sessionId)
    .executeTakeFirst();
  if (!session || Date.parse(session.expiresAt) < Date.now()) return null;
  return loadActor(db, session.userId, { via: 'session', sessionId, csrfToken: session.csrfToken }, request);
}

/** A portal session of an active account whose contact is still on file. */
async function portalActorFromSession(
  db: Kysely<DB>,
  request: FastifyRequest,
  token: string,
): Promise<PortalActor | null> {
  const sessionId = sha256(token);
  const row = await db
    .selectFrom('portalSessions')
    .innerJoin('portalAccounts', 'portalAccounts.id', 'portalSessions.accountId')
    .innerJoin('contacts', 'contacts.id', 'portalAccounts.contactId')
    .select([
      'portalAccounts.id',
      'portalAccounts.contactId',
      'contacts.customerId',
      'portalAccounts.login',
      'portalAccounts.locale',
      'portalSessions.csrfToken',
      'portalSessions.expiresAt',
    ])
    .where('portalSessions.id', '=', sessionId)
    .where('portalAccounts.status', '=', 'active')
    .where('contacts.deletedAt', 'is', null)
    .executeTakeFirst();
  if (!row || Date.parse(row.expiresAt) < Date.now()) return null;
  return {
    accountId: row.id,
    contactId: row.contactId,
    customerId: row.customerId,
    login: row.login,
    locale: resolveLocale(row.locale) as Locale,
    sessionId,
    csrfToken: row.csrfToken,
    ip: request.ip ?? null,
    userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
  };
}

/** Whether the token sent is the expected one, compared in constant time so the answer's timing tells nothing about it. */
export function sameToken(sent: string | string[] | undefined, expected: string | null): boolean {
  if (typeof sent !== 'string' || !expected) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The session cookie: not readable by scripts, sent on same-site navigation, signed, secure over HTTPS. */
export function sessionCookieOptions(request: FastifyRequest, maxAge: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: request.protocol === 'https',
    signed: true,
    maxAge,
  };
}

export function sessionTokenOf(request: FastifyRequest, cookie = sessionCookie): string | null {
  const raw = request.cookies[cookie];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid ? unsigned.value : null;
}

/**
 * Resolves the caller from a bearer API key or the session cookie, then enforces CSRF on
 * state-changing requests that ride on the cookie (API keys are not sent by browsers on their own).
 */
export function installAuthentication(app: FastifyInstance, db: Kysely<DB>): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('portalActor', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    if (request.url.startsWith('/api/portal/')) {
      const token = sessionTokenOf(request, portalSessionCookie);
      if (token) request.portalActor = await portalActorFromSession(db, request, token);
      return;
    }
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      request.actor = await actorFromApiKey(db, request, authorization.slice(7).trim());
      return;
    }
    const token = sessionTokenOf(request);
    if (token) request.actor = await actorFromSession(db, request, token);
  });
  app.addHook('preHandler', async (request) => {
    const portalActor = request.portalActor;
    if (portalActor && stateChanging.has(request.method) && !request.routeOptions.config?.csrfExempt) {
      if (!sameToken(request.headers['x-csrf-token'], portalActor.csrfToken)) throw new AppError('CSRF');
      return;
    }
    const actor = request.actor;
    if (!actor || actor.via !== 'session' || !stateChanging.has(request.method)) return;
    if (request.routeOptions.config?.csrfExempt) return;
    if (!sameToken(request.headers['x-csrf-token'], actor.csrfToken)) throw new AppError('CSRF');
  });
}
