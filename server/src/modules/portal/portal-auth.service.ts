import type { Locale, PortalBranding, PortalLoginInput, PortalProfileInput, PortalSession } from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import { diffFields, writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../../platform/passwords.ts';
import { type PortalActor, portalAuditActor } from '../../platform/portal-actor.ts';
import { randomToken, sha256 } from '../../platform/tokens.ts';
import { searchDocument } from '../../platform/search.ts';
import { contactSearchValues } from '../contacts/index.ts';
import { checkCredentials } from '../auth/index.ts';
import { getSettings, readLogo } from '../settings/index.ts';
import * as accountRepo from './portal-accounts.repository.ts';
import { listEnabledTicketTypes } from './portal-branding.repository.ts';
import * as contactRepo from './portal-contacts.repository.ts';
import { passwordResetAvailable } from './portal-password-reset.ts';

type Client = { ip: string; userAgent: string | null };

export async function portalBranding(ctx: AppContext): Promise<PortalBranding> {
  const [settings, logo, ticketTypes, passwordReset] = await Promise.all([
    getSettings(ctx.db),
    readLogo(ctx.db),
    listEnabledTicketTypes(ctx.db),
    passwordResetAvailable(ctx),
  ]);
  return {
    companyName: settings.companyName,
    hasLogo: Boolean(logo),
    passwordMinLength: settings.passwordMinLength,
    passwordReset,
    ticketTypes,
  };
}

/** The signed-in contact as the portal shows them. */
export async function portalSession(
  db: Kysely<DB>,
  actor: Pick<PortalActor, 'contactId' | 'login' | 'locale' | 'csrfToken'>,
): Promise<PortalSession> {
  const contact = await contactRepo.findSessionContact(db, actor.contactId);
  const { id, ...rest } = contact;
  return { contactId: id, ...rest, login: actor.login, locale: actor.locale, csrfToken: actor.csrfToken };
}

async function openSession(
  ctx: AppContext,
  account: { id: number; contactId: number; login: string; locale: string },
  client: Client,
) {
  const settings = await getSettings(ctx.db);
  const token = randomToken();
  const csrfToken = randomToken(24);
  const at = nowIso();
  await accountRepo.insertSession(ctx.db, {
    id: sha256(token),
    accountId: account.id,
    csrfToken,
    ip: client.ip,
    userAgent: client.userAgent,
    createdAt: at,
    expiresAt: new Date(Date.now() + settings.sessionHours * 3_600_000).toISOString(),
  });
  await accountRepo.updateAccount(ctx.db, account.id, { lastLoginAt: at });
  const session = await portalSession(ctx.db, {
    contactId: account.contactId,
    login: account.login,
    locale: account.locale as Locale,
    csrfToken,
  });
  return { token, maxAgeSeconds: settings.sessionHours * 3600, session };
}

/** Signs a contact in with the same defences as staff sign-in (`checkCredentials`). */
export async function portalLogin(ctx: AppContext, input: z.output<typeof PortalLoginInput>, client: Client) {
  const settings = await getSettings(ctx.db);
  const login = input.login.toLowerCase();
  const account = await checkCredentials(ctx.db, settings, {
    // Portal failures are counted apart from staff ones, so a customer's typos never put a captcha in front of the staff of the same office.
    guard: { name: `portal:${login}`, ip: `portal:${client.ip}` },
    captchaId: input.captchaId,
    captchaText: input.captchaText,
    password: input.password,
    find: async () => {
      const found = await accountRepo.findAccountByLogin(ctx.db, login);
      return found && { ...found, active: found.status === 'active' && !found.deletedAt };
    },
    audit: (action, accountId, detail) =>
      writeAudit(ctx.db, portalAuditActor({ login, ...client }), {
        action,
        entity: 'portal',
        entityId: accountId,
        detail,
      }),
  });
  return openSession(ctx, account, client);
}

/** Sets the password from the link of an invitation or a password reset, and signs the contact in. */
export async function acceptInvite(ctx: AppContext, token: string, password: string, client: Client) {
  const account = await accountRepo.findAccountByInviteToken(ctx.db, sha256(token));
  if (
    !account ||
    account.status === 'disabled' ||
    account.deletedAt ||
    !account.inviteExpiresAt ||
    Date.parse(account.inviteExpiresAt) < Date.now()
  ) {
    throw new AppError('CONFLICT', 'portalInviteInvalid', { token: 'portalInviteInvalid' });
  }
  checkPasswordPolicy(password, await getSettings(ctx.db));
  const passwordHash = await hashPassword(password);
  await inTransaction(ctx, async (ctx) => {
    await accountRepo.updateAccount(ctx.db, account.id, {
      passwordHash,
      status: 'active',
      inviteTokenHash: null,
      inviteExpiresAt: null,
      updatedAt: nowIso(),
    });
    // Whoever held the old password is signed out.
    await accountRepo.deleteSessionsOfAccount(ctx.db, account.id);
    await writeAudit(ctx.db, portalAuditActor({ login: account.login, ...client }), {
      action: 'portal_accept',
      entity: 'portal',
      entityId: account.id,
    });
  });
  return openSession(ctx, account, client);
}

export async function portalLogout(ctx: AppContext, actor: PortalActor): Promise<void> {
  await accountRepo.deleteSession(ctx.db, actor.sessionId);
  await writeAudit(ctx.db, portalAuditActor(actor), { action: 'logout', entity: 'portal', entityId: actor.accountId });
}

/** The contact keeps their own name, phone numbers, title and language up to date. */
export async function updatePortalProfile(
  ctx: AppContext,
  actor: PortalActor,
  input: z.output<typeof PortalProfileInput>,
): Promise<PortalSession> {
  const before = await contactRepo.findContactProfile(ctx.db, actor.contactId);
  const after = {
    name: input.name ?? before.name,
    mobile: input.mobile !== undefined ? input.mobile : before.mobile,
    phone: input.phone !== undefined ? input.phone : before.phone,
    title: input.title !== undefined ? input.title : before.title,
  };
  const locale = input.locale ?? actor.locale;
  await inTransaction(ctx, async (ctx) => {
    await contactRepo.updateContact(ctx.db, actor.contactId, {
      ...after,
      searchText: searchDocument(contactSearchValues({ ...before, ...after })).text,
      updatedAt: nowIso(),
    });
    await accountRepo.updateAccount(ctx.db, actor.accountId, { locale, updatedAt: nowIso() });
    const changed = diffFields(before, after, ['name', 'mobile', 'phone', 'title']);
    if (changed.length)
      await writeAudit(ctx.db, portalAuditActor(actor), {
        action: 'update',
        entity: 'contacts',
        entityId: actor.contactId,
        changes: changed,
      });
  });
  return portalSession(ctx.db, { ...actor, locale });
}

export async function changePortalPassword(
  ctx: AppContext,
  actor: PortalActor,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const passwordHash = await accountRepo.findPasswordHash(ctx.db, actor.accountId);
  if (!passwordHash || !(await verifyPassword(passwordHash, currentPassword)))
    throw fieldError('currentPassword', 'wrongPassword');
  checkPasswordPolicy(newPassword, await getSettings(ctx.db), 'newPassword');
  const newHash = await hashPassword(newPassword);
  await inTransaction(ctx, async (ctx) => {
    await accountRepo.updateAccount(ctx.db, actor.accountId, { passwordHash: newHash, updatedAt: nowIso() });
    await accountRepo.deleteSessionsOfAccount(ctx.db, actor.accountId, actor.sessionId);
    await writeAudit(ctx.db, portalAuditActor(actor), {
      action: 'password_change',
      entity: 'portal',
      entityId: actor.accountId,
    });
  });
}
