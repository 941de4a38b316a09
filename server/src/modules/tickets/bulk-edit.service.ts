import { openTicketStatuses, type TicketBulkEdit, type TicketStatus } from '@relate/common';
import type { z } from 'zod';
import { type Actor, can } from '../../platform/actor.ts';
import { editEach } from '../../platform/bulk-edit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, fieldError, forbidden } from '../../platform/errors.ts';
import { findActiveUser } from './agents.repository.ts';
import { idsInScope } from './bulk-edit.repository.ts';
import { assignTicket, ticketActionTo, transitionTicket } from './ticket-workflow.ts';
import { getTicket, ticketScope, updateTicket } from './tickets.service.ts';

const open = openTicketStatuses as readonly string[];

/**
 * Assigns, moves and reprioritises many tickets: each one in scope goes through the single ticket's
 * routes (assignment, status rules, audit, the assignee told), in one transaction. A ticket whose
 * status allows no such change is skipped with the reason. Returns also the tickets resolved, whose
 * resolution the caller announces once the change is saved.
 */
export async function bulkEditTickets(
  ctx: AppContext,
  actor: Actor,
  { ids, changes }: z.output<typeof TicketBulkEdit>,
) {
  // What holds for every ticket is refused once, for the whole request, as the single routes would.
  if (changes.assigneeId !== undefined) {
    if (changes.assigneeId !== actor.userId && !can(actor, 'tickets.assign')) throw forbidden();
    if (!(await findActiveUser(ctx.db, changes.assigneeId))) throw fieldError('assigneeId', 'notFoundOrHidden');
  }
  const scope = await ticketScope(ctx, actor);
  const resolved: number[] = [];
  const result = await editEach(
    ctx,
    actor,
    ids,
    (ctx, ids) => idsInScope(ctx.db, scope, ids),
    async (ctx, id) => {
      const before = await getTicket(ctx, actor, id);
      let status: TicketStatus = before.status;
      if (changes.priority !== undefined && changes.priority !== before.priority)
        await updateTicket(ctx, actor, id, { priority: changes.priority });
      if (changes.assigneeId !== undefined && changes.assigneeId !== before.assigneeId) {
        if (!open.includes(status))
          throw new AppError('CONFLICT', 'ticketStatusChange', undefined, { from: status, action: 'assign' });
        status = (await assignTicket(ctx, actor, id, { assigneeId: changes.assigneeId })).status;
      }
      if (changes.status !== undefined && changes.status !== status) {
        const action = ticketActionTo(status, changes.status);
        if (!action)
          throw new AppError('CONFLICT', 'ticketStatusChange', undefined, { from: status, action: changes.status });
        const after = await transitionTicket(ctx, actor, id, { action });
        if (action === 'resolve') resolved.push(after.id);
      }
    },
  );
  return { result, resolved };
}
