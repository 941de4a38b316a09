import {
  HandoverInput,
  HandoverResult,
  IdParams,
  pageOf,
  ResetPasswordInput,
  User,
  UserInput,
  UserPatch,
  UserQuery,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { OwnedEntity } from '../../platform/ownership.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './users.service.ts';

export function usersRoutes(app: FastifyInstance, { db }: AppContext, owned: OwnedEntity[]): void {
  const tag = 'users';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/users',
      reads: 'replica',
      access: 'org.view',
      tag,
      summary: 'List users',
      query: UserQuery,
      response: pageOf(User),
    },
    async ({ query }) => service.listUsers(db, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/users/:id',
      access: 'org.view',
      tag,
      summary: 'One user',
      params: IdParams,
      response: User,
    },
    async ({ params }) => service.getUser(db, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/users',
      access: 'org.manage',
      tag,
      summary: 'Create a user',
      body: UserInput,
      response: User,
      status: 201,
    },
    async ({ actor, body }) => service.createUser(db, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/users/:id',
      access: 'org.manage',
      tag,
      summary: 'Edit, disable or re-enable a user',
      params: IdParams,
      body: UserPatch,
      response: User,
    },
    async ({ actor, params, body }) => service.updateUser(db, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/users/:id/password',
      access: 'org.manage',
      tag,
      summary: "Reset a user's password: their sessions end and their API keys are revoked (the answer says how many)",
      params: IdParams,
      body: ResetPasswordInput,
      response: z.object({ apiKeysRevoked: z.number().int() }),
    },
    async ({ actor, params, body }) => service.resetPassword(db, actor, params.id, body.password),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/users/:id/handover',
      access: 'org.manage',
      tag,
      summary: 'Move everything the user owns to another user',
      params: IdParams,
      body: HandoverInput,
      response: HandoverResult,
    },
    async ({ actor, params, body }) => service.handover(db, actor, owned, params.id, body.toUserId),
  );
}
