import type { Locale } from '@relate/common';
import type { AppContext } from '../../platform/context.ts';
import { readMailSettings, sendMail } from '../mail/index.ts';
import { getSettings } from '../settings/index.ts';
import { findReplyRecipient } from './tickets.repository.ts';

const words: Record<
  Locale,
  {
    subject: (number: string, subject: string) => string;
    body: (text: string, link: string | null, company: string) => string;
  }
> = {
  'zh-CN': {
    subject: (number, subject) => `[${number}] ${subject}`,
    body: (text, link, company) => `${text}\n\n${link ? `查看和回复：${link}\n\n` : ''}${company} 客户服务`,
  },
  en: {
    subject: (number, subject) => `[${number}] ${subject}`,
    body: (text, link, company) =>
      `${text}\n\n${link ? `See and answer it here: ${link}\n\n` : ''}${company} customer service`,
  },
};

/**
 * Sends an agent's reply by the email thread the ticket came from (a service mailbox: from its address,
 * in the thread, kept in its Sent folder). Registered by the mailboxes module at start-up (it depends on
 * tickets, not the reverse); answers false when the ticket did not come by email, and then the company's
 * mail server sends it as before.
 */
export type TicketEmailReplier = (
  ctx: AppContext,
  reply: { ticketId: number; to: string; subject: string; text: string; userId: number | null },
) => Promise<boolean>;
let emailReplier: TicketEmailReplier | null = null;
export function registerTicketEmailReplier(replier: TicketEmailReplier): void {
  emailReplier = replier;
}

/**
 * Emails the service team's reply to whoever asked (the contact, or the requester's address); a
 * contact with portal access also gets the link to the ticket on the portal. Nothing is sent when
 * mail is not set up or there is no address.
 */
export async function emailReplyToCustomer(
  ctx: AppContext,
  ticketId: number,
  text: string,
  origin: string,
  userId: number | null = null,
): Promise<boolean> {
  const ticket = await findReplyRecipient(ctx.db, ticketId);
  const to = ticket?.email ?? ticket?.requesterEmail;
  if (!ticket || !to) return false;
  const settings = await getSettings(ctx.db);
  const locale = (ticket.portalLocale as Locale | null) ?? settings.defaultLocale;
  const link = ticket.portalStatus === 'active' ? `${origin}/portal/tickets/${ticket.id}` : null;
  const subject = words[locale].subject(ticket.number, ticket.subject);
  const body = words[locale].body(text, link, settings.companyName);
  if (emailReplier && (await emailReplier(ctx, { ticketId, to, subject, text: body, userId }))) return true;
  const mail = await readMailSettings(ctx.db, ctx.config.sessionSecret);
  if (!mail) return false;
  await sendMail(mail, { to, subject, text: body });
  return true;
}
