import {
  WebFormReceipt,
  WebFormTicket,
  TicketCoverage,
  UsageInput,
  SatisfactionQuery,
  SatisfactionReport,
  TicketCallback,
  CannedAnswer,
  CannedAnswerInput,
  CannedAnswerQuery,
  IdParams,
  pageOf,
  SlaPolicy,
  SlaPolicyInput,
  TicketAssign,
  TicketCounts,
  TicketDetail,
  TicketEscalate,
  Ticket,
  TicketInput,
  TicketMerge,
  TicketMessageInput,
  TicketPatch,
  TicketQuery,
  TicketTransition,
  Id,
} from '@relate/common';
import type { Permission } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { type Actor, can } from '../../platform/actor.ts';
import { forbidden } from '../../platform/errors.ts';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { originOf } from '../../platform/origin.ts';
import { defineRoute } from '../../platform/route.ts';
import { ticketsBulkEditRoutes } from './bulk-edit.routes.ts';
import { recordUsage, ticketCoverage } from './coverage.ts';
import { ticketResolved } from './ticket-events.ts';
import { emailReplyToCustomer } from './reply-mail.ts';
import { satisfactionReport } from './satisfaction.service.ts';
import * as setup from './service-setup.service.ts';
import { submitWebForm } from './web-form.ts';
import * as workflow from './ticket-workflow.ts';
import * as service from './tickets.service.ts';

