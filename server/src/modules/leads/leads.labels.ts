import type { RecordRef } from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordRef } from '../../platform/record-ref.ts';
import type { Scope } from '../../platform/scope.ts';
import { leadLabelRows } from './leads.labels.repository.ts';

/**
 * The number and name of some leads, with their page in the web app, for naming them
 * in timelines and activity feeds; a deleted one keeps its name but has no page. Ids not found, or outside the caller's data scope, are left out.
 */
export async function leadLabels(db: Kysely<DB>, ids: readonly number[], scope: Scope): Promise<RecordRef[]> {
  if (!ids.length) return [];
  const rows = await leadLabelRows(db, ids, scope);
  return rows.map((row) => recordRef('leads', row, { number: row.code, title: row.name }, `/leads/${row.id}`));
}
