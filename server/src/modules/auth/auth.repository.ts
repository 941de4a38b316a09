import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export function findUserByUsername(db: Kysely<DB>, username: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'passwordHash', 'status'])
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
}

export function findFailures(db: Kysely<DB>, keys: string[]) {
  return db.selectFrom('loginFailures').selectAll().where('key', 'in', keys).execute();
}

export async function recordFailure(db: Kysely<DB>, key: string, count: number, at: string, lockedUntil: string | null) {
  await db
    .insertInto('loginFailures')
    .values({ key, count, lastFailedAt: at, lockedUntil })
    .onConflict((oc) => oc.column('key').doUpdateSet({ count, lastFailedAt: at, lockedUntil }))
    .execute();
}

export function clearFailures(db: Kysely<DB>, keys: string[]) {
  return db.deleteFrom('loginFailures').where('key', 'in', keys).execute();
}

export function insertCaptcha(db: Kysely<DB>, id: string, answer: string, expiresAt: string) {
  return db.insertInto('captchas').values({ id, answer, expiresAt }).execute();
}

/** Reads and deletes a captcha: each one can be tried once. */
export async function takeCaptcha(db: Kysely<DB>, id: string) {
  const row = await db.deleteFrom('captchas').where('id', '=', id).returning(['answer', 'expiresAt']).executeTakeFirst();
  return row ?? null;
}

export function deleteExpiredCaptchas(db: Kysely<DB>, now: string) {
  return db.deleteFrom('captchas').where('expiresAt', '<', now).execute();
}

export function insertSession(
  db: Kysely<DB>,
  values: { id: string; userId: number; csrfToken: string; ip: string | null; userAgent: string | null; createdAt: string; expiresAt: string },
) {
  return db.insertInto('sessions').values(values).execute();
}

export function deleteSession(db: Kysely<DB>, id: string) {
  return db.deleteFrom('sessions').where('id', '=', id).execute();
}

export function deleteUserSessions(db: Kysely<DB>, userId: number, exceptId?: string) {
  let query = db.deleteFrom('sessions').where('userId', '=', userId);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return query.execute();
}

export function touchLastLogin(db: Kysely<DB>, userId: number, at: string) {
  return db.updateTable('users').set({ lastLoginAt: at }).where('id', '=', userId).execute();
}

export function findPasswordHash(db: Kysely<DB>, userId: number) {
  return db.selectFrom('users').select('passwordHash').where('id', '=', userId).executeTakeFirstOrThrow();
}

export function setPasswordHash(db: Kysely<DB>, userId: number, passwordHash: string, at: string) {
  return db.updateTable('users').set({ passwordHash, updatedAt: at }).where('id', '=', userId).execute();
}