export function ticketsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'tickets';
  /**
   * Changing a ticket: one outside the caller's data scope is not found (404) whatever their rights,
   * so the answer never tells that it exists; one they can see but may not change is refused (403).
   */
  const mayChange = async (actor: Actor, id: number, permission: Permission) => {
    await service.getTicket(ctx, actor, id);
    if (!can(actor, permission)) throw forbidden();
  };
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/public/v1/tickets',
      access: 'public',
      csrfExempt: true,
      tag,
      summary: 'The public web form: opens a ticket once the captcha (GET /api/v1/auth/captcha) is solved',
      body: WebFormTicket,
      response: WebFormReceipt,
      status: 201,
    },
    async ({ body, request }) =>
      submitWebForm(ctx, body, { ip: request.ip, userAgent: request.headers['user-agent']?.slice(0, 300) ?? null }),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/tickets',
      reads: 'replica',
      access: 'tickets.view',
      tag,
      summary: 'Tickets in your data scope; without `sort` a queue: VIP first, then by priority, oldest first',
      query: TicketQuery,
      response: pageOf(Ticket),
    },
    async ({ actor, query }) => service.listTickets(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/tickets/counts',
      access: 'tickets.view',
      tag,
      summary: 'Ticket counts by status, your open tickets, unassigned and breached ones',
      response: TicketCounts,
    },
    async ({ actor }) => service.ticketCounts(ctx, actor),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/tickets/satisfaction',
      reads: 'replica',
      access: 'tickets.view',
      tag,
      summary:
        'Satisfaction from callbacks in a period by agent, team or category: responses, average score, CSAT, solved rate',
      query: SatisfactionQuery,
      response: SatisfactionReport,
    },
    async ({ actor, query }) => satisfactionReport(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/tickets/:id',
      access: 'tickets.view',
      tag,
      summary: 'One ticket with its conversation',
      params: IdParams,
      response: TicketDetail,
    },
    async ({ actor, params }) => service.getTicket(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/tickets',
      access: 'tickets.create',
      tag,
      summary: 'Open a ticket: SLA deadlines from the matching policy, assigned to the named agent or routed',
      body: TicketInput,
      response: TicketDetail,
      status: 201,
    },
    async ({ actor, body }) => service.createTicket(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/tickets/:id',
      access: 'tickets.view',
      tag,
      summary: 'Change a ticket that is not closed (needs tickets.edit)',
      params: IdParams,
      body: TicketPatch,
      response: TicketDetail,
    },
    async ({ actor, params, body }) => {
      await mayChange(actor, params.id, 'tickets.edit');
      return service.updateTicket(ctx, actor, params.id, body);
    },
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/tickets/:id',
      access: 'tickets.view',
      tag,
      summary: 'Delete a ticket (needs tickets.delete)',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => {
      await mayChange(actor, params.id, 'tickets.delete');
      return service.deleteTicket(ctx, actor, params.id);
    },
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/tickets/:id/messages',
      access: 'tickets.view',
      tag,
      summary:
        'Add an internal note or a reply to the customer (the first reply is the first response) (needs tickets.edit)',
      params: IdParams,
      body: TicketMessageInput,
      response: TicketDetail,
      status: 201,
    },
    async ({ actor, params, body, request }) => {
      await mayChange(actor, params.id, 'tickets.edit');
      const ticket = await workflow.addMessage(ctx, actor, params.id, body);
      // The customer hears of a reply by email; the agent does not wait for the mail server.
      if (body.kind === 'reply')
        void emailReplyToCustomer(ctx, ticket.id, body.body, originOf(request, ctx.config), actor.userId).catch(
          () => undefined,
        );
      return ticket;
    },
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/tickets/:id/transition',
      access: 'tickets.view',
      tag,
      summary: 'Start, wait for the customer (SLA paused), resume, resolve, close or reopen (needs tickets.edit)',
      params: IdParams,
      body: TicketTransition,
      response: TicketDetail,
    },
    async ({ actor, params, body, request }) => {
      await mayChange(actor, params.id, 'tickets.edit');
      const ticket = await workflow.transitionTicket(ctx, actor, params.id, body);
      if (body.action === 'resolve') await ticketResolved(ctx, ticket.id, originOf(request, ctx.config));
      return ticket;
    },
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/tickets/:id/coverage',
      access: 'tickets.view',
      tag,
      summary: 'The asset’s warranty and the service contract covering the ticket, with what is used',
      params: IdParams,
      response: TicketCoverage,
    },
    async ({ actor, params }) => ticketCoverage(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/tickets/:id/usage',
      access: 'tickets.view',
      tag,
      summary: 'Count visits and working minutes of the ticket against its service contract (needs tickets.edit)',
      params: IdParams,
      body: UsageInput,
      response: TicketCoverage,
      status: 201,
    },
    async ({ actor, params, body }) => {
      await mayChange(actor, params.id, 'tickets.edit');
      return recordUsage(ctx, actor, params.id, body);
    },
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/tickets/:id/callback',
      access: 'tickets.view',
      tag,
      summary: 'Record the callback: solved closes with the rating, not solved reopens (needs tickets.edit)',
      params: IdParams,
      body: TicketCallback,
      response: TicketDetail,
    },
    async ({ actor, params, body }) => {
      await mayChange(actor, params.id, 'tickets.edit');
      return workflow.recordCallback(ctx, actor, params.id, body);
    },
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/tickets/:id/assign',
      access: 'tickets.view',
      tag,
      summary:
        'Assign to an agent (tickets.assign), take it yourself, or route it by the team’s rule (needs tickets.edit)',
      params: IdParams,
      body: TicketAssign,
      response: TicketDetail,
    },
    async ({ actor, params, body }) => {
      await mayChange(actor, params.id, 'tickets.edit');
      return workflow.assignTicket(ctx, actor, params.id, body);
    },
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/tickets/:id/escalate',
      access: 'tickets.view',
      tag,
      summary: 'Escalate to the team lead (or your manager) with a reason (needs tickets.edit)',
      params: IdParams,
      body: TicketEscalate,
      response: TicketDetail,
    },
    async ({ actor, params, body }) => {
      await mayChange(actor, params.id, 'tickets.edit');
      return workflow.escalateTicket(ctx, actor, params.id, body.reason);
    },
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/tickets/:id/merge',
      access: 'tickets.view',
      tag,
      summary: 'Merge this duplicate into another ticket; returns the ticket merged into (needs tickets.edit)',
      params: IdParams,
      body: TicketMerge,
      response: TicketDetail,
    },
    async ({ actor, params, body }) => {
      await mayChange(actor, params.id, 'tickets.edit');
      return workflow.mergeTicket(ctx, actor, params.id, body.intoId);
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/canned-answers',
      access: 'tickets.view',
      tag,
      summary: 'Canned answers matching what is typed; with `ticketId`, placeholders filled for that ticket',
      query: CannedAnswerQuery.extend({ ticketId: Id.optional() }),
      response: z.array(CannedAnswer),
    },
    async ({ actor, query }) => setup.listCannedAnswers(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/canned-answers',
      access: 'service.manage',
      tag,
      summary: 'Add a canned answer',
      body: CannedAnswerInput,
      response: CannedAnswer,
      status: 201,
    },
    async ({ actor, body }) => setup.saveCannedAnswer(ctx, actor, null, body),
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/canned-answers/:id',
      access: 'service.manage',
      tag,
      summary: 'Change a canned answer',
      params: IdParams,
      body: CannedAnswerInput,
      response: CannedAnswer,
    },
    async ({ actor, params, body }) => setup.saveCannedAnswer(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/canned-answers/:id',
      access: 'service.manage',
      tag,
      summary: 'Delete a canned answer',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => setup.deleteCannedAnswer(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/sla-policies',
      access: 'tickets.view',
      tag,
      summary: 'SLA policies',
      response: z.array(SlaPolicy),
    },
    async () => setup.listSlaPolicies(ctx),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/sla-policies',
      access: 'service.manage',
      tag,
      summary: 'Add an SLA policy (business minutes for first response and resolution)',
      body: SlaPolicyInput,
      response: SlaPolicy,
      status: 201,
    },
    async ({ actor, body }) => setup.saveSlaPolicy(ctx, actor, null, body),
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/sla-policies/:id',
      access: 'service.manage',
      tag,
      summary: 'Change an SLA policy (tickets keep their deadlines)',
      params: IdParams,
      body: SlaPolicyInput,
      response: SlaPolicy,
    },
    async ({ actor, params, body }) => setup.saveSlaPolicy(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/sla-policies/:id',
      access: 'service.manage',
      tag,
      summary: 'Delete an SLA policy',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => setup.deleteSlaPolicy(ctx, actor, params.id),
  );
  ticketsBulkEditRoutes(app, ctx);
}
