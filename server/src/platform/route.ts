import type { Permission } from '@relate/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { allowReplicaReads } from '../db/replica-reads.ts';
import type { Actor } from './actor.ts';
import { AppError } from './errors.ts';
import type { PortalActor } from './portal-actor.ts';
import { parseInput } from './validation.ts';

/**
 * `public`: anyone; `authenticated`: any signed-in user; `portal`: a customer signed in to the
 * portal (under /api/portal/); otherwise the function permission needed.
 */
export type RouteAccess = Permission | 'public' | 'authenticated' | 'portal';

export type RouteSpec<
  P extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  B extends z.ZodType | undefined,
> = {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  access: RouteAccess;
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  response?: z.ZodType;
  status?: number;
  /** Multipart uploads and binary downloads describe themselves in the OpenAPI document. */
  consumes?: 'multipart/form-data';
  produces?: string;
  csrfExempt?: boolean;
  /** A larger request body than the server's default (an email with its attachments). */
  bodyLimit?: number;
  /**
   * `replica`: a heavy read (a list, search, report or export) that the read replica may answer, a few
   * seconds behind at most and never behind the caller's own writes (db/replica-routing.ts).
   */
  reads?: 'replica';
};

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export type RouteContext<P, Q, B, A> = {
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
  actor: A;
  request: FastifyRequest;
  reply: FastifyReply;
};

export const registeredRoutes: Array<RouteSpec<any, any, any>> = [];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    csrfExempt?: boolean;
  }
}

/**
 * Declares one API route: its access rule, its zod schemas (validated here, published in OpenAPI)
 * and a handler that receives parsed input and the actor. Returns the reply body.
 */
export function defineRoute<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  Access extends RouteAccess = RouteAccess,
>(
  app: FastifyInstance,
  spec: RouteSpec<P, Q, B> & { access: Access },
  handler: (
    ctx: RouteContext<P, Q, B, Access extends 'public' ? Actor | null : Access extends 'portal' ? PortalActor : Actor>,
  ) => Promise<unknown>,
): void {
  if (!registeredRoutes.some((r) => r.method === spec.method && r.url === spec.url)) registeredRoutes.push(spec);
  app.route({
    method: spec.method,
    url: spec.url,
    config: { access: spec.access, csrfExempt: spec.csrfExempt },
    ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
    handler: async (request, reply) => {
      const actor = spec.access === 'portal' ? request.portalActor : request.actor;
      if (spec.access === 'portal') {
        if (!actor) throw new AppError('UNAUTHENTICATED');
      } else if (spec.access !== 'public') {
        if (!actor) throw new AppError('UNAUTHENTICATED');
        if (spec.access !== 'authenticated' && !request.actor!.permissions.has(spec.access))
          throw new AppError('FORBIDDEN');
      }
      if (spec.reads === 'replica') allowReplicaReads(request.unitOfWork);
      const params = spec.params ? parseInput(spec.params, request.params) : undefined;
      const query = spec.query ? parseInput(spec.query, request.query) : undefined;
      const body = spec.body ? parseInput(spec.body, request.body ?? {}) : undefined;
      const result = await handler({
        params: params as Parsed<P>,
        query: query as Parsed<Q>,
        body: body as Parsed<B>,
        actor: actor as Access extends 'public' ? Actor | null : Access extends 'portal' ? PortalActor : Actor,
        request,
        reply,
      });
      if (reply.sent) return reply;
      if (spec.status === 204) return reply.code(204).send();
      return reply.code(spec.status ?? 200).send(result);
    },
  });
}
