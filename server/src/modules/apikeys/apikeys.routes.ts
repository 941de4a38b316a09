import { ApiKey, ApiKeyInput, CreatedApiKey, IdParams } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { nowIso } from '../../db/time.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { defineRoute } from '../../platform/route.ts';
import { randomToken, sha256 } from '../../platform/tokens.ts';

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
    async ({ actor }) =>
      db
        .selectFrom('apiKeys')
        .select(['id', 'name', 'prefix', 'createdAt', 'lastUsedAt'])
        .where('userId', '=', actor.userId)
        .where('revokedAt', 'is', null)
        .orderBy('id', 'desc')
        .execute(),
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
    async ({ actor, body }) => {
      const key = `rk_${randomToken(32)}`;
      return inTransaction(db, async (db) => {
        const row = await db
          .insertInto('apiKeys')
          .values({
            userId: actor.userId,
            name: body.name,
            prefix: key.slice(0, 10),
            keyHash: sha256(key),
            createdAt: nowIso(),
          })
          .returning(['id', 'name'])
          .executeTakeFirstOrThrow();
        await writeAudit(db, actor, {
          action: 'create',
          entity: 'apiKeys',
          entityId: row.id,
          detail: { name: body.name },
        });
        return { id: row.id, name: row.name, key };
      });
    },
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
    async ({ actor, params }) => {
      await inTransaction(db, async (db) => {
        const result = await db
          .updateTable('apiKeys')
          .set({ revokedAt: nowIso() })
          .where('id', '=', params.id)
          .where('userId', '=', actor.userId)
          .where('revokedAt', 'is', null)
          .executeTakeFirst();
        if (!result.numUpdatedRows) throw notFound();
        await writeAudit(db, actor, { action: 'revoke', entity: 'apiKeys', entityId: params.id });
      });
    },
  );
}
