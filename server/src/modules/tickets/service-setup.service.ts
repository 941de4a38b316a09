import type { CannedAnswer, CannedAnswerInput, SlaPolicy, SlaPolicyInput } from '@relate/common';
import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { CannedAnswerTable, SlaPolicyTable } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { orNotFound } from '../../platform/errors.ts';
import { normalizeSearchText, searchDocument, contains } from '../../platform/search.ts';
import { assertDictionaryCodes } from '../dictionaries/index.ts';
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
  let qb = ctx.db.selectFrom('cannedAnswers').selectAll();
  if (query.q) qb = qb.where(contains('searchText', normalizeSearchText(query.q)));
  if (query.category)
    qb = qb.where((eb) => eb.or([eb('category', '=', query.category as string), eb('category', 'is', null)]));
  const rows = await qb
    .orderBy((eb) => eb.case().when('category', 'is', null).then(1).else(0).end())
    .orderBy('title')
    .limit(50)
    .execute();
  if (!query.ticketId) return rows.map(toAnswer);
  const ticket = await getTicket(ctx, actor, query.ticketId);
  const agent = await ctx.db
    .selectFrom('users')
    .select('displayName')
    .where('id', '=', actor.userId)
    .executeTakeFirst();
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
      rowId = (
        await ctx.db
          .insertInto('cannedAnswers')
          .values({ ...values, createdBy: actor.userId, createdAt: values.updatedAt })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    else
      orNotFound(
        await ctx.db
          .updateTable('cannedAnswers')
          .set(values)
          .where('id', '=', rowId)
          .returning('id')
          .executeTakeFirst(),
      );
    await writeAudit(ctx.db, actor, {
      action: id === null ? 'create' : 'update',
      entity: 'cannedAnswers',
      entityId: rowId,
      detail: { title: input.title },
    });
    return rowId;
  });
  return toAnswer(
    await ctx.db.selectFrom('cannedAnswers').selectAll().where('id', '=', savedId).executeTakeFirstOrThrow(),
  );
}

export async function deleteCannedAnswer(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  await inTransaction(ctx, async (ctx) => {
    orNotFound(await ctx.db.deleteFrom('cannedAnswers').where('id', '=', id).returning('id').executeTakeFirst());
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
  return (await ctx.db.selectFrom('slaPolicies').selectAll().orderBy('id').execute()).map(toPolicy);
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
    if (rowId === null)
      rowId = (
        await ctx.db
          .insertInto('slaPolicies')
          .values({ ...values, createdAt: values.updatedAt })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    else
      orNotFound(
        await ctx.db.updateTable('slaPolicies').set(values).where('id', '=', rowId).returning('id').executeTakeFirst(),
      );
    await writeAudit(ctx.db, actor, {
      action: id === null ? 'create' : 'update',
      entity: 'slaPolicies',
      entityId: rowId,
      detail: values,
    });
    return rowId;
  });
  return toPolicy(
    await ctx.db.selectFrom('slaPolicies').selectAll().where('id', '=', savedId).executeTakeFirstOrThrow(),
  );
}

/** Tickets keep the deadlines a policy gave them; deleting it only stops it applying to new ones. */
export async function deleteSlaPolicy(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  await inTransaction(ctx, async (ctx) => {
    orNotFound(await ctx.db.deleteFrom('slaPolicies').where('id', '=', id).returning('id').executeTakeFirst());
    await writeAudit(ctx.db, actor, { action: 'delete', entity: 'slaPolicies', entityId: id });
  });
}
