import { BulkEditResult, TicketBulkEdit } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { originOf } from '../../platform/origin.ts';
import { defineRoute } from '../../platform/route.ts';
import { bulkEditTickets } from './bulk-edit.service.ts';
import { ticketResolved } from './ticket-events.ts';

export function ticketsBulkEditRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/tickets/bulk/update',
      access: 'tickets.edit',
      tag: 'tickets',
      summary:
        'Assign, change the status or the priority of many tickets, each by the single ticket’s rules (those outside your data scope or its rules are skipped)',
      body: TicketBulkEdit,
      response: BulkEditResult,
    },
    async ({ actor, body, request }) => {
      const { result, resolved } = await bulkEditTickets(ctx, actor, body);
      for (const id of resolved) await ticketResolved(ctx, id, originOf(request, ctx.config));
      return result;
    },
  );
}
