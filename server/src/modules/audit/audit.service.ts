import type { AuditLog, AuditQuery, Page } from '@relate/common';
import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { readJson } from '../../db/json.ts';
import type { AuditLogTable, DB } from '../../db/schema.ts';
import { dayEnd, dayStart } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { orNotFound } from '../../platform/errors.ts';
import { customerScope, customersRepository } from '../customers/index.ts';
import { getSettings } from '../settings/index.ts';

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
  if (query.q) qb = qb.where('username', 'like', `%${query.q}%`);
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
 * The history of one customer, newest first: its own audit rows, those of customers merged into it
 * and those of its contacts. Keyset-paged by id for infinite scroll.
 */
export async function customerTimeline(ctx: AppContext, actor: Actor, customerId: number, before: number | undefined, limit: number) {
  orNotFound(await customersRepository.findCustomer(ctx.db, await customerScope(ctx, actor), customerId));
  let qb = ctx.db
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
        eb.and([eb('entity', '=', 'contacts'), eb('entityId', 'in', eb.selectFrom('contacts').select('id').where('customerId', '=', customerId))]),
      ]),
    );
  if (before) qb = qb.where('id', '<', before);
  const rows = await qb.orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toAuditLog);
}
