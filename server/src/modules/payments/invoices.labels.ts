import type { RecordRef } from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordRef } from '../../platform/record-ref.ts';
import type { Scope } from '../../platform/scope.ts';
import { invoiceLabelRows } from './invoices.labels.repository.ts';

/**
 * The number and name of some invoices (shown on their order's page, or their customer's), with their page in the web app, for naming them
 * in timelines and activity feeds; a deleted one keeps its name but has no page. Ids not found, or outside the caller's data scope, are left out.
 */
export async function invoiceLabels(db: Kysely<DB>, ids: readonly number[], scope: Scope): Promise<RecordRef[]> {
  if (!ids.length) return [];
  const rows = await invoiceLabelRows(db, ids, scope);
  return rows.map((row) =>
    recordRef(
      'invoices',
      row,
      { number: row.number, title: null },
      row.orderId ? `/orders/${row.orderId}` : `/customers/${row.customerId}`,
    ),
  );
}
