import type { TicketStatus } from '@relate/common';
import type { AppContext } from '../../platform/context.ts';
import { listDictionaryOptions } from '../dictionaries/index.ts';
import { requesterActor } from './requester-actor.ts';
import { findTicketForEmail } from './tickets.repository.ts';
import { createTicket } from './tickets.service.ts';
import { addCustomerMessage } from './ticket-workflow.ts';

const emailClient = { ip: null, userAgent: null };

/**
 * The open ticket an email from the customer goes to: the one named (by id, from the email's thread, or
 * by the number in its subject), followed through merges. Null when there is none or it is closed.
 */
export async function ticketForCustomerEmail(ctx: AppContext, by: { id: number } | { number: string }) {
  let ticket = await findTicketForEmail(ctx.db, by);
  for (let hops = 0; ticket?.mergedIntoId && hops < 5; hops++)
    ticket = await findTicketForEmail(ctx.db, { id: ticket.mergedIntoId });
  if (!ticket || ticket.deletedAt || ticket.status === 'closed') return null;
  return { ...ticket, status: ticket.status as TicketStatus };
}

/** Appends a customer's email to the ticket's conversation (reopening or resuming it as a portal reply does). */
export async function appendCustomerEmail(
  ctx: AppContext,
  ticket: NonNullable<Awaited<ReturnType<typeof ticketForCustomerEmail>>>,
  from: string,
  body: string,
): Promise<void> {
  await addCustomerMessage(ctx, requesterActor(`email ${from}`.slice(0, 100), emailClient), ticket, body, null);
}

/** Opens a ticket from an email to a service mailbox (channel email). */
export async function openTicketFromEmail(
  ctx: AppContext,
  input: {
    subject: string;
    description: string | null;
    customerId: number | null;
    contactId: number | null;
    requesterName: string | null;
    requesterEmail: string;
    category: string | null;
  },
): Promise<{ id: number; number: string }> {
  // A mailbox's rule may name a category switched off since: the ticket is opened without one.
  const categories = input.category ? await listDictionaryOptions(ctx.db, 'service_category') : [];
  const category = categories.some((option) => option.code === input.category && option.enabled)
    ? input.category
    : null;
  const ticket = await createTicket(ctx, requesterActor('email', emailClient), {
    type: 'consultation',
    channel: 'email',
    priority: 'normal',
    customerId: input.customerId,
    contactId: input.contactId,
    requesterName: input.requesterName?.slice(0, 100) ?? null,
    requesterEmail: input.requesterEmail,
    requesterPhone: null,
    subject: input.subject.trim().slice(0, 200) || '(no subject)',
    description: input.description?.slice(0, 5000) ?? null,
    category,
  });
  return { id: ticket.id, number: ticket.number };
}
