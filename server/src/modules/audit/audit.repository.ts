import type { Kysely, RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { contains } from '../../platform/search.ts';

export type AuditFilter = {
  entity?: string;
  entityId?: number;
  userId?: number;
  action?: string;
  createdFrom?: string;
  createdTo?: string;
  /** Part of the username. */
  q?: string;
};

export async function listAuditLogs(db: Kysely<DB>, filter: AuditFilter, page: { page: number; pageSize: number }) {
  let qb = db.selectFrom('auditLogs');
  if (filter.entity) qb = qb.where('entity', '=', filter.entity);
  if (filter.entityId) qb = qb.where('entityId', '=', filter.entityId);
  if (filter.userId) qb = qb.where('userId', '=', filter.userId);
  if (filter.action) qb = qb.where('action', '=', filter.action);
  if (filter.createdFrom) qb = qb.where('createdAt', '>=', filter.createdFrom);
  if (filter.createdTo) qb = qb.where('createdAt', '<=', filter.createdTo);
  if (filter.q) qb = qb.where(contains('username', filter.q));
  const { total } = await qb.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await qb
    .selectAll()
    .orderBy('id', 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { rows, total: Number(total) };
}

/**
 * The records that belong to a customer, by the column naming it. Money events are recorded on quotes, orders
 * (deliveries and payment plans too), receipts, invoices and contracts; service on tickets.
 */
const recordsOfCustomer = [
  ['contacts', 'customerId'],
  ['leads', 'convertedCustomerId'],
  ['opportunities', 'customerId'],
  ['quotes', 'customerId'],
  ['orders', 'customerId'],
  ['receipts', 'customerId'],
  ['invoices', 'customerId'],
  ['contracts', 'customerId'],
  ['tickets', 'customerId'],
] as const;

/**
 * Audit rows of one customer, newest first: its own, those of customers merged into it, and those of
 * the records that belong to it.
 */
export function customerAuditLogs(db: Kysely<DB>, customerId: number, limit: number, after?: RawBuilder<boolean>) {
  let qb = db
    .selectFrom('auditLogs')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([
          eb('entity', '=', 'customers'),
          eb.or([
            eb('entityId', '=', customerId),
            eb('entityId', 'in', eb.selectFrom('customers').select('id').where('mergedIntoId', '=', customerId)),
          ]),
        ]),
        ...recordsOfCustomer.map(([entity, customerColumn]) =>
          eb.and([
            eb('entity', '=', entity),
            eb('entityId', 'in', eb.selectFrom(entity).select('id').where(customerColumn, '=', customerId)),
          ]),
        ),
      ]),
    );
  if (after) qb = qb.where(after);
  return qb.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** The details of the purge rows of some records of one kind (a record purged by hand keeps its name there). */
export function purgeDetails(db: Kysely<DB>, entity: string, ids: readonly number[]) {
  return db
    .selectFrom('auditLogs')
    .select(['entityId', 'detail'])
    .where('action', '=', 'purge')
    .where('entity', '=', entity)
    .where('entityId', 'in', [...ids])
    .execute();
}
