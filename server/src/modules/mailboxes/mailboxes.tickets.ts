import type { CategoryRule } from '@relate/common';
import { readJson } from '../../db/json.ts';
import type { AppContext } from '../../platform/context.ts';
import { getSettings } from '../settings/index.ts';
import {
  appendCustomerEmail,
  openTicketFromEmail,
  type TicketEmailReplier,
  ticketForCustomerEmail,
} from '../tickets/index.ts';
import type { ParsedEmail } from './mailboxes.imap.ts';
import * as repo from './mailboxes.repository.ts';
import { replyParentOf, sendFromMailbox, type StoredMailbox } from './mailboxes.send.ts';

type Link = {
  entity: 'customers' | 'contacts' | 'leads';
  entityId: number;
  customerId: number | null;
  address: string;
};

/**
 * Whether a message read from a mailbox goes to the service desk: the inbox of a service mailbox, written
 * by someone else, and not an auto-reply, a bounce or bulk mail (those never open or reopen a ticket).
 */
export function forServiceDesk(mailbox: StoredMailbox, folder: string, message: ParsedEmail): boolean {
  return (
    Boolean(mailbox.serviceMailbox) &&
    folder.toUpperCase() === 'INBOX' &&
    message.from !== null &&
    message.from.address !== mailbox.address.toLowerCase() &&
    !message.automated
  );
}

/** The category of a new ticket: the first rule whose keyword is in the subject. */
export function categoryFor(rules: CategoryRule[], subject: string): string | null {
  const lowered = subject.toLowerCase();
  return rules.find((rule) => lowered.includes(rule.keyword.toLowerCase()))?.category ?? null;
}

const ticketNumberInSubject = /\[([A-Za-z0-9][A-Za-z0-9-]{1,40})\]/;

/**
 * Files a service mailbox's new message (inside the transaction that stores it): a reply in a thread
 * that already has a ticket — or naming a ticket by its number in the subject, from that ticket's own
 * requester or customer — is added to that ticket's conversation; anything else opens a ticket, its
 * customer and contact found by the sender's address and its category by the mailbox's rules.
 */
export async function fileServiceEmail(
  ctx: AppContext,
  mailbox: StoredMailbox,
  message: ParsedEmail,
  stored: { id: number; threadKey: string },
  links: Link[],
): Promise<void> {
  const from = message.from!.address;
  const body = (message.text ?? message.excerpt).trim() || message.subject;
  const threadTicket = await repo.ticketOfThread(ctx.db, stored.threadKey);
  let ticket = threadTicket ? await ticketForCustomerEmail(ctx, { id: threadTicket }) : null;
  const sender = links.filter((l) => l.address === from);
  if (!ticket) {
    const number = ticketNumberInSubject.exec(message.subject)?.[1];
    const named = number ? await ticketForCustomerEmail(ctx, { number }) : null;
    // A number in the subject is easy to type: only its own requester or customer adds to the ticket this way.
    if (
      named &&
      ((named.requesterEmail && named.requesterEmail.toLowerCase() === from) ||
        (named.customerId !== null && sender.some((l) => l.customerId === named.customerId)))
    )
      ticket = named;
  }
  if (ticket) {
    await appendCustomerEmail(ctx, ticket, from, body);
    await repo.setMessageTicket(ctx.db, stored.id, ticket.id);
    return;
  }
  const contact = sender.find((l) => l.entity === 'contacts');
  const customer = contact ?? sender.find((l) => l.entity === 'customers');
  const created = await openTicketFromEmail(ctx, {
    subject: message.subject,
    description: body,
    customerId: customer?.customerId ?? null,
    contactId: contact?.entityId ?? null,
    requesterName: message.from!.name,
    requesterEmail: from,
    category: categoryFor(readJson<CategoryRule[]>(mailbox.categoryRules, []), message.subject),
  });
  await repo.setMessageTicket(ctx.db, stored.id, created.id);
}

/**
 * An agent's reply to a ticket that came by email: sent from the service mailbox the thread is in, as a
 * reply to the thread's last message (the subject carries the ticket number), kept in its Sent folder.
 */
export const replyToTicketByEmail: TicketEmailReplier = async (ctx, reply) => {
  const last = await repo.lastTicketEmail(ctx.db, reply.ticketId);
  if (!last) return false;
  const mailbox = await repo.findMailbox(ctx.db, last.mailboxId);
  if (!mailbox || !mailbox.serviceMailbox) return false;
  const settings = await getSettings(ctx.db);
  await sendFromMailbox(ctx, mailbox, {
    fromName: settings.companyName || null,
    to: [reply.to],
    cc: [],
    bcc: [],
    subject: reply.subject,
    text: reply.text,
    parent: replyParentOf(last),
    attachments: [],
    sentBy: reply.userId,
    ticketId: reply.ticketId,
    links: [],
  });
  return true;
};
