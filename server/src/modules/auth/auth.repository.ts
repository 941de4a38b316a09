import type { Insertable, Kysely } from 'kysely';
import type { DB, SessionTable } from '../../db/schema.ts';

export function findUserByUsername(db: Kysely<DB>, username: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'passwordHash', 'status'])
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
}

/** What the web app is told about the signed-in user. */
export function findSessionUser(db: Kysely<DB>, userId: number) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'displayName', 'email', 'departmentId', 'locale'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

export function findFailures(db: Kysely<DB>, keys: string[]) {
  return db.selectFrom('loginFailures').selectAll().where('key', 'in', keys).execute();
}

/**
 * Counts one more attempt under `key` in one statement, unless `limit` attempts are already counted
 * in the window: the count after it, or null when refused. A count older than `windowStart` (and not
 * holding a lock) starts again at 1.
 */
export async function claimAttempt(
  db: Kysely<DB>,
  key: string,
  limit: number,
  at: string,
  windowStart: string,
): Promise<number | null> {
  const row = await db
    .insertInto('loginFailures')
    .values({ key, count: 1, lastFailedAt: at, lockedUntil: null })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet((eb) => {
          const stale = eb.and([
            eb('loginFailures.lastFailedAt', '<', windowStart),
            eb.or([eb('loginFailures.lockedUntil', 'is', null), eb('loginFailures.lockedUntil', '<', at)]),
          ]);
          return {
            count: eb
              .case()
              .when(stale)
              .then(1)
              .else(eb('loginFailures.count', '+', 1))
              .end(),
            lastFailedAt: at,
            lockedUntil: eb.case().when(stale).then(null).else(eb.ref('loginFailures.lockedUntil')).end(),
          };
        })
        .where((eb) =>
          eb.or([
            eb('loginFailures.count', '<', limit),
            eb.and([
              eb('loginFailures.lastFailedAt', '<', windowStart),
              eb.or([eb('loginFailures.lockedUntil', 'is', null), eb('loginFailures.lockedUntil', '<', at)]),
            ]),
          ]),
        ),
    )
    .returning('count')
    .executeTakeFirst();
  return row ? row.count : null;
}

/** Takes back an attempt counted by `claimAttempt` that was never checked. */
export function releaseAttempt(db: Kysely<DB>, key: string) {
  return db
    .updateTable('loginFailures')
    .set((eb) => ({ count: eb('count', '-', 1) }))
    .where('key', '=', key)
    .where('count', '>', 0)
    .execute();
}

export function lockKey(db: Kysely<DB>, key: string, lockedUntil: string) {
  return db.updateTable('loginFailures').set({ lockedUntil }).where('key', '=', key).execute();
}

export function clearFailures(db: Kysely<DB>, keys: string[]) {
  return db.deleteFrom('loginFailures').where('key', 'in', keys).execute();
}

export function insertCaptcha(db: Kysely<DB>, id: string, answer: string, expiresAt: string) {
  return db.insertInto('captchas').values({ id, answer, expiresAt }).execute();
}

/** Reads and deletes a captcha: each one can be tried once. */
export async function takeCaptcha(db: Kysely<DB>, id: string) {
  const row = await db
    .deleteFrom('captchas')
    .where('id', '=', id)
    .returning(['answer', 'expiresAt'])
    .executeTakeFirst();
  return row ?? null;
}

export function deleteExpiredCaptchas(db: Kysely<DB>, now: string) {
  return db.deleteFrom('captchas').where('expiresAt', '<', now).execute();
}

export function insertSession(db: Kysely<DB>, values: Insertable<SessionTable>) {
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

export function setLocale(db: Kysely<DB>, userId: number, locale: string) {
  return db.updateTable('users').set({ locale }).where('id', '=', userId).execute();
}
