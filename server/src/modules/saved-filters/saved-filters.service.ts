import type { Kysely } from 'kysely';
import { readJson, writeJson } from '../../db/json.ts';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { notFound } from '../../platform/errors.ts';
import * as repo from './saved-filters.repository.ts';

type Entity = 'customers' | 'contacts';

/** Saved filters belong to one user; nobody else sees them. */
export async function listSavedFilters(db: Kysely<DB>, actor: Actor, entity?: Entity) {
  const rows = await repo.listSavedFilters(db, actor.userId, entity);
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
  const row = await repo.insertSavedFilter(db, {
    userId: actor.userId,
    entity: input.entity,
    name: input.name,
    query: writeJson(input.query),
    createdAt: nowIso(),
  });
  return { ...input, ...row };
}

export async function deleteSavedFilter(db: Kysely<DB>, actor: Actor, id: number) {
  if (!(await repo.deleteSavedFilter(db, actor.userId, id))) throw notFound();
}
