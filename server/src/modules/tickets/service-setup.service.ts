import type { CannedAnswer, CannedAnswerInput, SlaPolicy, SlaPolicyInput } from '@relate/common';
import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { CannedAnswerTable, SlaPolicyTable } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { orNotFound } from '../../platform/errors.ts';
import { searchDocument } from '../../platform/search.ts';
import { assertDictionaryCodes } from '../dictionaries/index.ts';
import { findUser } from './agents.repository.ts';
import * as answers from './canned-answers.repository.ts';
import * as sla from './sla.repository.ts';
import { getTicket } from './tickets.service.ts';

/** Canned answers (标准答复) and SLA policies: what administrators set up for the service desk. */

const toAnswer = (r: Selectable<CannedAnswerTable>): CannedAnswer => ({
  id: r.id,
  title: r.title,
  body: r.body,
  category: r.category,
  updatedAt: r.updatedAt,
});

/** Fills {customer}, {contact}, {ticket}, {subject} and {agent}; unknown placeholders stay as they are. */
export function fillPlaceholders(body: string, values: Record<string, string | null | undefined>): string {
  return body.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? (values[name] ?? '') : whole));
}

/** Answers matching what is typed, those of the category first; with a ticket, their placeholders filled for it. */
export async function listCannedAnswers(
  ctx: AppContext,
  actor: Actor,
  query: { q?: string; category?: string; ticketId?: number },
): Promise<CannedAnswer[]> {
  const rows = await answers.searchCannedAnswers(ctx.db, query);
  if (!query.ticketId) return rows.map(toAnswer);
  const ticket = await getTicket(ctx, actor, query.ticketId);
  const agent = await findUser(ctx.db, actor.userId);
  const values = {
    customer: ticket.customerName ?? ticket.requesterName,
    contact: ticket.contactName ?? ticket.requesterName,
    ticket: ticket.number,
    subject: ticket.subject,
    agent: agent?.displayName,
  };
  return rows.map((r) => ({ ...toAnswer(r), body: fillPlaceholders(r.body, values) }));
}

export async function saveCannedAnswer(
  ctx: AppContext,
  actor: Actor,
  id: number | null,
  input: z.output<typeof CannedAnswerInput>,
): Promise<CannedAnswer> {
  await assertDictionaryCodes(ctx.db, input, { category: 'service_category' });
  const values = {
    title: input.title,
    body: input.body,
    category: input.category ?? null,
    searchText: searchDocument([input.title, input.body]).text,
    updatedAt: nowIso(),
  };
  const savedId = await inTransaction(ctx, async (ctx) => {
    let rowId = id;
    if (rowId === null)
      rowId = await answers.insertCannedAnswer(ctx.db, {
        ...values,
        createdBy: actor.userId,
        createdAt: values.updatedAt,
      });
    else orNotFound(await answers.updateCannedAnswer(ctx.db, rowId, values));
    await writeAudit(ctx.db, actor, {
      action: id === null ? 'create' : 'update',
      entity: 'cannedAnswers',
      entityId: rowId,
      detail: { title: input.title },
    });
    return rowId;
  });
  return toAnswer(await answers.getCannedAnswer(ctx.db, savedId));
}

export async function deleteCannedAnswer(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  await inTransaction(ctx, async (ctx) => {
    orNotFound(await answers.deleteCannedAnswer(ctx.db, id));
    await writeAudit(ctx.db, actor, { action: 'delete', entity: 'cannedAnswers', entityId: id });
  });
}

const toPolicy = (r: Selectable<SlaPolicyTable>): SlaPolicy => ({
  id: r.id,
  name: r.name,
  ticketType: r.ticketType,
  priority: r.priority as SlaPolicy['priority'],
  customerLevel: r.customerLevel,
  firstResponseMinutes: r.firstResponseMinutes,
  resolutionMinutes: r.resolutionMinutes,
  active: Boolean(r.active),
});

export async function listSlaPolicies(ctx: AppContext): Promise<SlaPolicy[]> {
  return (await sla.listSlaPolicies(ctx.db)).map(toPolicy);
}

export async function saveSlaPolicy(
  ctx: AppContext,
  actor: Actor,
  id: number | null,
  input: z.output<typeof SlaPolicyInput>,
): Promise<SlaPolicy> {
  await assertDictionaryCodes(ctx.db, input, { ticketType: 'ticket_type', customerLevel: 'customer_level' });
  const values = {
    name: input.name,
    ticketType: input.ticketType ?? null,
    priority: input.priority ?? null,
    customerLevel: input.customerLevel ?? null,
    firstResponseMinutes: input.firstResponseMinutes,
    resolutionMinutes: input.resolutionMinutes,
    active: input.active ? 1 : 0,
    updatedAt: nowIso(),
  };
  const savedId = await inTransaction(ctx, async (ctx) => {
    let rowId = id;
    if (rowId === null) rowId = await sla.insertSlaPolicy(ctx.db, { ...values, createdAt: values.updatedAt });
    else orNotFound(await sla.updateSlaPolicy(ctx.db, rowId, values));
    await writeAudit(ctx.db, actor, {
      action: id === null ? 'create' : 'update',
      entity: 'slaPolicies',
      entityId: rowId,
      detail: values,
    });
    return rowId;
  });
  return toPolicy(await sla.getSlaPolicy(ctx.db, savedId));
}

/** Tickets keep the deadlines a policy gave them; deleting it only stops it applying to new ones. */
export async function deleteSlaPolicy(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  await inTransaction(ctx, async (ctx) => {
    orNotFound(await sla.deleteSlaPolicy(ctx.db, id));
    await writeAudit(ctx.db, actor, { action: 'delete', entity: 'slaPolicies', entityId: id });
  });
}
