import type { RecordRef } from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordRef } from '../../platform/record-ref.ts';
import type { Scope } from '../../platform/scope.ts';
import { receiptLabelRows } from './receipts.labels.repository.ts';

/**
 * The number and name of some payments received (shown on their customer's page), with their page in the web app, for naming them
 * in timelines and activity feeds; a deleted one keeps its name but has no page. Ids not found, or outside the caller's data scope, are left out.
 */
export async function receiptLabels(db: Kysely<DB>, ids: readonly number[], scope: Scope): Promise<RecordRef[]> {
  if (!ids.length) return [];
  const rows = await receiptLabelRows(db, ids, scope);
  return rows.map((row) =>
    recordRef('receipts', row, { number: row.number, title: null }, `/customers/${row.customerId}`),
  );
}
