import {
  type Body,
  type ListDensity,
  type SavedFilter,
  type SavedFilterInput,
  type SavedFilterPatch,
  type SavedViewEntity,
  savedViewEntities,
} from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { readJson, writeJson } from '../../db/json.ts';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import { type Actor, can } from '../../platform/actor.ts';
import { inTransaction } from '../../platform/context.ts';
import { fieldError, forbidden, notFound } from '../../platform/errors.ts';
import * as repo from './saved-filters.repository.ts';

type Row = Awaited<ReturnType<typeof repo.listVisibleViews>>[number];

/** Whether the user may open the list (a technician opens the work orders list for their own). */
function mayOpen(actor: Actor, entity: SavedViewEntity): boolean {
  return actor.permissions.has(`${entity}.view`) || (entity === 'workOrders' && can(actor, 'workOrders.work'));
}

const openLists = (actor: Actor, entity?: SavedViewEntity) =>
  (entity ? [entity] : savedViewEntities).filter((e) => mayOpen(actor, e));

/** A shared view is changed by its creator or a settings manager; a personal one only by its owner. */
const mayChange = (actor: Actor, row: Pick<Row, 'userId'>) =>
  row.userId === actor.userId || can(actor, 'settings.manage');

function toView(actor: Actor, row: Row): SavedFilter {
  const columns = readJson<unknown>(row.columns, null);
  return {
    id: row.id,
    entity: row.entity as SavedViewEntity,
    name: row.name,
    query: readJson<Record<string, unknown>>(row.query, {}),
    columns: Array.isArray(columns) ? columns.filter((c): c is string => typeof c === 'string') : null,
    sort: row.sort,
    density: (row.density as ListDensity | null) ?? null,
    shared: Boolean(row.shared),
    isDefault: row.defaultId !== null,
    createdBy: row.userId,
    createdByName: row.createdByName ?? null,
    editable: mayChange(actor, row),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt ?? row.createdAt,
  };
}

/** The same key twice is kept once, where it first appears. */
const distinct = (columns: string[] | null | undefined) => (columns ? [...new Set(columns)] : columns);

async function visibleView(db: Kysely<DB>, actor: Actor, id: number) {
  const [row] = await repo.listVisibleViews(db, actor.userId, openLists(actor), id);
  if (!row) throw notFound();
  return row;
}

/** The caller's own views and the shared ones, of the lists the caller may open. */
export async function listSavedFilters(db: Kysely<DB>, actor: Actor, entity?: SavedViewEntity) {
  const rows = await repo.listVisibleViews(db, actor.userId, openLists(actor, entity));
  return rows.map((row) => toView(actor, row));
}

/** Saves a view of a list the caller may open; its name is unique among the caller's views of that list. */
export async function createSavedFilter(db: Kysely<DB>, actor: Actor, input: z.output<typeof SavedFilterInput>) {
  if (!mayOpen(actor, input.entity)) throw forbidden();
  const id = await inTransaction(db, async (db) => {
    if (await repo.hasViewNamed(db, actor.userId, input.entity, input.name)) throw fieldError('name', 'alreadyExists');
    const now = nowIso();
    const { id } = await repo.insertView(db, {
      userId: actor.userId,
      entity: input.entity,
      name: input.name,
      query: writeJson(input.query),
      columns: input.columns ? writeJson(distinct(input.columns)) : null,
      sort: input.sort || null,
      density: input.density ?? null,
      shared: input.shared ? 1 : 0,
      createdAt: now,
      updatedAt: now,
    });
    if (input.isDefault) await repo.setDefaultView(db, actor.userId, input.entity, id);
    return id;
  });
  return toView(actor, await visibleView(db, actor, id));
}

/**
 * Changes a view. Marking it (or not) as one's default is each user's own choice and allowed on any view
 * one sees; anything else only to whoever may change it.
 */
export async function updateSavedFilter(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  patch: Body<typeof SavedFilterPatch>,
) {
  const row = await visibleView(db, actor, id);
  const { isDefault, ...changes } = patch;
  const changesView = Object.values(changes).some((value) => value !== undefined);
  if (changesView && !mayChange(actor, row)) throw forbidden();
  await inTransaction(db, async (db) => {
    if (changes.name !== undefined && (await repo.hasViewNamed(db, row.userId, row.entity, changes.name, id)))
      throw fieldError('name', 'alreadyExists');
    if (changesView)
      await repo.updateView(db, id, {
        ...(changes.name !== undefined && { name: changes.name }),
        ...(changes.query !== undefined && { query: writeJson(changes.query) }),
        ...(changes.columns !== undefined && {
          columns: changes.columns ? writeJson(distinct(changes.columns)) : null,
        }),
        ...(changes.sort !== undefined && { sort: changes.sort || null }),
        ...(changes.density !== undefined && { density: changes.density }),
        ...(changes.shared !== undefined && { shared: changes.shared ? 1 : 0 }),
        updatedAt: nowIso(),
      });
    if (isDefault === true) await repo.setDefaultView(db, actor.userId, row.entity, id);
    if (isDefault === false) await repo.clearDefaultView(db, actor.userId, id);
  });
  return toView(actor, await visibleView(db, actor, id));
}

/** Deletes a view (and whoever's default it was); someone else's shared view only with `settings.manage`. */
export async function deleteSavedFilter(db: Kysely<DB>, actor: Actor, id: number) {
  const row = await visibleView(db, actor, id);
  if (!mayChange(actor, row)) throw forbidden();
  await inTransaction(db, async (db) => repo.deleteView(db, id));
}
