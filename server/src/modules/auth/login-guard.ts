import type { Settings } from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import * as repo from './auth.repository.ts';

/** Failure counters per username and per IP; counts older than the lock window are forgotten. */
export type LoginGuardState = { failures: number; lockedUntil: string | null };

export const userKey = (username: string) => `user:${username.toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

export async function readGuard(db: Kysely<DB>, settings: Settings, username: string, ip: string) {
  const rows = await repo.findFailures(db, [userKey(username), ipKey(ip)]);
  const windowStart = Date.now() - settings.lockMinutes * 60_000;
  const live = (key: string) => {
    const row = rows.find((r) => r.key === key);
    if (!row) return { failures: 0, lockedUntil: null };
    const locked = row.lockedUntil && Date.parse(row.lockedUntil) > Date.now() ? row.lockedUntil : null;
    const fresh = Date.parse(row.lastFailedAt) >= windowStart;
    return { failures: fresh || locked ? row.count : 0, lockedUntil: locked };
  };
  const user = live(userKey(username));
  const byIp = live(ipKey(ip));
  return {
    lockedUntil: user.lockedUntil,
    captchaRequired: Math.max(user.failures, byIp.failures) >= settings.captchaAfterFailures,
    userFailures: user.failures,
    ipFailures: byIp.failures,
  };
}

/** Counts a failed attempt; returns true when this failure locks the account. */
export async function countFailure(
  db: Kysely<DB>,
  settings: Settings,
  username: string,
  ip: string,
  state: { userFailures: number; ipFailures: number },
): Promise<boolean> {
  const at = new Date().toISOString();
  const userFailures = state.userFailures + 1;
  const locks = userFailures >= settings.lockAfterFailures;
  const lockedUntil = locks ? new Date(Date.now() + settings.lockMinutes * 60_000).toISOString() : null;
  await repo.recordFailure(db, userKey(username), userFailures, at, lockedUntil);
  await repo.recordFailure(db, ipKey(ip), state.ipFailures + 1, at, null);
  return locks;
}

export async function clearGuard(db: Kysely<DB>, username: string, ip: string) {
  await repo.clearFailures(db, [userKey(username), ipKey(ip)]);
}
