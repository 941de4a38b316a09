import type { Locale, LoginInput, SessionInfo } from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor, AuditActor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { loadActor } from '../../platform/authenticate.ts';
import { fieldError } from '../../platform/errors.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../../platform/passwords.ts';
import { randomToken, sha256 } from '../../platform/tokens.ts';
import { revokeAllKeys } from '../apikeys/index.ts';
import { getSettings } from '../settings/index.ts';
import * as repo from './auth.repository.ts';
import { checkCredentials } from './credential-check.ts';
import { inTransaction } from '../../platform/context.ts';

type Client = { ip: string; userAgent: string | null };

/** Changes the caller's language and returns the session as it now is. */
export async function changeLocale(db: Kysely<DB>, actor: Actor, locale: Locale): Promise<SessionInfo> {
  await repo.setLocale(db, actor.userId, locale);
  return sessionInfo(db, { ...actor, locale });
}

/** What the web app needs to know about the signed-in user. */
export async function sessionInfo(db: Kysely<DB>, actor: Actor): Promise<SessionInfo> {
  const user = await repo.findSessionUser(db, actor.userId);
  return {
    user: { ...user, locale: actor.locale, roleIds: actor.roleIds },
    permissions: [...actor.permissions].sort(),
    dataScopes: Object.fromEntries(Object.entries(actor.scopes).filter(([, v]) => v !== null)) as Record<
      string,
      string
    >,
    fieldRules: actor.fieldRules,
    csrfToken: actor.csrfToken ?? '',
  };
}

/** Signs a user in (see `checkCredentials`) and opens a session stored in the database. */
export async function login(db: Kysely<DB>, input: LoginInput, client: Client) {
  const settings = await getSettings(db);
  const user = await checkCredentials(db, settings, {
    guard: { name: input.username, ip: client.ip },
    captchaId: input.captchaId,
    captchaText: input.captchaText,
    password: input.password,
    find: async () => {
      const found = await repo.findUserByUsername(db, input.username);
      return found && { ...found, active: found.status === 'active' };
    },
    audit: (action, userId, detail) =>
      writeAudit(
        db,
        { userId: userId ?? 0, username: input.username, ip: client.ip, userAgent: client.userAgent },
        { action, entity: 'auth', entityId: userId, detail },
      ),
  });
  const token = randomToken();
  const csrfToken = randomToken(24);
  const now = nowIso();
  const sessionId = sha256(token);
  await repo.insertSession(db, {
    id: sessionId,
    userId: user.id,
    csrfToken,
    ip: client.ip,
    userAgent: client.userAgent,
    createdAt: now,
    expiresAt: new Date(Date.now() + settings.sessionHours * 3_600_000).toISOString(),
  });
  await repo.touchLastLogin(db, user.id, now);
  const actor = await loadActor(db, user.id, { via: 'session', sessionId, csrfToken }, { ip: client.ip, headers: {} });
  return { token, maxAgeSeconds: settings.sessionHours * 3600, info: await sessionInfo(db, actor!) };
}

export async function logout(db: Kysely<DB>, actor: Actor): Promise<void> {
  if (actor.sessionId) await repo.deleteSession(db, actor.sessionId);
  await writeAudit(db, actor, { action: 'logout', entity: 'auth', entityId: actor.userId });
}

/** Changes one's own password, signs out one's other sessions and revokes one's API keys; returns how many keys were. */
export async function changeOwnPassword(
  db: Kysely<DB>,
  actor: Actor,
  currentPassword: string,
  newPassword: string,
): Promise<{ apiKeysRevoked: number }> {
  const settings = await getSettings(db);
  const { passwordHash } = await repo.findPasswordHash(db, actor.userId);
  if (!(await verifyPassword(passwordHash, currentPassword))) throw fieldError('currentPassword', 'wrongPassword');
  checkPasswordPolicy(newPassword, settings, 'newPassword');
  const newHash = await hashPassword(newPassword);
  return inTransaction(db, async (db) => {
    await repo.setPasswordHash(db, actor.userId, newHash, nowIso());
    await repo.deleteUserSessions(db, actor.userId, actor.sessionId ?? undefined);
    const apiKeysRevoked = await revokeAllKeys(db, actor.userId);
    await writeAudit(db, actor, {
      action: 'password_change',
      entity: 'users',
      entityId: actor.userId,
      detail: { apiKeysRevoked },
    });
    return { apiKeysRevoked };
  });
}

/** Signs a user out everywhere: every session of theirs ends. */
export async function endUserSessions(db: Kysely<DB>, userId: number): Promise<void> {
  await repo.deleteUserSessions(db, userId);
}

export type { AuditActor };
