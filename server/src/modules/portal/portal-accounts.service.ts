import type { Locale, PortalAccess, PortalInvitation } from '@relate/common';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, notFound, orNotFound } from '../../platform/errors.ts';

import { randomToken, sha256 } from '../../platform/tokens.ts';
import { findVisibleContact } from '../contacts/index.ts';
import { readMailSettings, sendMail } from '../mail/index.ts';
import { getSettings } from '../settings/index.ts';
import * as accountRepo from './portal-accounts.repository.ts';

const inviteDays = 7;

const toAccess = (row: accountRepo.PortalAccessRow): PortalAccess => ({
  ...row,
  status: row.status as PortalAccess['status'],
});

async function visibleContact(ctx: AppContext, actor: Actor, contactId: number) {
  return orNotFound(await findVisibleContact(ctx, actor, contactId));
}

/** The contact's portal access, or 404 when they have none (or the contact is out of reach). */
export async function getPortalAccess(ctx: AppContext, actor: Actor, contactId: number): Promise<PortalAccess> {
  await visibleContact(ctx, actor, contactId);
  return toAccess(orNotFound(await accountRepo.findAccountOfContact(ctx.db, contactId)));
}

const inviteWords: Record<
  Locale,
  { subject: (company: string) => string; body: (name: string, company: string, url: string) => string }
> = {
  'zh-CN': {
    subject: (company) => `${company} 客户服务门户邀请`,
    body: (name, company, url) =>
      `${name}，您好：\n\n${company} 邀请您使用客户服务门户：提交和跟踪服务请求、查阅常见问题，查看贵公司的订单、发票和应付款项。\n\n请在 ${inviteDays} 天内打开以下链接设置密码：\n${url}\n\n${company}`,
  },
  en: {
    subject: (company) => `${company} customer portal invitation`,
    body: (name, company, url) =>
      `Dear ${name},\n\n${company} invites you to its customer portal, where you can raise and follow service requests, read answers to common questions and see your company's orders, invoices and amounts due.\n\nPlease open this link within ${inviteDays} days to set your password:\n${url}\n\n${company}`,
  },
};

/**
 * Invites a contact (or invites them again: a new link replaces the old one and the password is
 * kept until the new one is set). The contact's email is the login, unique among portal users.
 * The link is emailed when mail is set up, and returned so it can be passed on by hand.
 */
export async function invitePortalUser(
  ctx: AppContext,
  actor: Actor,
  contactId: number,
  input: { locale?: Locale },
  origin: string,
): Promise<PortalInvitation> {
  const contact = await visibleContact(ctx, actor, contactId);
  if (!contact.email) throw fieldError('email', 'portalEmailRequired');
  const login = contact.email.toLowerCase();
  const taken = await accountRepo.findLoginHolder(ctx.db, login, contactId);
  if (taken) throw new AppError('CONFLICT', 'portalLoginTaken', { email: 'portalLoginTaken' });
  const token = randomToken(24);
  const at = nowIso();
  const expiresAt = new Date(Date.now() + inviteDays * 86_400_000).toISOString();
  const settings = await getSettings(ctx.db);
  const locale = input.locale ?? settings.defaultLocale;
  const existing = await accountRepo.findAccountOfContact(ctx.db, contactId);
  if (existing?.status === 'disabled') throw new AppError('CONFLICT', 'portalAccessDisabled');
  await inTransaction(ctx, async (ctx) => {
    const invite = { login, inviteTokenHash: sha256(token), inviteExpiresAt: expiresAt, updatedAt: at };
    if (existing) await accountRepo.updateAccount(ctx.db, existing.id, invite);
    else
      await accountRepo.insertAccount(ctx.db, {
        ...invite,
        contactId,
        passwordHash: null,
        status: 'invited',
        locale,
        lastLoginAt: null,
        invitedBy: actor.userId,
        createdAt: at,
      });
    await writeAudit(ctx.db, actor, {
      action: 'portal_invite',
      entity: 'contacts',
      entityId: contactId,
      detail: { login },
    });
  });
  const inviteUrl = `${origin}/portal/accept?token=${token}`;
  const mail = await readMailSettings(ctx.db, ctx.config.sessionSecret);
  let emailed = false;
  if (mail) {
    const words = inviteWords[locale];
    try {
      await sendMail(mail, {
        to: login,
        subject: words.subject(settings.companyName),
        text: words.body(contact.name, settings.companyName, inviteUrl),
      });
      emailed = true;
    } catch {
      // A refused message does not undo the invitation: the link is returned to be passed on by hand.
    }
  }
  return { access: toAccess((await accountRepo.findAccountOfContact(ctx.db, contactId))!), inviteUrl, emailed };
}

/** Turns a contact's portal access off (their sessions end at once) or on again. */
export async function setPortalAccess(
  ctx: AppContext,
  actor: Actor,
  contactId: number,
  enabled: boolean,
): Promise<PortalAccess> {
  await visibleContact(ctx, actor, contactId);
  const account = await accountRepo.findAccountOfContact(ctx.db, contactId);
  if (!account) throw notFound();
  const passwordHash = await accountRepo.findPasswordHash(ctx.db, account.id);
  const status = enabled ? (passwordHash ? 'active' : 'invited') : 'disabled';
  await inTransaction(ctx, async (ctx) => {
    await accountRepo.updateAccount(ctx.db, account.id, {
      status,
      updatedAt: nowIso(),
      ...(enabled ? {} : { inviteTokenHash: null, inviteExpiresAt: null }),
    });
    if (!enabled) await accountRepo.deleteSessionsOfAccount(ctx.db, account.id);
    await writeAudit(ctx.db, actor, {
      action: enabled ? 'portal_enable' : 'portal_disable',
      entity: 'contacts',
      entityId: contactId,
      detail: { login: account.login },
    });
  });
  return toAccess((await accountRepo.findAccountOfContact(ctx.db, contactId))!);
}
