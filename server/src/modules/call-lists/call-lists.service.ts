import {
  type CallEntry,
  type CallList,
  CallListAssignInput,
  type CallListInput,
  CallListPatch,
  type CallListPurpose,
  type CallListSourceInput,
  commonMergeFields,
  type Page,
} from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { readJson, writeJson } from '../../db/json.ts';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, orNotFound } from '../../platform/errors.ts';
import type { OwnedEntity } from '../../platform/ownership.ts';
import { scopeFor } from '../../platform/scope.ts';
import { parseInput } from '../../platform/validation.ts';
import { doNotCallAmong } from '../consent/index.ts';
import { normalizeNumber } from '../cti/index.ts';
import { getSurvey } from '../surveys/index.ts';
import * as repo from './call-lists.repository.ts';
import { unknownMergeFields } from './merge-fields.ts';
import { type CallListSource, callListSource, callListSources, type SourceEntry } from './sources.ts';

/** The most entries one list takes from its source; a larger source is cut (and says so). */
export const maxEntriesPerList = 5000;

const emptyCounts = { entries: 0, open: 0, due: 0, done: 0, exhausted: 0, skipped: 0, attempts: 0, reached: 0 };

async function withCounts(db: Kysely<DB>, rows: repo.ListRow[]): Promise<CallList[]> {
  const { entries, attempts } = await repo.countsOfLists(
    db,
    rows.map((r) => r.id),
    nowIso(),
  );
  return rows.map((row) => {
    const counts = { ...emptyCounts };
    for (const group of entries.filter((e) => e.listId === row.id)) {
      counts[group.status] = Number(group.n);
      counts.entries += Number(group.n);
      if (group.status === 'open') counts.due = Number(group.due ?? 0);
    }
    const tried = attempts.find((a) => a.listId === row.id);
    counts.attempts = Number(tried?.n ?? 0);
    counts.reached = Number(tried?.reached ?? 0);
    return {
      id: row.id,
      name: row.name,
      purpose: row.purpose as CallListPurpose,
      sourceKind: row.sourceKind,
      sourceParams: readJson<Record<string, unknown>>(row.sourceParams, {}),
      script: row.script,
      surveyId: row.surveyId,
      surveyName: row.surveyName,
      status: row.status,
      maxAttempts: row.maxAttempts,
      retryMinutes: row.retryMinutes,
      callingStart: row.callingStart,
      callingEnd: row.callingEnd,
      assignment: row.assignment,
      agentIds: readJson<number[]>(row.agentIds, []),
      ownerId: row.ownerId,
      ownerName: row.ownerName,
      counts,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  });
}

export function toEntry(row: repo.EntryRow): CallEntry {
  return {
    id: row.id,
    listId: row.listId,
    status: row.status,
    name: row.name,
    phone: row.phone,
    customerId: row.customerId,
    customerName: row.customerName,
    contactId: row.contactId,
    leadId: row.leadId,
    ticketId: row.ticketId,
    instalmentId: row.instalmentId,
    agentId: row.agentId,
    agentName: row.agentName,
    attempts: Number(row.attempts),
    unansweredAttempts: Number(row.unansweredAttempts),
    lastOutcome: row.lastOutcome,
    lastAttemptAt: row.lastAttemptAt,
    nextCallAt: row.nextCallAt,
    skipReason: row.skipReason,
    details: readJson<Record<string, string | number | null>>(row.details, {}),
  };
}

// ——— Sources ———

/** The sources lists can be built from, with their merge fields and settings. */
export function listSources() {
  return callListSources().map((source) => ({
    kind: source.kind,
    purpose: source.purpose,
    fields: [...commonMergeFields, ...source.fields],
    params: source.params,
  }));
}

function sourceOf(input: z.output<typeof CallListSourceInput>): {
  source: CallListSource;
  params: Record<string, unknown>;
} {
  const source = callListSource(input.kind);
  if (!source) throw fieldError('source.kind', 'invalid');
  return { source, params: parseInput(source.schema, input.params) };
}

/** The source's records as the caller may see them, at most one list's worth (and whether it had more). */
async function read(ctx: AppContext, actor: Actor, source: CallListSource, params: Record<string, unknown>) {
  const found = await source.entries(ctx, actor, params, maxEntriesPerList + 1);
  return { found: found.slice(0, maxEntriesPerList), truncated: found.length > maxEntriesPerList };
}

/** What a list from this source would hold now: how many, and the first few. */
export async function previewSource(ctx: AppContext, actor: Actor, input: z.output<typeof CallListSourceInput>) {
  const { source, params } = sourceOf(input);
  const { found, truncated } = await read(ctx, actor, source, params);
  const names = await repo.customerNames(
    ctx.db,
    found.slice(0, 10).flatMap((e) => (e.customerId ? [e.customerId] : [])),
  );
  return {
    count: found.length,
    truncated,
    sample: found.slice(0, 10).map((e) => ({
      name: e.name,
      customerName: e.customerId ? (names.get(e.customerId) ?? null) : null,
      phone: e.phone,
    })),
  };
}

// ——— Lists ———

async function visibleList(ctx: AppContext, actor: Actor, id: number): Promise<repo.ListRow> {
  return orNotFound(await repo.findListInScope(ctx.db, await scopeFor(ctx.db, actor, 'callLists'), id));
}

export async function getList(ctx: AppContext, actor: Actor, id: number): Promise<CallList> {
  return (await withCounts(ctx.db, [await visibleList(ctx, actor, id)]))[0]!;
}

export async function listLists(
  ctx: AppContext,
  actor: Actor,
  query: { page: number; pageSize: number; status?: string; purpose?: string; q?: string },
): Promise<Page<CallList>> {
  const scope = await scopeFor(ctx.db, actor, 'callLists');
  const { rows, total } = await repo.listLists(ctx.db, scope, query, query);
  return { items: await withCounts(ctx.db, rows), total, page: query.page, pageSize: query.pageSize };
}

async function checkScript(script: string, sourceKind: string) {
  const source = callListSource(sourceKind);
  const unknown = unknownMergeFields(script, [...commonMergeFields, ...(source?.fields ?? [])]);
  if (unknown.length)
    throw new AppError('VALIDATION_FAILED', 'VALIDATION_FAILED', {
      script: { key: 'unknownMergeField', params: { fields: unknown.map((f) => `{{${f}}}`).join(', ') } },
    });
}

async function checkSurvey(db: Kysely<DB>, surveyId: number | null | undefined) {
  if (!surveyId) return;
  const survey = await getSurvey(db, surveyId).catch(() => null);
  if (!survey?.active) throw fieldError('surveyId', 'invalid');
}

async function agentsOf(db: Kysely<DB>, ids: number[]) {
  const unique = [...new Set(ids)];
  const agents = await repo.activeUsers(db, unique);
  if (agents.length !== unique.length) throw fieldError('agentIds', 'invalid');
  // In the order chosen: the even split goes round them in it.
  return unique.map((id) => agents.find((a) => a.id === id)!);
}

/**
 * Builds a list: reads its source as the caller sees it (data scopes), leaves out numbers on the do-not-call
 * list and records without a number (kept as skipped, so the list shows them), and shares the entries out.
 */
export async function createList(ctx: AppContext, actor: Actor, input: CallListInput) {
  const { source, params } = sourceOf(input.source);
  await checkScript(input.script, source.kind);
  await checkSurvey(ctx.db, input.surveyId);
  const agents = await agentsOf(ctx.db, input.agentIds);
  if (input.assignment === 'even' && !agents.length) throw fieldError('agentIds', 'required');
  const { found, truncated } = await read(ctx, actor, source, params);
  const now = nowIso();
  const { id, added, skipped } = await inTransaction(ctx, async (ctx) => {
    const id = await repo.insertList(ctx.db, {
      name: input.name,
      purpose: input.purpose,
      sourceKind: source.kind,
      sourceParams: writeJson(params),
      script: input.script,
      surveyId: input.surveyId ?? null,
      status: 'active',
      maxAttempts: input.maxAttempts,
      retryMinutes: input.retryMinutes,
      callingStart: input.callingStart,
      callingEnd: input.callingEnd,
      assignment: input.assignment,
      agentIds: writeJson(agents.map((a) => a.id)),
      ownerId: actor.userId,
      departmentId: actor.departmentId,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    const result = await addEntries(ctx.db, id, found, now);
    await shareOut(ctx.db, id, input.assignment, agents, now);
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'callLists',
      entityId: id,
      detail: { name: input.name, source: source.kind, entries: result.added },
    });
    return { id, ...result };
  });
  return { list: await getList(ctx, actor, id), added, skipped, truncated };
}

/** Adds what the source holds now and the list does not (a refresh), each agent getting a share. */
export async function refreshList(ctx: AppContext, actor: Actor, id: number) {
  const list = await visibleList(ctx, actor, id);
  if (list.status === 'closed') throw new AppError('CONFLICT', 'callListClosed');
  const source = callListSource(list.sourceKind);
  if (!source) throw new AppError('CONFLICT', 'callListSourceGone');
  const params = parseInput(source.schema, readJson(list.sourceParams, {}));
  const { found, truncated } = await read(ctx, actor, source, params);
  const agents = await repo.activeUsers(ctx.db, readJson<number[]>(list.agentIds, []));
  const now = nowIso();
  const result = await inTransaction(ctx, async (ctx) => {
    const known = await repo.sourceKeysOf(ctx.db, id);
    const result = await addEntries(
      ctx.db,
      id,
      found.filter((e) => !known.has(e.key)),
      now,
    );
    await shareOut(ctx.db, id, list.assignment, agents, now);
    await repo.updateList(ctx.db, id, { updatedAt: now });
    await writeAudit(ctx.db, actor, {
      action: 'refresh',
      entity: 'callLists',
      entityId: id,
      detail: { added: result.added, skipped: result.skipped },
    });
    return result;
  });
  return { list: await getList(ctx, actor, id), ...result, truncated };
}

async function addEntries(db: Kysely<DB>, listId: number, found: SourceEntry[], now: string) {
  const numbers = found.map((e) => (e.phone ? normalizeNumber(e.phone, null) || null : null));
  const refused = await doNotCallAmong(
    db,
    found.map((e, i) => ({ number: numbers[i] ?? '', contactId: e.contactId })),
  );
  const rows = found.map((e, i) => {
    const skipReason = !numbers[i] ? 'noNumber' : refused.has(i) ? 'doNotCall' : null;
    return {
      listId,
      sourceKey: e.key,
      name: e.name.slice(0, 200),
      phone: numbers[i] ?? null,
      customerId: e.customerId,
      contactId: e.contactId,
      leadId: e.leadId ?? null,
      ticketId: e.ticketId,
      instalmentId: e.instalmentId,
      recordOwnerId: e.recordOwnerId,
      details: writeJson(e.details),
      agentId: null,
      departmentId: null,
      status: skipReason ? ('skipped' as const) : ('open' as const),
      skipReason,
      attempts: 0,
      unansweredAttempts: 0,
      lastOutcome: null,
      lastAttemptAt: null,
      nextCallAt: skipReason ? null : now,
      createdAt: now,
      updatedAt: now,
    };
  });
  await repo.insertEntries(db, rows);
  const skipped = rows.filter((r) => r.status === 'skipped').length;
  return { added: rows.length - skipped, skipped };
}

/**
 * Gives the list's open entries that have no agent to agents: `even` tops up whoever holds the fewest open
 * entries (across lists), in the order chosen; `owner` gives each to its record's owner when active, the
 * rest as `even`.
 */
async function shareOut(
  db: Kysely<DB>,
  listId: number,
  mode: 'even' | 'owner',
  agents: Array<{ id: number; departmentId: number | null }>,
  now: string,
) {
  const candidates = (await repo.openEntriesToAssign(db, listId)).filter((e) => e.agentId === null);
  if (!candidates.length) return;
  const owners =
    mode === 'owner'
      ? await repo.activeUsers(db, [
          ...new Set(candidates.map((e) => e.recordOwnerId).filter((id): id is number => id !== null)),
        ])
      : [];
  const ownerById = new Map(owners.map((o) => [o.id, o]));
  const load = await repo.openLoadOf(
    db,
    agents.map((a) => a.id),
  );
  const given = new Map<number, { departmentId: number | null; ids: number[] }>();
  const give = (agent: { id: number; departmentId: number | null }, entryId: number) => {
    const batch = given.get(agent.id) ?? { departmentId: agent.departmentId, ids: [] };
    batch.ids.push(entryId);
    given.set(agent.id, batch);
  };
  for (const entry of candidates) {
    const owner = entry.recordOwnerId !== null ? ownerById.get(entry.recordOwnerId) : undefined;
    if (owner) {
      give(owner, entry.id);
      continue;
    }
    if (!agents.length) continue;
    let lightest = agents[0]!;
    for (const agent of agents) if ((load.get(agent.id) ?? 0) < (load.get(lightest.id) ?? 0)) lightest = agent;
    load.set(lightest.id, (load.get(lightest.id) ?? 0) + 1);
    give(lightest, entry.id);
  }
  for (const [agentId, batch] of given)
    await repo.assignEntries(db, batch.ids, { agentId, departmentId: batch.departmentId }, now);
}

/** Shares the list's open entries out again (all of them, or those of some agents), and keeps the choice. */
export async function assignList(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.output<typeof CallListAssignInput>,
): Promise<CallList> {
  await visibleList(ctx, actor, id);
  const agents = await agentsOf(ctx.db, input.agentIds);
  if (input.assignment === 'even' && !agents.length) throw fieldError('agentIds', 'required');
  const now = nowIso();
  await inTransaction(ctx, async (ctx) => {
    await repo.updateList(ctx.db, id, {
      assignment: input.assignment,
      agentIds: writeJson(agents.map((a) => a.id)),
      updatedAt: now,
    });
    // Taken back first, so the even split counts only what each agent keeps.
    const taken = await repo.openEntriesToAssign(ctx.db, id, input.fromAgentIds);
    await repo.assignEntries(
      ctx.db,
      taken.map((e) => e.id),
      { agentId: null, departmentId: null },
      now,
    );
    await shareOut(ctx.db, id, input.assignment, agents, now);
    await writeAudit(ctx.db, actor, {
      action: 'assign',
      entity: 'callLists',
      entityId: id,
      detail: { assignment: input.assignment, agentIds: agents.map((a) => a.id), entries: taken.length },
    });
  });
  return getList(ctx, actor, id);
}

export async function updateList(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.output<typeof CallListPatch>,
): Promise<CallList> {
  const before = await visibleList(ctx, actor, id);
  if (input.script !== undefined) await checkScript(input.script, before.sourceKind);
  if (input.surveyId) await checkSurvey(ctx.db, input.surveyId);
  const start = input.callingStart ?? before.callingStart;
  const end = input.callingEnd ?? before.callingEnd;
  if (start >= end) throw fieldError('callingEnd', 'callingHoursOrder');
  await inTransaction(ctx, async (ctx) => {
    await repo.updateList(ctx.db, id, { ...input, updatedAt: nowIso() });
    await writeAudit(ctx.db, actor, {
      action: 'update',
      entity: 'callLists',
      entityId: id,
      changes: Object.entries(input).map(([field, value]) => ({
        field,
        old: before[field as keyof typeof before] ?? null,
        new: value,
      })),
    });
  });
  return getList(ctx, actor, id);
}

/** A list nobody has called from yet goes with its entries; one with calls is closed instead (its figures stay). */
export async function deleteList(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const list = await visibleList(ctx, actor, id);
  if (await repo.hasAttempts(ctx.db, id)) throw new AppError('CONFLICT', 'callListHasCalls');
  await inTransaction(ctx, async (ctx) => {
    await repo.deleteList(ctx.db, id);
    await writeAudit(ctx.db, actor, {
      action: 'delete',
      entity: 'callLists',
      entityId: id,
      detail: { name: list.name },
    });
  });
}

export async function listEntries(
  ctx: AppContext,
  actor: Actor,
  id: number,
  query: {
    page: number;
    pageSize: number;
    sort?: string;
    status?: string;
    agentId?: number;
    outcome?: string;
    q?: string;
  },
): Promise<Page<CallEntry>> {
  await visibleList(ctx, actor, id);
  const { rows, total } = await repo.listEntries(ctx.db, id, query, query);
  return { items: rows.map(toEntry), total, page: query.page, pageSize: query.pageSize };
}

/** The ownership hook for handover: a leaving user's call lists and the open entries they were to call. */
export const callListsOwnership: OwnedEntity = {
  entity: 'callLists',
  transfer: (trx, fromUserId, to) => repo.transferLists(trx, fromUserId, to, nowIso()),
};
