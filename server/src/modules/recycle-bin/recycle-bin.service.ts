import type { Page } from '@relate/common';
import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { can } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { scopeFor, whereInScope } from '../../platform/scope.ts';
import { removeFiles, takeFilesOf } from '../attachments/index.ts';
import { getSettings } from '../settings/index.ts';
import { keysetBatches } from '../../db/keyset.ts';

type Entity = 'customers' | 'contacts';
type Item = {
  id: number;
  entity: Entity;
  name: string;
  detail: string | null;
  deletedAt: string;
  deletedByName: string | null;
  purgeAt: string;
};

function deletedRows(db: Kysely<DB>, entity: Entity) {
  return entity === 'customers'
    ? db
        .selectFrom('customers')
        .leftJoin('users as deleter', 'deleter.id', 'customers.deletedBy')
        .select([
          'customers.id',
          'customers.name',
          'customers.code as detail',
          'customers.deletedAt',
          'deleter.displayName as deletedByName',
        ])
        .where('customers.deletedAt', 'is not', null)
        .where('customers.mergedIntoId', 'is', null)
    : db
        .selectFrom('contacts')
        .innerJoin('customers as customer', 'customer.id', 'contacts.customerId')
        .leftJoin('users as deleter', 'deleter.id', 'contacts.deletedBy')
        .select([
          'contacts.id',
          'contacts.name',
          'customer.name as detail',
          'contacts.deletedAt',
          'deleter.displayName as deletedByName',
        ])
        .where('contacts.deletedAt', 'is not', null)
        // Contacts deleted together with their customer come back with it.
        .where('customer.deletedAt', 'is', null);
}

