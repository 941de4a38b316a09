import type { Page, Task, TaskInput, TaskQuery, taskRelatedEntities } from '@relate/common';
import { cursorKey, pageResponse } from '../../platform/list-cursor.ts';
import dayjs from 'dayjs';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import { type Actor, can } from '../../platform/actor.ts';
import { diffFields, writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { fieldError, forbidden, notFound, orNotFound } from '../../platform/errors.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import type { OwnedEntity } from '../../platform/ownership.ts';
import { type Scope, scopeFor } from '../../platform/scope.ts';
import { assertDictionaryCodes } from '../dictionaries/index.ts';
import { notify } from '../notifications/index.ts';
import { findUserDepartmentAndStatus } from '../users/index.ts';
import * as repo from './tasks.repository.ts';
import { createdStamps } from '../../platform/stamps.ts';
import { transferOwned } from '../../db/ownership.ts';

type Input = z.output<typeof TaskInput>;
const auditedFields = [
  'subject',
  'type',
  'priority',
  'dueAt',
  'assigneeId',
  'status',
  'remindMinutes',
  'notes',
  'recurrence',
] as const;
const utc = (value: string) => new Date(value).toISOString();

export function toTask(row: repo.TaskRow): Task {
  return {
    id: row.id,
    subject: row.subject,
    type: row.type,
    priority: row.priority as Task['priority'],
    dueAt: row.dueAt,
    assigneeId: row.ownerId,
    assigneeName: row.assigneeName,
    departmentId: row.departmentId,
    relatedEntity: row.relatedEntity as Task['relatedEntity'],
    relatedId: row.relatedId,
    relatedName: row.relatedName,
    status: row.status as Task['status'],
    remindMinutes: row.remindMinutes,
    notes: row.notes,
    recurrence: row.recurrence as Task['recurrence'],
    completedAt: row.completedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function taskScope(ctx: AppContext, actor: Actor): Promise<Scope> {
  return scopeFor(ctx.db, actor, 'tasks');
}

async function resolveAssignee(db: Kysely<DB>, actor: Actor, scope: Scope, assigneeId: number | undefined) {
  const id = assigneeId ?? actor.userId;
  const user = await findUserDepartmentAndStatus(db, id);
  if (!user) throw fieldError('assigneeId', 'unknownUser', { value: id });
  if (user.status !== 'active') throw fieldError('assigneeId', 'userDisabled');
  // Tasks may be given to oneself, or to anyone whose records lie in the caller's task scope.
  if (
    id !== actor.userId &&
    scope.kind !== 'all' &&
    !(scope.kind === 'departments' && user.departmentId !== null && scope.departmentIds.includes(user.departmentId))
  )
    throw forbidden();
  return { id: user.id, departmentId: user.departmentId };
}

/** The reminder of a task as a job; a changed due time or reminder makes a new job and the old one finds nothing to do. */
async function scheduleReminder(
  db: Kysely<DB>,
  task: { id: number; dueAt: string; remindMinutes: number | null; status: string },
) {
  if (task.remindMinutes === null || task.status !== 'open') return;
  const runAt = new Date(Date.parse(task.dueAt) - task.remindMinutes * 60_000).toISOString();
  await scheduleJob(db, {
    kind: 'task.remind',
    runAt,
    payload: { taskId: task.id, dueAt: task.dueAt },
    dedupeKey: `task.remind:${task.id}:${task.dueAt}:${task.remindMinutes}`,
  });
}

/** Job: tells the assignee a task is due, if it is still open at the time it was scheduled for. */
export async function remindTask(ctx: AppContext, payload: unknown): Promise<void> {
  const { taskId, dueAt } = payload as { taskId: number; dueAt: string };
  const task = await repo.findTask(ctx.db, { kind: 'all' }, taskId);
  if (!task || task.status !== 'open' || task.dueAt !== dueAt || task.ownerId === null) return;
  await notify(ctx.db, [
    {
      userId: task.ownerId,
      kind: 'taskDue',
      entity: 'tasks',
      entityId: task.id,
      params: { subject: task.subject, dueAt: task.dueAt },
    },
  ]);
}

async function assertRelated(
  ctx: AppContext,
  actor: Actor,
  input: { relatedEntity?: string | null; relatedId?: number | null },
) {
  if (!input.relatedEntity && !input.relatedId) return;
  if (!input.relatedEntity || !input.relatedId) throw fieldError('relatedId', 'required');
  const entity = input.relatedEntity as (typeof taskRelatedEntities)[number];
  const scope = await scopeFor(ctx.db, actor, entity);
  const found = await repo.findRelatedInScope(ctx.db, entity, scope, input.relatedId);
  if (!found) throw fieldError('relatedId', 'notFoundOrHidden');
}

export async function listTasks(ctx: AppContext, actor: Actor, query: z.output<typeof TaskQuery>): Promise<Page<Task>> {
  const { items, ...total } = await repo.listTasks(
    ctx.db,
    await taskScope(ctx, actor),
    {
      ...query,
      overdueBefore: query.overdue ? nowIso() : undefined,
      dueFrom: query.dueFrom && utc(query.dueFrom),
      dueTo: query.dueTo && utc(query.dueTo),
    },
    { ...query, afterKey: cursorKey('tasks', query) },
  );
  return pageResponse('tasks', query, items.map(toTask), total);
}

export async function getTask(ctx: AppContext, actor: Actor, id: number): Promise<Task> {
  return toTask(orNotFound(await repo.findTask(ctx.db, await taskScope(ctx, actor), id)));
}

export async function createTask(ctx: AppContext, actor: Actor, input: Input): Promise<Task> {
  const scope = await taskScope(ctx, actor);
  await assertDictionaryCodes(ctx.db, input, { type: 'task_type' });
  await assertRelated(ctx, actor, input);
  const assignee = await resolveAssignee(ctx.db, actor, scope, input.assigneeId);
  const now = nowIso();
  const id = await inTransaction(ctx, async (ctx) => {
    const row = {
      subject: input.subject,
      type: input.type,
      priority: input.priority,
      dueAt: utc(input.dueAt),
      relatedEntity: input.relatedEntity ?? null,
      relatedId: input.relatedId ?? null,
      status: input.status ?? 'open',
      remindMinutes: input.remindMinutes ?? null,
      notes: input.notes ?? null,
      recurrence: input.recurrence,
      completedAt: input.status === 'done' ? now : null,
      ownerId: assignee.id,
      departmentId: assignee.departmentId,
      ...createdStamps(actor, now),
    };
    const id = await repo.insertTask(ctx.db, row);
    await scheduleReminder(ctx.db, { id, ...row });
    if (assignee.id !== actor.userId)
      await notify(ctx.db, [
        {
          userId: assignee.id,
          kind: 'taskAssigned',
          entity: 'tasks',
          entityId: id,
          params: { subject: input.subject, by: actor.displayName },
        },
      ]);
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'tasks',
      entityId: id,
      detail: { subject: input.subject },
    });
    return id;
  });
  return toTask(orNotFound(await repo.findTask(ctx.db, { kind: 'all' }, id)));
}

function nextOccurrence(dueAt: string, recurrence: string): string {
  const unit = recurrence === 'daily' ? 'day' : recurrence === 'weekly' ? 'week' : 'month';
  return dayjs(dueAt).add(1, unit).toISOString();
}

/** Changes a task; completing a recurring task creates its next occurrence. */
export async function updateTask(ctx: AppContext, actor: Actor, id: number, patch: Partial<Input>): Promise<Task> {
  const scope = await taskScope(ctx, actor);
  const row = orNotFound(await repo.findTask(ctx.db, scope, id));
  const before = toTask(row);
  await assertDictionaryCodes(ctx.db, patch, { type: 'task_type' });
  if (patch.relatedEntity !== undefined || patch.relatedId !== undefined)
    await assertRelated(ctx, actor, {
      relatedEntity: patch.relatedEntity ?? before.relatedEntity,
      relatedId: patch.relatedId ?? before.relatedId,
    });
  const assignee =
    patch.assigneeId !== undefined && patch.assigneeId !== before.assigneeId
      ? await resolveAssignee(ctx.db, actor, scope, patch.assigneeId)
      : null;
  const now = nowIso();
  const completing = patch.status === 'done' && before.status !== 'done';
  await inTransaction(ctx, async (ctx) => {
    const values = {
      ...(patch.subject !== undefined ? { subject: patch.subject } : {}),
      ...(patch.type !== undefined ? { type: patch.type } : {}),
      ...(patch.priority !== undefined ? { priority: patch.priority } : {}),
      ...(patch.dueAt !== undefined ? { dueAt: utc(patch.dueAt) } : {}),
      ...(patch.relatedEntity !== undefined ? { relatedEntity: patch.relatedEntity ?? null } : {}),
      ...(patch.relatedId !== undefined ? { relatedId: patch.relatedId ?? null } : {}),
      ...(patch.status !== undefined
        ? { status: patch.status, completedAt: patch.status === 'done' ? now : null }
        : {}),
      ...(patch.remindMinutes !== undefined ? { remindMinutes: patch.remindMinutes ?? null } : {}),
      ...(patch.notes !== undefined ? { notes: patch.notes ?? null } : {}),
      ...(patch.recurrence !== undefined ? { recurrence: patch.recurrence } : {}),
      ...(assignee ? { ownerId: assignee.id, departmentId: assignee.departmentId } : {}),
    };
    await repo.updateTask(ctx.db, id, { ...values, updatedBy: actor.userId, updatedAt: now });
    const after = { ...before, ...values, assigneeId: assignee?.id ?? before.assigneeId };
    await scheduleReminder(ctx.db, {
      id,
      dueAt: after.dueAt,
      remindMinutes: after.remindMinutes,
      status: after.status,
    });
    if (completing && after.recurrence !== 'none') {
      const nextDue = nextOccurrence(after.dueAt, after.recurrence);
      const nextId = await repo.insertTask(ctx.db, {
        subject: after.subject,
        type: after.type,
        priority: after.priority,
        dueAt: nextDue,
        relatedEntity: after.relatedEntity,
        relatedId: after.relatedId,
        status: 'open',
        remindMinutes: after.remindMinutes,
        notes: after.notes,
        recurrence: after.recurrence,
        completedAt: null,
        ownerId: after.assigneeId,
        departmentId: assignee?.departmentId ?? before.departmentId,
        ...createdStamps(actor, now),
      });
      await scheduleReminder(ctx.db, {
        id: nextId,
        dueAt: nextDue,
        remindMinutes: after.remindMinutes,
        status: 'open',
      });
    }
    const changes = diffFields(before, after, [...auditedFields]);
    if (changes.length) await writeAudit(ctx.db, actor, { action: 'update', entity: 'tasks', entityId: id, changes });
  });
  return toTask(orNotFound(await repo.findTask(ctx.db, { kind: 'all' }, id)));
}

export async function deleteTask(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const scope = await taskScope(ctx, actor);
  if (!(await repo.findTask(ctx.db, scope, id))) throw notFound();
  if (!can(actor, 'tasks.delete')) throw forbidden();
  await inTransaction(ctx, async (ctx) => {
    await repo.updateTask(ctx.db, id, { deletedAt: nowIso(), deletedBy: actor.userId });
    await writeAudit(ctx.db, actor, { action: 'delete', entity: 'tasks', entityId: id });
  });
}

export const tasksOwnership: OwnedEntity = {
  entity: 'tasks',
  transfer: (trx, fromUserId, to) => transferOwned(trx, 'tasks', fromUserId, to, nowIso(), { openOnly: true }),
};

/** A customer's tasks for its timeline, newest first (the query stays in the repository). */
export const tasksOfCustomer = repo.tasksOfCustomer;
