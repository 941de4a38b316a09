import type { CalendarEvent } from '@relate/common';
import dayjs from 'dayjs';
import { localDate } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import { anniversaryOccurrences, candidateAnniversaryRanges, contactAnniversaries } from '../contacts/index.ts';
import { plannedFollowupsBetween } from '../followups/index.ts';
import { getSettings } from '../settings/index.ts';
import { findUserDepartmentAndStatus } from '../users/index.ts';
import * as repo from './tasks.repository.ts';
import { taskScope } from './tasks.service.ts';

/**
 * One person's calendar between two instants: their tasks, the next follow-ups they planned and
 * the anniversaries of their contacts. A manager may open the calendar of someone in their scope.
 */
export async function calendar(
  ctx: AppContext,
  actor: Actor,
  query: { from: string; to: string; userId?: number },
): Promise<CalendarEvent[]> {
  const userId = query.userId ?? actor.userId;
  const scope = await taskScope(ctx, actor);
  if (userId !== actor.userId) {
    const user = await findUserDepartmentAndStatus(ctx.db, userId);
    const visible =
      user &&
      (scope.kind === 'all' ||
        (scope.kind === 'departments' &&
          user.departmentId !== null &&
          scope.departmentIds.includes(user.departmentId)));
    if (!visible) throw forbidden();
  }
  const from = new Date(query.from).toISOString();
  const to = new Date(query.to).toISOString();
  const settings = await getSettings(ctx.db);

  const tasks = await repo.tasksBetween(
    ctx.db,
    { kind: 'own', userId },
    { dueFrom: from, dueTo: to, status: ['open', 'done'] },
  );
  const followups = await plannedFollowupsBetween(ctx.db, userId, from, to);

  const first = dayjs(localDate(from, settings.timezone));
  const last = dayjs(localDate(new Date(Date.parse(to) - 1).toISOString(), settings.timezone));
  const anniversaries =
    last.diff(first, 'day') > 400
      ? []
      : await contactAnniversaries(
          ctx.db,
          { kind: 'own', userId },
          candidateAnniversaryRanges(first.format('YYYY-MM-DD'), last.format('YYYY-MM-DD')),
        );

  return [
    ...tasks.map((t) => ({
      kind: 'task' as const,
      id: `task-${t.id}`,
      title: t.subject,
      start: t.dueAt,
      allDay: false,
      status: t.status,
      entity: 'tasks',
      entityId: t.id,
      movable: t.status === 'open',
    })),
    ...followups.map((f) => ({
      kind: 'followup' as const,
      id: `followup-${f.id}`,
      title: [f.customerName ?? f.leadName, f.nextStep].filter(Boolean).join(' · '),
      start: f.nextFollowupAt!,
      allDay: false,
      status: null,
      entity: f.customerId ? 'customers' : 'leads',
      entityId: f.customerId ?? f.leadId,
      movable: false,
    })),
    ...anniversaries.flatMap((a) =>
      anniversaryOccurrences(a, first.format('YYYY-MM-DD'), last.format('YYYY-MM-DD')).map((date) => ({
        kind: 'anniversary' as const,
        id: `anniversary-${a.id}-${date.replaceAll('-', '')}`,
        title: `${a.contactName} · ${a.type}`,
        start: date,
        allDay: true,
        status: null,
        entity: 'customers',
        entityId: a.customerId,
        movable: false,
      })),
    ),
  ].sort((a, b) => a.start.localeCompare(b.start));
}
