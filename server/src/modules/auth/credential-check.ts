import type { Settings } from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { verifyDecoy, verifyPassword } from '../../platform/passwords.ts';
import { solveCaptcha } from './captcha.ts';
import { claimAttempt, clearGuard, countFailure, readGuard, releaseAttempt } from './login-guard.ts';

type Account = { id: number; passwordHash: string | null; active: boolean };

export type CredentialCheck<A extends Account> = {
  /** Failure counters: per login name and per client address. */
  guard: { name: string; ip: string };
  captchaId?: string | null;
  captchaText?: string | null;
  password: string;
  find: () => Promise<A | undefined>;
  /** Records a failed or successful sign-in. */
  audit: (action: 'login' | 'login_failed', accountId: number | null, detail: Record<string, unknown>) => Promise<void>;
};

/**
 * The defences every sign-in shares: lock-out after repeated failures, a captcha before that (sooner
 * for an account than for an address), a decoy hash when the login is unknown (so its timing tells
 * nothing), and an audit row either way.
 * Returns the account once its password is right and it may sign in.
 */
export async function checkCredentials<A extends Account>(
  db: Kysely<DB>,
  settings: Settings,
  check: CredentialCheck<A>,
): Promise<A> {
  const { name, ip } = check.guard;
  const locked = async () => {
    await check.audit('login_failed', null, { reason: 'locked' });
    return new AppError('ACCOUNT_LOCKED', 'ACCOUNT_LOCKED', undefined, { minutes: settings.lockMinutes });
  };
  const guard = await readGuard(db, settings, name, ip);
  if (guard.lockedUntil) throw await locked();
  if (guard.captchaRequired && !(await solveCaptcha(db, check.captchaId, check.captchaText))) {
    await check.audit('login_failed', null, { reason: check.captchaId ? 'captcha_wrong' : 'captcha_missing' });
    throw new AppError('CAPTCHA_REQUIRED', check.captchaId ? 'CAPTCHA_WRONG' : 'CAPTCHA_REQUIRED');
  }
  // Counted before the password is checked, so attempts made at the same moment cannot all slip under the thresholds.
  const attempt = await claimAttempt(db, settings, name, ip, guard.captchaRequired);
  if (!attempt.allowed) {
    if (attempt.refusal === 'locked') throw await locked();
    await check.audit('login_failed', null, { reason: 'captcha_missing' });
    throw new AppError('CAPTCHA_REQUIRED');
  }
  const account = await check.find();
  const passwordOk = account?.passwordHash
    ? await verifyPassword(account.passwordHash, check.password)
    : (await verifyDecoy(check.password), false);
  if (!account || !passwordOk) {
    const locks = await countFailure(db, settings, name, attempt);
    await check.audit('login_failed', account?.id ?? null, { reason: 'credentials', locked: locks });
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (!account.active) {
    await releaseAttempt(db, name, ip);
    await check.audit('login_failed', account.id, { reason: 'disabled' });
    throw new AppError('ACCOUNT_DISABLED');
  }
  await clearGuard(db, name, ip);
  await check.audit('login', account.id, {});
  return account;
}
