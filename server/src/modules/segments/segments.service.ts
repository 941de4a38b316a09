import {
  emptySegmentFilter,
  type Page,
  type Segment,
  type SegmentEntity,
  type SegmentGroup,
  type SegmentInput,
  type SegmentKind,
  type SegmentMember,
  type SegmentQuery,
} from '@relate/common';
import type { z } from 'zod';
import { readJson, writeJson } from '../../db/json.ts';
import { nowIso } from '../../db/time.ts';
import { type Actor, can } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, forbidden, orNotFound } from '../../platform/errors.ts';
import { hiddenFields } from '../../platform/field-rules.ts';
import { pageWindow } from '../../platform/list-query.ts';
import { scopeFor } from '../../platform/scope.ts';
import { countSelection, type Selection, selectionIds, selectionPage, visibleAmong } from './filter.repository.ts';
import { compileFilter } from './filter.service.ts';
import * as repo from './segments.repository.ts';

function toSegment(row: repo.SegmentRow): Segment {
  return {
    id: row.id,
    name: row.name,
    entity: row.entity as SegmentEntity,
    kind: row.kind as SegmentKind,
    filter: row.kind === 'dynamic' ? readJson<SegmentGroup>(row.filter, emptySegmentFilter) : null,
    description: row.description,
    createdBy: row.createdBy,
    createdByName: row.createdByName,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The records of an entity are counted and shown only to those who may see that entity's list. */
function assertMayView(actor: Actor, entity: SegmentEntity) {
  if (!can(actor, `${entity}.view`)) throw forbidden();
}

export async function listSegments(
  ctx: AppContext,
  _actor: Actor,
  query: z.output<typeof SegmentQuery>,
): Promise<Page<Segment>> {
  const { rows, total } = await repo.segmentPage(ctx.db, query, pageWindow(query.page, query.pageSize));
  return { items: rows.map(toSegment), total, page: query.page, pageSize: query.pageSize };
}

export async function getSegment(ctx: AppContext, _actor: Actor, id: number): Promise<Segment> {
  return toSegment(orNotFound(await repo.findSegment(ctx.db, id)));
}

/** Creates a segment: a dynamic one with its filter checked by meaning, a static one with no filter. */
export async function createSegment(ctx: AppContext, actor: Actor, input: z.output<typeof SegmentInput>) {
  assertMayView(actor, input.entity);
  if (input.kind === 'static' && input.filter) throw fieldError('filter', 'segmentStaticNoFilter');
  const filter = input.kind === 'dynamic' ? (input.filter ?? emptySegmentFilter) : null;
  if (filter) await compileFilter(ctx.db, input.entity, filter, { hidden: hiddenFields(actor, input.entity) });
  const id = await inTransaction(ctx, async (ctx) => {
    const now = nowIso();
    const id = await repo.insertSegment(ctx.db, {
      name: input.name,
      entity: input.entity,
      kind: input.kind,
      filter: filter ? writeJson(filter) : null,
      description: input.description ?? null,
      createdBy: actor.userId,
      updatedBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'segments',
      entityId: id,
      detail: { name: input.name, entity: input.entity, kind: input.kind },
    });
    return id;
  });
  return getSegment(ctx, actor, id);
}

/** Renames a segment or changes its filter (a dynamic one's only). */
export async function updateSegment(
  ctx: AppContext,
  actor: Actor,
  id: number,
  patch: { name?: string; filter?: SegmentGroup; description?: string | null },
) {
  const before = toSegment(orNotFound(await repo.findSegment(ctx.db, id)));
  assertMayView(actor, before.entity);
  if (patch.filter && before.kind === 'static') throw fieldError('filter', 'segmentStaticNoFilter');
  if (patch.filter)
    await compileFilter(ctx.db, before.entity, patch.filter, { hidden: hiddenFields(actor, before.entity) });
  await inTransaction(ctx, async (ctx) => {
    await repo.updateSegment(ctx.db, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.filter ? { filter: writeJson(patch.filter) } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      updatedBy: actor.userId,
      updatedAt: nowIso(),
    });
    const changes = [
      ...(patch.name !== undefined && patch.name !== before.name
        ? [{ field: 'name', old: before.name, new: patch.name }]
        : []),
      ...(patch.filter ? [{ field: 'filter', old: before.filter, new: patch.filter }] : []),
    ];
    await writeAudit(ctx.db, actor, { action: 'update', entity: 'segments', entityId: id, changes });
  });
  return getSegment(ctx, actor, id);
}

export async function deleteSegment(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const segment = orNotFound(await repo.findSegment(ctx.db, id));
  await inTransaction(ctx, async (ctx) => {
    await repo.deleteSegment(ctx.db, id);
    await writeAudit(ctx.db, actor, {
      action: 'delete',
      entity: 'segments',
      entityId: id,
      detail: { name: segment.name, entity: segment.entity, kind: segment.kind },
    });
  });
}

/** What a saved segment selects, its filter compiled (and checked again: a dictionary code may have gone). */
async function selectionOf(ctx: AppContext, actor: Actor, segment: Segment): Promise<Selection> {
  if (segment.kind === 'static') return { entity: segment.entity, kind: 'static', segmentId: segment.id };
  const filter = await compileFilter(ctx.db, segment.entity, segment.filter ?? emptySegmentFilter, {
    hidden: hiddenFields(actor, segment.entity),
  });
  return { entity: segment.entity, kind: 'dynamic', filter };
}

async function visibleSegment(ctx: AppContext, actor: Actor, id: number) {
  const segment = await getSegment(ctx, actor, id);
  assertMayView(actor, segment.entity);
  return { segment, scope: await scopeFor(ctx.db, actor, segment.entity) };
}

/** How many records an unsaved filter selects among those the caller sees: the live count of the editor. */
export async function countFilter(
  ctx: AppContext,
  actor: Actor,
  input: { entity: SegmentEntity; filter: SegmentGroup },
): Promise<{ count: number }> {
  assertMayView(actor, input.entity);
  const filter = await compileFilter(ctx.db, input.entity, input.filter, { hidden: hiddenFields(actor, input.entity) });
  const scope = await scopeFor(ctx.db, actor, input.entity);
  return { count: await countSelection(ctx.db, ctx.dialect, scope, { entity: input.entity, kind: 'dynamic', filter }) };
}

/** A page of a segment's members as the caller sees them, in id order, with their total. */
export async function listSegmentMembers(
  ctx: AppContext,
  actor: Actor,
  id: number,
  query: { page: number; pageSize: number },
): Promise<Page<SegmentMember>> {
  const { segment, scope } = await visibleSegment(ctx, actor, id);
  const selection = await selectionOf(ctx, actor, segment);
  const [items, total] = await Promise.all([
    selectionPage(ctx.db, ctx.dialect, scope, selection, pageWindow(query.page, query.pageSize)),
    countSelection(ctx.db, ctx.dialect, scope, selection),
  ]);
  return {
    items: items.map((r) => ({ id: Number(r.id), name: r.name, detail: r.detail })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/**
 * The ids of a segment's members that the actor sees at this moment, in id order: one statement on the
 * handle given (call it inside your own transaction for a snapshot that goes with your writes).
 * Outbound call lists take their members from here (the first `limit` of them).
 */
export async function segmentMemberIds(
  ctx: AppContext,
  actor: Actor,
  segmentId: number,
  limit?: number,
): Promise<{ entity: SegmentEntity; ids: number[] }> {
  const { segment, scope } = await visibleSegment(ctx, actor, segmentId);
  return {
    entity: segment.entity,
    ids: await selectionIds(ctx.db, ctx.dialect, scope, await selectionOf(ctx, actor, segment), limit),
  };
}

/** Adds records the caller sees to a static segment; those already in it stay as they are. */
export async function addStaticMembers(ctx: AppContext, actor: Actor, id: number, ids: number[]) {
  const { segment, scope } = await visibleSegment(ctx, actor, id);
  if (segment.kind !== 'static') throw new AppError('CONFLICT', 'segmentDynamicMembers');
  const unique = [...new Set(ids)];
  const visible = await visibleAmong(ctx.db, ctx.dialect, scope, segment.entity, unique);
  if (visible.length !== unique.length) throw fieldError('ids', 'notARecordYouSee');
  return inTransaction(ctx, async (ctx) => {
    const now = nowIso();
    const added = await repo.insertStaticMembers(
      ctx.db,
      unique.map((entityId) => ({ segmentId: id, entityId, createdBy: actor.userId, createdAt: now })),
    );
    if (added)
      await writeAudit(ctx.db, actor, { action: 'addMembers', entity: 'segments', entityId: id, detail: { added } });
    return { added, alreadyMembers: unique.length - added };
  });
}

/**
 * Puts a record the actor sees into a static segment of its kind, or takes it out (a sequence's segment step),
 * in the caller's transaction: nothing when it is there already, or not there. Answers whether it changed.
 */
export async function setStaticMembership(
  ctx: AppContext,
  actor: Actor,
  id: number,
  entity: SegmentEntity,
  entityId: number,
  member: boolean,
): Promise<boolean> {
  const { segment, scope } = await visibleSegment(ctx, actor, id);
  if (segment.kind !== 'static') throw new AppError('CONFLICT', 'segmentDynamicMembers');
  if (segment.entity !== entity) throw fieldError('segmentId', 'segmentOtherEntity');
  orNotFound((await visibleAmong(ctx.db, ctx.dialect, scope, segment.entity, [entityId]))[0]);
  const changed = member
    ? await repo.insertStaticMembers(ctx.db, [
        { segmentId: id, entityId, createdBy: actor.userId, createdAt: nowIso() },
      ])
    : await repo.deleteStaticMember(ctx.db, id, entityId);
  if (changed)
    await writeAudit(ctx.db, actor, {
      action: member ? 'addMembers' : 'removeMember',
      entity: 'segments',
      entityId: id,
      detail: member ? { added: 1 } : { entityId },
    });
  return changed > 0;
}

/** Takes a record out of a static segment (404 when it is not a member the caller sees). */
export async function removeStaticMember(ctx: AppContext, actor: Actor, id: number, entityId: number) {
  const { segment, scope } = await visibleSegment(ctx, actor, id);
  if (segment.kind !== 'static') throw new AppError('CONFLICT', 'segmentDynamicMembers');
  orNotFound((await visibleAmong(ctx.db, ctx.dialect, scope, segment.entity, [entityId]))[0]);
  await inTransaction(ctx, async (ctx) => {
    orNotFound((await repo.deleteStaticMember(ctx.db, id, entityId)) || null);
    await writeAudit(ctx.db, actor, {
      action: 'removeMember',
      entity: 'segments',
      entityId: id,
      detail: { entityId },
    });
  });
}
