import type { Locale } from '@relate/common';
import { nowIso } from '../../db/time.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { portalAuditActor } from '../../platform/portal-actor.ts';
import { randomToken, sha256 } from '../../platform/tokens.ts';
import { solveCaptcha } from '../auth/index.ts';
import { hasMailSettings, readMailSettings, sendMail } from '../mail/index.ts';
import { getSettings } from '../settings/index.ts';
import * as accountRepo from './portal-accounts.repository.ts';

const validHours = 2;

const resetWords: Record<
  Locale,
  { subject: (company: string) => string; body: (name: string, company: string, url: string) => string }
> = {
  'zh-CN': {
    subject: (company) => `${company} 客户服务门户：重设密码`,
    body: (name, company, url) =>
      `${name}，您好：\n\n有人为您的客户服务门户账号申请了重设密码。请在 ${validHours} 小时内打开以下链接设置新密码：\n${url}\n\n如果这不是您本人的操作，请忽略本邮件，您的密码不会改变。\n\n${company}`,
  },
  en: {
    subject: (company) => `${company} customer portal: reset your password`,
    body: (name, company, url) =>
      `Dear ${name},\n\nA password reset was asked for your customer portal account. Please open this link within ${validHours} hours to set a new password:\n${url}\n\nIf you did not ask for it, ignore this email: your password stays as it is.\n\n${company}`,
  },
};

/** Whether a contact can reset a forgotten password themselves: the server knows its public address and can send mail. */
export async function passwordResetAvailable(ctx: Pick<AppContext, 'db' | 'config'>): Promise<boolean> {
  return Boolean(ctx.config.publicUrl) && (await hasMailSettings(ctx.db));
}

/**
 * Emails a link for setting a new password (the invitation link, valid for two hours) to the
 * contact whose login this is. The answer is the same whether or not there is such an account;
 * a captcha is always asked, so the form cannot be used to send mail in bulk.
 */
export async function requestPasswordReset(
  ctx: AppContext,
  input: { login: string; captchaId?: string; captchaText?: string },
  client: { ip: string; userAgent: string | null },
): Promise<void> {
  if (!(await solveCaptcha(ctx.db, input.captchaId, input.captchaText))) {
    throw new AppError('CAPTCHA_REQUIRED', input.captchaId ? 'CAPTCHA_WRONG' : 'CAPTCHA_REQUIRED');
  }
  const mail = await readMailSettings(ctx.db, ctx.config.sessionSecret);
  if (!ctx.config.publicUrl || !mail) throw new AppError('CONFLICT', 'portalResetUnavailable');
  const login = input.login.trim().toLowerCase();
  const found = await accountRepo.findAccountByLogin(ctx.db, login);
  const account = found && found.status !== 'disabled' && !found.deletedAt ? found : undefined;
  await writeAudit(ctx.db, portalAuditActor({ login, ...client }), {
    action: 'portal_reset_request',
    entity: 'portal',
    entityId: account?.id ?? null,
    detail: { known: Boolean(account) },
  });
  if (!account) return;
  const token = randomToken(24);
  await accountRepo.updateAccount(ctx.db, account.id, {
    inviteTokenHash: sha256(token),
    inviteExpiresAt: new Date(Date.now() + validHours * 3_600_000).toISOString(),
    updatedAt: nowIso(),
  });
  const { companyName } = await getSettings(ctx.db);
  const words = resetWords[account.locale === 'en' ? 'en' : 'zh-CN'];
  // Not waited for: neither a slow nor a failing mail server may tell the caller whether the account exists.
  void sendMail(mail, {
    to: login,
    subject: words.subject(companyName),
    text: words.body(account.name, companyName, `${ctx.config.publicUrl}/portal/accept?token=${token}`),
  }).catch(() => undefined);
}
