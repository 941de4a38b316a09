import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import {
  Call,
  CallerCard,
  CallerLookupQuery,
  CallPage,
  CallQuery,
  CallWrapUpInput,
  CallWrapUpResult,
  CtiConnection,
  CtiConnectionInput,
  CtiConnectionList,
  CtiConnectionParams,
  CtiConnectionPatch,
  DialInput,
  DialResult,
  IdParams,
  IvrAmountDue,
  IvrAmountDueQuery,
  IvrTicket,
  IvrTicketQuery,
  PbxLookup,
  PbxLookupQuery,
  QueueList,
  Seat,
  SeatInput,
  SeatList,
  SeatStateInput,
  UserIdParams,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './cti.service.ts';

const TransferInput = z.object({
  extension: z
    .string()
    .trim()
    .regex(/^\d{2,8}$/),
});

/**
 * Telephony: administrators' connections and seats (calls.manage); each agent's seat, click-to-dial, calls,
 * wrap-up and queue (calls.view); and what a PBX or cloud call center calls without a user session, each
 * request signed with the connection's key (`X-Relate-Timestamp`, `X-Relate-Signature`, see adapters/cloud.ts).
 */
export async function ctiRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const tag = 'calls';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/cti/connections',
      access: 'calls.manage',
      tag,
      summary: 'Telephony connections (PBX or cloud call center), their secrets never shown',
      response: CtiConnectionList,
    },
    async () => ({ items: await service.listConnections(ctx) }),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/cti/connections',
      access: 'calls.manage',
      tag,
      summary: 'Add a telephony connection: Asterisk (AMI), FreeSWITCH (ESL) or a cloud call center',
      body: CtiConnectionInput,
      response: CtiConnection,
      status: 201,
    },
    async ({ actor, body }) => service.createConnection(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/cti/connections/:id',
      access: 'calls.manage',
      tag,
      summary: 'Change a telephony connection (a secret left out stays as it is); it reconnects',
      params: IdParams,
      body: CtiConnectionPatch,
      response: CtiConnection,
    },
    async ({ actor, params, body }) => service.updateConnection(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/cti/connections/:id',
      access: 'calls.manage',
      tag,
      summary: 'Remove a telephony connection (its calls stay)',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.deleteConnection(ctx, actor, params.id),
  );
  defineRoute(
    app,
    { method: 'GET', url: '/api/v1/cti/seats', access: 'calls.manage', tag, summary: 'Every seat', response: SeatList },
    async () => ({ items: await service.listSeats(ctx) }),
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/cti/seats/:userId',
      access: 'calls.manage',
      tag,
      summary: 'A user’s seat: extension, queue skills, connection',
      params: UserIdParams,
      body: SeatInput,
      response: Seat,
    },
    async ({ actor, params, body }) => service.saveSeat(ctx, actor, params.userId, body),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/cti/seat',
      access: 'calls.view',
      tag,
      summary: 'My seat and its state',
      response: Seat,
    },
    async ({ actor }) => service.mySeat(ctx, actor),
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/cti/seat',
      access: 'calls.view',
      tag,
      summary: 'Set my extension',
      body: SeatInput.pick({ extension: true }),
      response: Seat,
    },
    async ({ actor, body }) => service.saveSeat(ctx, actor, actor.userId, { extension: body.extension }),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/cti/seat/state',
      access: 'calls.view',
      tag,
      summary: 'Change my seat’s state: available, after-call work, away, offline',
      body: SeatStateInput,
      response: Seat,
    },
    async ({ actor, body }) => service.setSeatState(ctx, actor, body.state),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/cti/queue',
      access: 'calls.view',
      tag,
      summary: 'Waiting calls, VIPs first then by waiting time, and the agent each goes to',
      response: QueueList,
    },
    async () => ({ items: await service.queueView(ctx) }),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/calls',
      reads: 'replica',
      access: 'calls.view',
      tag,
      summary: 'Calls in your data scope, newest first',
      query: CallQuery,
      response: CallPage,
    },
    async ({ actor, query }) => service.listCalls(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/calls/lookup',
      access: 'calls.view',
      tag,
      summary: 'Who a number belongs to: customers, contacts and leads you may see, with their figures',
      query: CallerLookupQuery,
      response: CallerCard,
    },
    async ({ actor, query }) => service.lookupCaller(ctx, actor, query.number),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/calls/dial',
      access: 'calls.view',
      tag,
      summary: 'Click-to-dial: rings your extension, then calls the number',
      body: DialInput,
      response: DialResult,
    },
    async ({ actor, body }) => service.dial(ctx, actor, body.number),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/calls/:id',
      access: 'calls.view',
      tag,
      summary: 'A call',
      params: IdParams,
      response: Call,
    },
    async ({ actor, params }) => service.getCall(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/calls/:id/recording',
      access: 'calls.view',
      tag,
      summary: 'The call’s recording, fetched from the PBX for whoever may see the call',
      params: IdParams,
      produces: 'audio/*',
    },
    async ({ actor, params, reply }) => {
      const recording = await service.openRecording(ctx, actor, params.id);
      reply.header('content-type', recording.contentType).header('x-content-type-options', 'nosniff');
      return reply.send(Readable.fromWeb(recording.body as WebReadableStream));
    },
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/calls/:id/wrap-up',
      access: 'calls.view',
      tag,
      summary: 'Wrap up a call: result, notes, and a follow-up, ticket or task in the same step',
      params: IdParams,
      body: CallWrapUpInput,
      response: CallWrapUpResult,
    },
    async ({ actor, params, body }) => service.wrapUpCall(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/calls/:id/hangup',
      access: 'calls.view',
      tag,
      summary: 'Hang up a call',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.hangUpCall(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/calls/:id/transfer',
      access: 'calls.view',
      tag,
      summary: 'Transfer a call to another extension',
      params: IdParams,
      body: TransferInput,
      status: 204,
    },
    async ({ actor, params, body }) => service.transferCall(ctx, actor, params.id, body.extension),
  );

  // Signed requests of the PBX or cloud call center: no session, no CSRF token.
  signedPbxRoute(
    app,
    ctx,
    {
      path: '/lookup',
      summary: 'For the PBX’s routing (signed): who is this caller, which queue, which agent owns them',
      query: PbxLookupQuery,
      response: PbxLookup,
    },
    (pbx, query) => service.pbxLookup(ctx, pbx, query.number),
  );
  signedPbxRoute(
    app,
    ctx,
    {
      path: '/ivr/ticket',
      summary: 'IVR self-service (signed): a ticket’s status by its number',
      query: IvrTicketQuery,
      response: IvrTicket,
    },
    (pbx, query) => service.ivrTicket(ctx, pbx, query.number),
  );
  signedPbxRoute(
    app,
    ctx,
    {
      path: '/ivr/amount-due',
      summary: 'IVR self-service (signed): the amount the caller’s customer owes',
      query: IvrAmountDueQuery,
      response: IvrAmountDue,
    },
    (pbx, query) => service.ivrAmountDue(ctx, pbx, query.number),
  );
  // The callback's signature covers its raw body: JSON is read as text here and parsed after the check.
  await app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    defineRoute(
      scope,
      {
        method: 'POST',
        url: '/api/public/v1/cti/:connectionId/events',
        access: 'public',
        csrfExempt: true,
        tag,
        summary:
          'A cloud call center’s call events (signed JSON): ringing, answered, held, transferred, hangup, recording',
        params: CtiConnectionParams,
        response: z.object({ accepted: z.number() }),
      },
      async ({ params, request }) =>
        service.receiveCallback(ctx, params.connectionId, request.headers, String(request.body ?? '')),
    );
  });
}

/**
 * A GET the PBX or the IVR sends without a session, under /api/public/v1/cti/:connectionId: refused (401)
 * unless signed with the connection's key over its path and query, then answered as the connection's
 * administrator sees the records.
 */
function signedPbxRoute<Q extends z.ZodType>(
  app: FastifyInstance,
  ctx: AppContext,
  spec: { path: string; summary: string; query: Q; response: z.ZodType },
  answer: (pbx: service.SignedPbx, query: z.output<Q>) => Promise<unknown>,
): void {
  defineRoute(
    app,
    {
      method: 'GET',
      url: `/api/public/v1/cti/:connectionId${spec.path}`,
      access: 'public',
      tag: 'calls',
      summary: spec.summary,
      params: CtiConnectionParams,
      query: spec.query,
      response: spec.response,
    },
    async ({ params, query, request }) =>
      answer(
        await service.signedPbxRequest(ctx, params.connectionId, request.headers, request.url),
        query as z.output<Q>,
      ),
  );
}