/** Deleted records the caller could see before they were deleted. */
export async function listRecycleBin(
  ctx: AppContext,
  actor: Actor,
  entity: Entity,
  page: number,
  pageSize: number,
): Promise<Page<Item>> {
  if (!can(actor, `${entity}.delete`)) throw forbidden();
  const [scope, settings] = await Promise.all([scopeFor(ctx.db, actor, entity), getSettings(ctx.db)]);
  // The two entities' queries differ in shape but share the selected columns.
  const qb: any = whereInScope(deletedRows(ctx.db, entity) as any, entity, scope);
  const { total } = await qb
    .clearSelect()
    .select(sql<number>`count(*)`.as('total'))
    .executeTakeFirstOrThrow();
  const rows: Array<{
    id: number;
    name: string;
    detail: string | null;
    deletedAt: string;
    deletedByName: string | null;
  }> = await qb
    .orderBy(sql.ref(`${entity}.deletedAt`), 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const keepMs = settings.recycleBinDays * 86_400_000;
  return {
    items: rows.map((row) => ({
      id: row.id,
      entity,
      name: row.name,
      detail: row.detail,
      deletedAt: row.deletedAt,
      deletedByName: row.deletedByName,
      purgeAt: new Date(Date.parse(row.deletedAt) + keepMs).toISOString(),
    })),
    total: Number(total),
    page,
    pageSize,
  };
}

async function findDeleted(ctx: AppContext, actor: Actor, entity: Entity, id: number) {
  if (!can(actor, `${entity}.delete`)) throw forbidden();
  const scope = await scopeFor(ctx.db, actor, entity);
  const qb: any = whereInScope(deletedRows(ctx.db, entity) as any, entity, scope);
  const row: { deletedAt: string } | undefined = await qb.where(sql.ref(`${entity}.id`), '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** Brings a record back; a customer brings back the contacts deleted with it. */
export async function restore(ctx: AppContext, actor: Actor, entity: Entity, id: number): Promise<void> {
  const row = await findDeleted(ctx, actor, entity, id);
  await inTransaction(ctx, async (ctx) => {
    await ctx.db.updateTable(entity).set({ deletedAt: null, deletedBy: null }).where('id', '=', id).execute();
    if (entity === 'customers') {
      await ctx.db
        .updateTable('contacts')
        .set({ deletedAt: null, deletedBy: null })
        .where('customerId', '=', id)
        .where('deletedAt', '=', row.deletedAt)
        .execute();
    }
    await writeAudit(ctx.db, actor, { action: 'restore', entity, entityId: id });
  });
}

/** Business records that keep a customer: while any points at it, it cannot be deleted for good. */
const customerRecords = [
  'opportunities',
  'quotes',
  'orders',
  'instalments',
  'receipts',
  'invoices',
  'contracts',
  'tickets',
  'assets',
  'serviceContracts',
  'workOrders',
  'implementationPlans',
  'customerRequirements',
  'priceBooks',
] as const;

/**
 * What purging does with each column that points at a customer or a contact (snake_case, as in the
 * schema). A test compares this with the database's foreign keys, so a new table that points at
 * either cannot be forgotten here and turn a purge into a failed transaction.
 */
export const purgeHandling: Record<
  'customers' | 'contacts',
  Record<string, 'keeps' | 'deleted' | 'cleared' | 'cascades'>
> = {
  customers: {
    ...Object.fromEntries(
      customerRecords.map((table) => [
        `${table.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}.customer_id`,
        'keeps' as const,
      ]),
    ),
    'contacts.customer_id': 'deleted',
    'followups.customer_id': 'deleted',
    'pool_claims.customer_id': 'deleted',
    'customer_tags.customer_id': 'deleted',
    'survey_invitations.customer_id': 'cleared',
    'leads.converted_customer_id': 'cleared',
  },
  contacts: {
    'followups.contact_id': 'cleared',
    'quotes.contact_id': 'cleared',
    'orders.contact_id': 'cleared',
    'tickets.contact_id': 'cleared',
    'survey_invitations.contact_id': 'cleared',
    'leads.converted_contact_id': 'cleared',
    'portal_accounts.contact_id': 'deleted',
    'anniversaries.contact_id': 'deleted',
    'opportunity_contacts.contact_id': 'cascades',
  },
};

/** The customers among `ids` that business records still point at. */
async function customersInUse(db: Kysely<DB>, ids: number[]): Promise<Set<number>> {
  const used = new Set<number>();
  for (const table of customerRecords) {
    const left = ids.filter((id) => !used.has(id));
    if (!left.length) break;
    const rows = await db.selectFrom(table).select('customerId').distinct().where('customerId', 'in', left).execute();
    for (const row of rows) if (row.customerId !== null) used.add(row.customerId);
  }
  return used;
}

/** Empties the columns that only name the records being purged (the "cleared" ones of purgeHandling). */
async function clearReferences(db: Kysely<DB>, entity: Entity, ids: number[]) {
  for (const [reference, handling] of Object.entries(purgeHandling[entity])) {
    if (handling !== 'cleared') continue;
    const [table, column] = reference.split('.');
    // Snake-case names pass the camel-case plugin unchanged; the schema test keeps them real columns.
    await db
      .updateTable(table as keyof DB)
      .set({ [column]: null } as never)
      .where(sql.ref(column), 'in', ids)
      .execute();
  }
}

/** A contact is only a person named on other records: those keep their customer and lose the name; the portal account goes. */
async function detachContacts(db: Kysely<DB>, ids: number[]) {
  await clearReferences(db, 'contacts', ids);
  const accounts = db.selectFrom('portalAccounts').select('id').where('contactId', 'in', ids);
  await db
    .updateTable('ticketMessages')
    .set({ portalAccountId: null })
    .where('portalAccountId', 'in', accounts)
    .execute();
  await db.deleteFrom('portalSessions').where('accountId', 'in', accounts).execute();
  await db.deleteFrom('portalAccounts').where('contactId', 'in', ids).execute();
  await db.deleteFrom('anniversaries').where('contactId', 'in', ids).execute();
}

/** Deletes the records and what belongs to them; returns the stored files to remove once that has committed. */
async function purgeRows(db: Kysely<DB>, dialect: Dialect, entity: Entity, ids: number[]): Promise<string[]> {
  if (!ids.length) return [];
  if (entity === 'contacts') {
    await detachContacts(db, ids);
    await db.deleteFrom('contacts').where('id', 'in', ids).execute();
    return [];
  }
  const contacts = (await db.selectFrom('contacts').select('id').where('customerId', 'in', ids).execute()).map(
    (c) => c.id,
  );
  if (contacts.length) await detachContacts(db, contacts);
  await db.deleteFrom('contacts').where('customerId', 'in', ids).execute();
  // The customer's own history goes with it; a lead it came from only forgets it.
  const followups = (await db.selectFrom('followups').select('id').where('customerId', 'in', ids).execute()).map(
    (f) => f.id,
  );
  const files = [...(await takeFilesOf(db, 'customers', ids)), ...(await takeFilesOf(db, 'followups', followups))];
  await db.deleteFrom('followups').where('customerId', 'in', ids).execute();
  await db.deleteFrom('poolClaims').where('customerId', 'in', ids).execute();
  await clearReferences(db, 'customers', ids);
  await db.deleteFrom('customerTags').where('customerId', 'in', ids).execute();
  if (dialect === 'sqlite') await sql`delete from customer_search where rowid in (${sql.join(ids)})`.execute(db);
  await db.deleteFrom('customers').where('id', 'in', ids).execute();
  return files;
}

/** Deletes the records with their audit row in one transaction, then their stored files. */
async function purgeForGood(
  ctx: Pick<AppContext, 'db' | 'dialect' | 'config'>,
  entity: Entity,
  ids: number[],
  audit: (trx: Kysely<DB>) => Promise<unknown>,
) {
  const files = await inTransaction(ctx, async (ctx) => {
    await audit(ctx.db);
    return purgeRows(ctx.db, ctx.dialect, entity, ids);
  });
  await removeFiles(ctx, files);
}

/** Deletes a record for good. */
export async function purge(ctx: AppContext, actor: Actor, entity: Entity, id: number): Promise<void> {
  await findDeleted(ctx, actor, entity, id);
  if (entity === 'customers' && (await customersInUse(ctx.db, [id])).size)
    throw new AppError('CONFLICT', 'customerHasRecords');
  await purgeForGood(ctx, entity, [id], (trx) => writeAudit(trx, actor, { action: 'purge', entity, entityId: id }));
}

/**
 * Removes records that stayed in the recycle bin longer than the setting allows, in batches through
 * every expired record: customers that business records still point at stay until those records go,
 * and never hold back the ones after them.
 */
export async function purgeExpired(
  ctx: Pick<AppContext, 'db' | 'dialect' | 'config'>,
  { batchSize = 1000 }: { batchSize?: number } = {},
): Promise<number> {
  const settings = await getSettings(ctx.db);
  const cutoff = new Date(Date.now() - settings.recycleBinDays * 86_400_000).toISOString();
  let purged = 0;
  for (const entity of ['contacts', 'customers'] as const) {
    const expired = keysetBatches((afterId) =>
      ctx.db
        .selectFrom(entity)
        .select('id')
        .where('deletedAt', '<', cutoff)
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(batchSize)
        .execute(),
    );
    for await (const rows of expired) {
      const inUse =
        entity === 'customers'
          ? await customersInUse(
              ctx.db,
              rows.map((r) => r.id),
            )
          : new Set<number>();
      const ids = rows.map((r) => r.id).filter((id) => !inUse.has(id));
      if (!ids.length) continue;
      await purgeForGood(ctx, entity, ids, (trx) =>
        writeAudit(trx, null, { action: 'purge', entity, detail: { count: ids.length, reason: 'retention' } }),
      );
      purged += ids.length;
    }
  }
  return purged;
}
