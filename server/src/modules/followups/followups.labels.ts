import type { RecordRef } from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordRef } from '../../platform/record-ref.ts';
import type { Scope } from '../../platform/scope.ts';
import { followupLabelRows } from './followups.labels.repository.ts';

/**
 * The number and name of some follow-ups (shown on the page of their customer or lead), with their page in the web app, for naming them
 * in timelines and activity feeds; a deleted one keeps its name but has no page. Ids not found, or outside the caller's data scope, are left out.
 */
export async function followupLabels(db: Kysely<DB>, ids: readonly number[], scope: Scope): Promise<RecordRef[]> {
  if (!ids.length) return [];
  const rows = await followupLabelRows(db, ids, scope);
  return rows.map((row) =>
    recordRef(
      'followups',
      row,
      { number: null, title: row.content.length > 40 ? `${row.content.slice(0, 40)}…` : row.content },
      row.customerId ? `/customers/${row.customerId}` : row.leadId ? `/leads/${row.leadId}` : null,
    ),
  );
}
