import { ApiKey, ApiKeyInput, CreatedApiKey, IdParams } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './apikeys.service.ts';

/** Personal API keys: shown once, stored hashed, carrying their owner's rights. */
export function apiKeysRoutes(app: FastifyInstance, { db }: AppContext): void {
  const tag = 'apikeys';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/apikeys',
      access: 'authenticated',
      tag,
      summary: 'My API keys',
      response: z.array(ApiKey),
    },
    async ({ actor }) => service.listApiKeys(db, actor),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/apikeys',
      access: 'authenticated',
      tag,
      summary: 'Create an API key (shown once)',
      body: ApiKeyInput,
      response: CreatedApiKey,
      status: 201,
    },
    async ({ actor, body }) => service.createApiKey(db, actor, body.name),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/apikeys/:id',
      access: 'authenticated',
      tag,
      summary: 'Revoke an API key',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.revokeApiKey(db, actor, params.id),
  );
}
