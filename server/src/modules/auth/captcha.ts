import type { Kysely } from 'kysely';
import type svgCaptchaPackage from 'svg-captcha';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import { randomToken } from '../../platform/tokens.ts';
import * as repo from './auth.repository.ts';
import { lazyPackage } from '../../platform/lazy-package.ts';

const svgCaptcha = lazyPackage<typeof svgCaptchaPackage>('svg-captcha');

export async function createCaptcha(db: Kysely<DB>): Promise<{ id: string; svg: string }> {
  const captcha = svgCaptcha().create({ size: 4, noise: 2, ignoreChars: '0oO1iIlL', color: false });
  const id = randomToken(16);
  const now = nowIso();
  await repo.deleteExpiredCaptchas(db, now);
  await repo.insertCaptcha(db, id, captcha.text.toLowerCase(), new Date(Date.now() + 5 * 60_000).toISOString());
  return { id, svg: captcha.data };
}

/** Whether a captcha was answered right; each captcha can be tried once. */
export async function solveCaptcha(
  db: Kysely<DB>,
  id: string | null | undefined,
  text: string | null | undefined,
): Promise<boolean> {
  if (!id || !text) return false;
  const captcha = await repo.takeCaptcha(db, id);
  if (!captcha || Date.parse(captcha.expiresAt) < Date.now()) return false;
  return captcha.answer === text.trim().toLowerCase();
}
