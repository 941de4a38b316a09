import type { RecordRef } from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordRef } from '../../platform/record-ref.ts';
import type { Scope } from '../../platform/scope.ts';
import { customerLabelRows } from './customers.labels.repository.ts';

/**
 * The number and name of some customers, with their page in the web app, for naming them
 * in timelines and activity feeds; a deleted one keeps its name but has no page. Ids not found, or outside the caller's data scope, are left out.
 */
export async function customerLabels(db: Kysely<DB>, ids: readonly number[], scope: Scope): Promise<RecordRef[]> {
  if (!ids.length) return [];
  const rows = await customerLabelRows(db, ids, scope);
  return rows.map((row) => recordRef('customers', row, { number: row.code, title: row.name }, `/customers/${row.id}`));
}
