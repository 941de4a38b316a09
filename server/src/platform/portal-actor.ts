import type { Locale } from '@relate/common';
import type { AuditActor } from './actor.ts';

/** A customer's contact signed in to the portal: they reach their own company's records and nothing else. */
export type PortalActor = {
  accountId: number;
  contactId: number;
  customerId: number;
  login: string;
  locale: Locale;
  sessionId: string;
  csrfToken: string;
  ip: string | null;
  userAgent: string | null;
};

/** Portal sessions ride on their own cookie, so a staff session never opens the portal and the other way round. */
export const portalSessionCookie = 'relate_portal_sid';

/** Audit rows written on a portal user's behalf name the portal login; they belong to no staff user. */
export function portalAuditActor(actor: Pick<PortalActor, 'login' | 'ip' | 'userAgent'>): AuditActor {
  return { userId: 0, username: `portal:${actor.login}`, ip: actor.ip, userAgent: actor.userAgent };
}
