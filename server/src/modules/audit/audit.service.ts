import type { AuditLog, AuditQuery, Page } from '@relate/common';
import type { Kysely, RawBuilder, Selectable } from 'kysely';
import type { z } from 'zod';
import { readJson } from '../../db/json.ts';
import type { AuditLogTable, DB } from '../../db/schema.ts';
import { dayEnd, dayStart } from '../../db/time.ts';
import { getSettings } from '../settings/index.ts';
import { contains } from '../../platform/search.ts';

function toAuditLog(row: Selectable<AuditLogTable>): AuditLog {
  return { ...row, changes: readJson(row.changes, null), detail: readJson(row.detail, null) };
}

export async function listAuditLogs(db: Kysely<DB>, query: z.output<typeof AuditQuery>): Promise<Page<AuditLog>> {
  const settings = await getSettings(db);
  let qb = db.selectFrom('auditLogs');
  if (query.entity) qb = qb.where('entity', '=', query.entity);
  if (query.entityId) qb = qb.where('entityId', '=', query.entityId);
  if (query.userId) qb = qb.where('userId', '=', query.userId);
  if (query.action) qb = qb.where('action', '=', query.action);
  if (query.from) qb = qb.where('createdAt', '>=', dayStart(query.from, settings.timezone));
  if (query.to) qb = qb.where('createdAt', '<=', dayEnd(query.to, settings.timezone));
  if (query.q) qb = qb.where(contains('username', query.q));
  const { total } = await qb.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await qb
    .selectAll()
    .orderBy('id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { items: rows.map(toAuditLog), total: Number(total), page: query.page, pageSize: query.pageSize };
}

/**
 * Audit rows of one customer, newest first: its own, those of customers merged into it, of its
 * contacts, of its opportunities and of the leads converted into it.
 */
export async function customerChanges(
  db: Kysely<DB>,
  customerId: number,
  limit: number,
  after?: RawBuilder<boolean>,
): Promise<AuditLog[]> {
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
        eb.and([
          eb('entity', '=', 'contacts'),
          eb('entityId', 'in', eb.selectFrom('contacts').select('id').where('customerId', '=', customerId)),
        ]),
        eb.and([
          eb('entity', '=', 'leads'),
          eb('entityId', 'in', eb.selectFrom('leads').select('id').where('convertedCustomerId', '=', customerId)),
        ]),
        eb.and([
          eb('entity', '=', 'opportunities'),
          eb('entityId', 'in', eb.selectFrom('opportunities').select('id').where('customerId', '=', customerId)),
        ]),
        // Money events: quotes, orders (deliveries and payment plans are recorded on the order), payments received,
        // invoices and contracts; and service tickets.
        eb.and([
          eb('entity', '=', 'quotes'),
          eb('entityId', 'in', eb.selectFrom('quotes').select('id').where('customerId', '=', customerId)),
        ]),
        eb.and([
          eb('entity', '=', 'orders'),
          eb('entityId', 'in', eb.selectFrom('orders').select('id').where('customerId', '=', customerId)),
        ]),
        eb.and([
          eb('entity', '=', 'receipts'),
          eb('entityId', 'in', eb.selectFrom('receipts').select('id').where('customerId', '=', customerId)),
        ]),
        eb.and([
          eb('entity', '=', 'invoices'),
          eb('entityId', 'in', eb.selectFrom('invoices').select('id').where('customerId', '=', customerId)),
        ]),
        eb.and([
          eb('entity', '=', 'contracts'),
          eb('entityId', 'in', eb.selectFrom('contracts').select('id').where('customerId', '=', customerId)),
        ]),
        eb.and([
          eb('entity', '=', 'tickets'),
          eb('entityId', 'in', eb.selectFrom('tickets').select('id').where('customerId', '=', customerId)),
        ]),
      ]),
    );
  if (after) qb = qb.where(after);
  const rows = await qb.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toAuditLog);
}
