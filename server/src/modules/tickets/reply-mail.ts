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
 * Emails the service team's reply to whoever asked (the contact, or the requester's address); a
 * contact with portal access also gets the link to the ticket on the portal. Nothing is sent when
 * mail is not set up or there is no address.
 */
export async function emailReplyToCustomer(
  ctx: AppContext,
  ticketId: number,
  text: string,
  origin: string,
): Promise<boolean> {
  const mail = await readMailSettings(ctx.db);
  if (!mail) return false;
  const ticket = await findReplyRecipient(ctx.db, ticketId);
  const to = ticket?.email ?? ticket?.requesterEmail;
  if (!ticket || !to) return false;
  const settings = await getSettings(ctx.db);
  const locale = (ticket.portalLocale as Locale | null) ?? settings.defaultLocale;
  const link = ticket.portalStatus === 'active' ? `${origin}/portal/tickets/${ticket.id}` : null;
  await sendMail(mail, {
    to,
    subject: words[locale].subject(ticket.number, ticket.subject),
    text: words[locale].body(text, link, settings.companyName),
  });
  return true;
}
