import type { LoginInput, SessionInfo } from '@relate/common';
import type { Kysely } from 'kysely';
import svgCaptcha from 'svg-captcha';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor, AuditActor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { loadActor } from '../../platform/authenticate.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { checkPasswordPolicy, hashPassword, verifyDecoy, verifyPassword } from '../../platform/passwords.ts';
import { randomToken, sha256 } from '../../platform/tokens.ts';
import { getSettings } from '../settings/index.ts';
import * as repo from './auth.repository.ts';
import { clearGuard, countFailure, readGuard } from './login-guard.ts';

type Client = { ip: string; userAgent: string | null };

export async function createCaptcha(db: Kysely<DB>): Promise<{ id: string; svg: string }> {
  const captcha = svgCaptcha.create({ size: 4, noise: 2, ignoreChars: '0oO1iIlL', color: false });
  const id = randomToken(16);
  const now = nowIso();
  await repo.deleteExpiredCaptchas(db, now);
  await repo.insertCaptcha(db, id, captcha.text.toLowerCase(), new Date(Date.now() + 5 * 60_000).toISOString());
  return { id, svg: captcha.data };
}

/** Whether a captcha was answered right; each captcha can be tried once. */
export async function solveCaptcha(db: Kysely<DB>, id: string | null | undefined, text: string | null | undefined): Promise<boolean> {
  if (!id || !text) return false;
  const captcha = await repo.takeCaptcha(db, id);
  if (!captcha || Date.parse(captcha.expiresAt) < Date.now()) return false;
  return captcha.answer === text.trim().toLowerCase();
}

const captchaSolved = (db: Kysely<DB>, input: LoginInput) => solveCaptcha(db, input.captchaId, input.captchaText);

/** What the web app needs to know about the signed-in user. */
export async function sessionInfo(db: Kysely<DB>, actor: Actor): Promise<SessionInfo> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'username', 'displayName', 'email', 'departmentId', 'locale'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  return {
    user: { ...user, locale: actor.locale, roleIds: actor.roleIds },
    permissions: [...actor.permissions].sort(),
    dataScopes: Object.fromEntries(Object.entries(actor.scopes).filter(([, v]) => v !== null)) as Record<string, string>,
    fieldRules: actor.fieldRules,
    csrfToken: actor.csrfToken ?? '',
  };
}

/**
 * Signs a user in: enforces captcha and lockout, verifies the password, opens a session
 * stored in the database, and audits success and failure alike.
 */
export async function login(db: Kysely<DB>, input: LoginInput, client: Client) {
  const settings = await getSettings(db);
  const audit = (userId: number | null, action: string, detail: Record<string, unknown>) =>
    writeAudit(db, { userId: userId ?? 0, username: input.username, ip: client.ip, userAgent: client.userAgent }, {
      action,
      entity: 'auth',
      entityId: userId,
      detail,
    });

  const guard = await readGuard(db, settings, input.username, client.ip);
  if (guard.lockedUntil) {
    await audit(null, 'login_failed', { reason: 'locked' });
    throw new AppError('ACCOUNT_LOCKED', 'ACCOUNT_LOCKED', undefined, { minutes: settings.lockMinutes });
  }
  if (guard.captchaRequired && !(await captchaSolved(db, input))) {
    await audit(null, 'login_failed', { reason: input.captchaId ? 'captcha_wrong' : 'captcha_missing' });
    throw new AppError('CAPTCHA_REQUIRED', input.captchaId ? 'CAPTCHA_WRONG' : 'CAPTCHA_REQUIRED');
  }

  const user = await repo.findUserByUsername(db, input.username);
  const passwordOk = user ? await verifyPassword(user.passwordHash, input.password) : (await verifyDecoy(input.password), false);
  if (!user || !passwordOk) {
    const locked = await countFailure(db, settings, input.username, client.ip, guard);
    await audit(user?.id ?? null, 'login_failed', { reason: 'credentials', locked });
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.status !== 'active') {
    await audit(user.id, 'login_failed', { reason: 'disabled' });
    throw new AppError('ACCOUNT_DISABLED');
  }

  await clearGuard(db, input.username, client.ip);
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
  await audit(user.id, 'login', {});
  const actor = await loadActor(db, user.id, { via: 'session', sessionId, csrfToken }, { ip: client.ip, headers: {} });
  return { token, maxAgeSeconds: settings.sessionHours * 3600, info: await sessionInfo(db, actor!) };
}

export async function logout(db: Kysely<DB>, actor: Actor): Promise<void> {
  if (actor.sessionId) await repo.deleteSession(db, actor.sessionId);
  await writeAudit(db, actor, { action: 'logout', entity: 'auth', entityId: actor.userId });
}

/** Changes one's own password and signs out one's other sessions. */
export async function changeOwnPassword(db: Kysely<DB>, actor: Actor, currentPassword: string, newPassword: string) {
  const settings = await getSettings(db);
  const { passwordHash } = await repo.findPasswordHash(db, actor.userId);
  if (!(await verifyPassword(passwordHash, currentPassword))) throw fieldError('currentPassword', 'wrongPassword');
  checkPasswordPolicy(newPassword, settings, 'newPassword');
  const newHash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    await repo.setPasswordHash(trx, actor.userId, newHash, nowIso());
    await repo.deleteUserSessions(trx, actor.userId, actor.sessionId ?? undefined);
    await writeAudit(trx, actor, { action: 'password_change', entity: 'users', entityId: actor.userId });
  });
}

export type { AuditActor };
