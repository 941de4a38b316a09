import type { MultipartFile } from '@fastify/multipart';
import {
  type Page,
  type PortalAttachment,
  type PortalMessage,
  type PortalReplyInput,
  type PortalRatingInput,
  type PortalTicket,
  type PortalTicketDetail,
  type PortalTicketInput,
  type PortalTicketQuery,
  type Ticket,
} from '@relate/common';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { type PortalActor, portalAuditActor } from '../../platform/portal-actor.ts';
import { filesOf, findAttachment, openAttachmentFile, storeUpload } from '../attachments/index.ts';
import { assertDictionaryCodes } from '../dictionaries/index.ts';
import {
  addCustomerMessage,
  applyCallback,
  createTicket,
  requesterActor,
  toTicket,
  findTicketInScope,
  listTicketsInScope,
  ticketMessages,
} from '../tickets/index.ts';
import { findRequesterContact } from './portal-contacts.repository.ts';

const rateable = (t: Ticket) =>
  t.status === 'resolved' ||
  t.status === 'callback' ||
  (t.status === 'closed' && t.satisfactionScore === null && !t.mergedIntoId);

function toPortalTicket(t: Ticket): PortalTicket {
  return {
    id: t.id,
    number: t.number,
    type: t.type,
    priority: t.priority,
    status: t.status,
    subject: t.subject,
    description: t.description,
    contactName: t.contactName,
    assigneeName: t.assigneeName,
    resolution: t.resolution,
    satisfactionScore: t.satisfactionScore,
    satisfactionComment: t.satisfactionComment,
    canRate: rateable(t),
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

/** A ticket of the contact's own company; any other ticket does not exist for them. */
async function companyTicket(ctx: AppContext, actor: PortalActor, id: number): Promise<Ticket> {
  const row = await findTicketInScope(ctx.db, { kind: 'all' }, id);
  if (!row || row.customerId !== actor.customerId) throw notFound();
  return toTicket(row);
}

/** The company's tickets, newest activity first; `mine` keeps those the contact raised. */
export async function listPortalTickets(
  ctx: AppContext,
  actor: PortalActor,
  query: z.output<typeof PortalTicketQuery>,
): Promise<Page<PortalTicket>> {
  const status =
    query.status === 'open' ? ['open'] : query.status === 'done' ? ['resolved', 'callback', 'closed'] : undefined;
  const filter = {
    customerId: actor.customerId,
    contactId: query.mine ? actor.contactId : undefined,
    status,
    q: query.q,
  };
  const { items, total, totalCapped } = await listTicketsInScope(ctx.db, ctx.dialect, { kind: 'all' }, filter, {
    page: query.page,
    pageSize: query.pageSize,
    sort: 'updatedAt:desc',
  });
  return {
    items: items.map((row) => toPortalTicket(toTicket(row))),
    total,
    ...(totalCapped ? { totalCapped } : {}),
    page: query.page,
    pageSize: query.pageSize,
  };
}

async function portalThread(ctx: AppContext, ticketId: number): Promise<PortalMessage[]> {
  const messages = await ticketMessages(ctx.db, ticketId);
  // Internal notes stay with the service team.
  return messages
    .filter((m) => m.kind === 'reply' || m.kind === 'customer')
    .map((m) => ({
      id: m.id,
      kind: m.kind as PortalMessage['kind'],
      body: m.body,
      authorName: m.authorName,
      createdAt: m.createdAt,
    }));
}

export async function getPortalTicket(ctx: AppContext, actor: PortalActor, id: number): Promise<PortalTicketDetail> {
  const ticket = await companyTicket(ctx, actor, id);
  const [messages, attachments] = await Promise.all([portalThread(ctx, id), filesOf(ctx.db, 'tickets', id)]);
  return { ...toPortalTicket(ticket), messages, attachments };
}

/** Opens a ticket for the contact's company through the portal channel, routed like any other. */
export async function createPortalTicket(
  ctx: AppContext,
  actor: PortalActor,
  input: z.output<typeof PortalTicketInput>,
): Promise<PortalTicketDetail> {
  await assertDictionaryCodes(ctx.db, input, { type: 'ticket_type' });
  const contact = await findRequesterContact(ctx.db, actor.contactId);
  const ticket = await createTicket(ctx, requesterActor(`portal:${actor.login}`, actor), {
    type: input.type,
    channel: 'portal',
    priority: input.priority,
    customerId: actor.customerId,
    contactId: actor.contactId,
    requesterName: contact.name,
    requesterEmail: contact.email,
    requesterPhone: contact.mobile ?? contact.phone,
    subject: input.subject,
    description: input.description ?? null,
  });
  return getPortalTicket(ctx, actor, ticket.id);
}

export async function replyToPortalTicket(
  ctx: AppContext,
  actor: PortalActor,
  id: number,
  input: z.output<typeof PortalReplyInput>,
): Promise<PortalTicketDetail> {
  const ticket = await companyTicket(ctx, actor, id);
  await addCustomerMessage(ctx, portalAuditActor(actor), ticket, input.body, actor.accountId);
  return getPortalTicket(ctx, actor, id);
}

export async function ratePortalTicket(
  ctx: AppContext,
  actor: PortalActor,
  id: number,
  input: z.output<typeof PortalRatingInput>,
): Promise<PortalTicketDetail> {
  const ticket = await companyTicket(ctx, actor, id);
  if (!rateable(ticket))
    throw new AppError('CONFLICT', 'ticketStatusChange', undefined, { from: ticket.status, action: 'callback' });
  await applyCallback(ctx, portalAuditActor(actor), ticket, input, null, actor.accountId);
  return getPortalTicket(ctx, actor, id);
}

/** A file the customer adds to their company's open ticket (photos of the fault, a log). */
export async function uploadPortalAttachment(
  ctx: AppContext,
  actor: PortalActor,
  id: number,
  part: MultipartFile,
): Promise<PortalAttachment> {
  const ticket = await companyTicket(ctx, actor, id);
  if (ticket.status === 'closed') throw new AppError('CONFLICT', 'ticketClosed');
  const row = await storeUpload(ctx, portalAuditActor(actor), 'tickets', id, part, null);
  return { id: row.id, fileName: row.fileName, contentType: row.contentType, size: row.size, createdAt: row.createdAt };
}

/** A file of one of the company's tickets. */
export async function openPortalAttachment(ctx: AppContext, actor: PortalActor, attachmentId: number) {
  const attachment = await findAttachment(ctx, attachmentId);
  if (attachment.entity !== 'tickets') throw notFound();
  await companyTicket(ctx, actor, attachment.entityId);
  return { attachment, stream: openAttachmentFile(ctx, attachment) };
}
