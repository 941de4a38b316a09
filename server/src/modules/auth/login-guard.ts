import type { Settings } from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import * as repo from './auth.repository.ts';

/**
 * Failure counters per login name and per client address; counts older than the lock window are forgotten.
 * An account earns a captcha after `captchaAfterFailures`; an address only after this many times as many
 * failures across accounts, so one person's typos never put a captcha before a whole office behind one NAT.
 */
export const ipCaptchaFactor = 10;

export const userKey = (username: string) => `user:${username.toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

const ipCaptchaAfter = (settings: Settings) => settings.captchaAfterFailures * ipCaptchaFactor;
const windowStart = (settings: Settings) => new Date(Date.now() - settings.lockMinutes * 60_000).toISOString();

export async function readGuard(db: Kysely<DB>, settings: Settings, username: string, ip: string) {
  const rows = await repo.findFailures(db, [userKey(username), ipKey(ip)]);
  const start = Date.parse(windowStart(settings));
  const live = (key: string) => {
    const row = rows.find((r) => r.key === key);
    if (!row) return { failures: 0, lockedUntil: null };
    const locked = row.lockedUntil && Date.parse(row.lockedUntil) > Date.now() ? row.lockedUntil : null;
    const fresh = Date.parse(row.lastFailedAt) >= start;
    return { failures: fresh || locked ? row.count : 0, lockedUntil: locked };
  };
  const user = live(userKey(username));
  const byIp = live(ipKey(ip));
  return {
    lockedUntil: user.lockedUntil,
    captchaRequired: user.failures >= settings.captchaAfterFailures || byIp.failures >= ipCaptchaAfter(settings),
  };
}

export type Attempt = { allowed: true; userAttempts: number } | { allowed: false; refusal: 'locked' | 'captcha' };

/**
 * Counts an attempt before its password is checked, each counter in one atomic statement, so
 * concurrent attempts can never check more passwords than the thresholds allow: without a solved
 * captcha up to the captcha thresholds, with one up to the lock-out. A refused attempt is not counted.
 */
export async function claimAttempt(
  db: Kysely<DB>,
  settings: Settings,
  username: string,
  ip: string,
  captchaSolved: boolean,
): Promise<Attempt> {
  const at = new Date().toISOString();
  const start = windowStart(settings);
  const userLimit = captchaSolved
    ? settings.lockAfterFailures
    : Math.min(settings.captchaAfterFailures, settings.lockAfterFailures);
  const userAttempts = await repo.claimAttempt(db, userKey(username), userLimit, at, start);
  if (userAttempts === null)
    return { allowed: false, refusal: userLimit === settings.lockAfterFailures ? 'locked' : 'captcha' };
  // With a captcha solved the address no longer needs holding back; its count still grows.
  const ipAttempts = await repo.claimAttempt(
    db,
    ipKey(ip),
    captchaSolved ? 2_000_000_000 : ipCaptchaAfter(settings),
    at,
    start,
  );
  if (ipAttempts === null) {
    await repo.releaseAttempt(db, userKey(username));
    return { allowed: false, refusal: 'captcha' };
  }
  return { allowed: true, userAttempts };
}

/** A claimed attempt failed: locks the account when it reached the lock-out threshold; returns whether it did. */
export async function countFailure(
  db: Kysely<DB>,
  settings: Settings,
  username: string,
  attempt: { userAttempts: number },
): Promise<boolean> {
  if (attempt.userAttempts < settings.lockAfterFailures) return false;
  await repo.lockKey(db, userKey(username), new Date(Date.now() + settings.lockMinutes * 60_000).toISOString());
  return true;
}

/** A claimed attempt that is not a failure of the password (a disabled account) is taken back. */
export async function releaseAttempt(db: Kysely<DB>, username: string, ip: string) {
  await repo.releaseAttempt(db, userKey(username));
  await repo.releaseAttempt(db, ipKey(ip));
}

export async function clearGuard(db: Kysely<DB>, username: string, ip: string) {
  await repo.clearFailures(db, [userKey(username), ipKey(ip)]);
}
