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
        ...recordsOfCustomer.map(([entity, customerColumn]) =>
          eb.and([
            eb('entity', '=', entity),
            eb('entityId', 'in', eb.selectFrom(entity).select('id').where(customerColumn, '=', customerId)),
          ]),
        ),
      ]),
    );
  if (after) qb = qb.where(after);
  const rows = await qb.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toAuditLog);
}
