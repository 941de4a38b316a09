import type { Kysely } from 'kysely';
import { readJson, writeJson } from '../../db/json.ts';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { notFound } from '../../platform/errors.ts';

type Entity = 'customers' | 'contacts';

/** Saved filters belong to one user; nobody else sees them. */
export async function listSavedFilters(db: Kysely<DB>, actor: Actor, entity?: Entity) {
  let qb = db
    .selectFrom('savedFilters')
    .select(['id', 'entity', 'name', 'query', 'createdAt'])
    .where('userId', '=', actor.userId);
  if (entity) qb = qb.where('entity', '=', entity);
  const rows = await qb.orderBy('name').execute();
  return rows.map((row) => ({
    ...row,
    entity: row.entity as Entity,
    query: readJson<Record<string, unknown>>(row.query, {}),
  }));
}

export async function createSavedFilter(
  db: Kysely<DB>,
  actor: Actor,
  input: { entity: Entity; name: string; query: Record<string, unknown> },
) {
  const row = await db
    .insertInto('savedFilters')
    .values({
      userId: actor.userId,
      entity: input.entity,
      name: input.name,
      query: writeJson(input.query),
      createdAt: nowIso(),
    })
    .returning(['id', 'createdAt'])
    .executeTakeFirstOrThrow();
  return { ...input, ...row };
}

export async function deleteSavedFilter(db: Kysely<DB>, actor: Actor, id: number) {
  const result = await db
    .deleteFrom('savedFilters')
    .where('id', '=', id)
    .where('userId', '=', actor.userId)
    .executeTakeFirst();
  if (!result.numDeletedRows) throw notFound();
}
