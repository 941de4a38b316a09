import type { AuditLog, NamedAuditLog, Permission, RecordRef, ScopedModule } from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Actor, can } from '../../platform/actor.ts';
import { type Scope, scopeFor } from '../../platform/scope.ts';
import { purgedNames } from '../audit/index.ts';
import { contactLabels } from '../contacts/index.ts';
import { contractLabels } from '../contracts/index.ts';
import { customerLabels } from '../customers/index.ts';
import { followupLabels } from '../followups/index.ts';
import { leadLabels } from '../leads/index.ts';
import { opportunityLabels } from '../opportunities/index.ts';
import { orderLabels } from '../orders/index.ts';
import { invoiceLabels, receiptLabels } from '../payments/index.ts';
import { quoteLabels } from '../quotes/index.ts';
import { taskLabels } from '../tasks/index.ts';
import { ticketLabels } from '../tickets/index.ts';
import { displayNamesOf } from '../users/index.ts';
import { workOrderLabels } from '../work-orders/index.ts';

type Labeler = {
  /** Who may read the names: a record kind the caller may not view is not named to them. */
  permission: Permission;
  /** Whose data scope decides which of the records the caller may see named (invoices follow their orders'). */
  scope: ScopedModule;
  labels: (db: Kysely<DB>, ids: readonly number[], scope: Scope) => Promise<RecordRef[]>;
};

/** The record kinds an audit row can be named by, each by the module that owns its table (keyed by audit entity). */
const labelers: Partial<Record<string, Labeler>> = {
  customers: { permission: 'customers.view', scope: 'customers', labels: customerLabels },
  contacts: { permission: 'contacts.view', scope: 'contacts', labels: contactLabels },
  leads: { permission: 'leads.view', scope: 'leads', labels: leadLabels },
  followups: { permission: 'followups.view', scope: 'followups', labels: followupLabels },
  opportunities: { permission: 'opportunities.view', scope: 'opportunities', labels: opportunityLabels },
  tasks: { permission: 'tasks.view', scope: 'tasks', labels: taskLabels },
  quotes: { permission: 'quotes.view', scope: 'quotes', labels: quoteLabels },
  orders: { permission: 'orders.view', scope: 'orders', labels: orderLabels },
  receipts: { permission: 'receipts.view', scope: 'receipts', labels: receiptLabels },
  invoices: { permission: 'invoices.view', scope: 'orders', labels: invoiceLabels },
  contracts: { permission: 'contracts.view', scope: 'contracts', labels: contractLabels },
  tickets: { permission: 'tickets.view', scope: 'tickets', labels: ticketLabels },
  workOrders: { permission: 'workOrders.view', scope: 'workOrders', labels: workOrderLabels },
};

/**
 * Names the records of some audit rows. The names are read when the rows are shown rather than stored in the
 * audit row when it is written: an audit row is written in some two hundred places, a renamed record then reads
 * with its current name, and a page of rows costs one query per kind of record on it (never one per row), each
 * through the module that owns the table. Soft-deleted records are still found and keep their name, without a
 * page; a record purged for good is named by what its purge row kept (one more query for the kind, only when some
 * are missing). Only records in the caller's data scope for their kind are named: another department's order on a
 * shared customer's timeline reads as an order, without its number or title.
 */
export async function nameAuditRows(db: Kysely<DB>, actor: Actor, rows: AuditLog[]): Promise<NamedAuditLog[]> {
  const idsByEntity = new Map<string, Set<number>>();
  for (const row of rows) {
    const labeler = labelers[row.entity];
    if (row.entityId === null || !labeler || !can(actor, labeler.permission)) continue;
    const ids = idsByEntity.get(row.entity) ?? new Set<number>();
    ids.add(row.entityId);
    idsByEntity.set(row.entity, ids);
  }
  const found = new Map<string, RecordRef>();
  const purged = new Map<string, { number: string | null; title: string | null }>();
  // One kind after another: SQLite has one connection, and there are at most a dozen kinds.
  for (const [entity, ids] of idsByEntity) {
    const labeler = labelers[entity]!;
    const scope = await scopeFor(db, actor, labeler.scope);
    for (const label of await labeler.labels(db, [...ids], scope)) found.set(`${entity}:${label.id}`, label);
    const missing = [...ids].filter((id) => !found.has(`${entity}:${id}`));
    for (const [id, name] of await purgedNames(db, entity, missing)) purged.set(`${entity}:${id}`, name);
  }
  // Who did it, by the name people know them by (the audit row keeps the login name of the time).
  const names = await displayNamesOf(db, [
    ...new Set(rows.flatMap((row) => (row.userId === null ? [] : [row.userId]))),
  ]);
  return rows.map((row) => {
    const userDisplayName = row.userId === null ? null : (names.get(row.userId) ?? null);
    if (row.entityId === null || !idsByEntity.get(row.entity)?.has(row.entityId))
      return { ...row, userDisplayName, record: null };
    const key = `${row.entity}:${row.entityId}`;
    const kept = purged.get(key);
    // Not found and not purged by hand: outside the caller's data scope (or gone without a name) — not named.
    const record =
      found.get(key) ?? (kept ? { entity: row.entity, id: row.entityId, ...kept, url: null, deleted: true } : null);
    return { ...row, userDisplayName, record };
  });
}
