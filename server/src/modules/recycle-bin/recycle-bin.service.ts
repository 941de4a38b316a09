import type { Page } from '@relate/common';
import type { Kysely } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { can } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { scopeFor } from '../../platform/scope.ts';
import { removeFiles, takeFilesOf } from '../attachments/index.ts';
import { getSettings } from '../settings/index.ts';
import { keysetBatches } from '../../db/keyset.ts';
import * as repo from './recycle-bin.repository.ts';

type Entity = repo.Entity;
type Item = {
  id: number;
  entity: Entity;
  name: string;
  detail: string | null;
  deletedAt: string;
  deletedByName: string | null;
  purgeAt: string;
};

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
  const total = await repo.countDeleted(ctx.db, entity, scope);
  const rows = await repo.listDeleted(ctx.db, entity, scope, { page, pageSize });
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
    total,
    page,
    pageSize,
  };
}

async function findDeleted(ctx: AppContext, actor: Actor, entity: Entity, id: number) {
  if (!can(actor, `${entity}.delete`)) throw forbidden();
  const scope = await scopeFor(ctx.db, actor, entity);
  const row = await repo.findDeleted(ctx.db, entity, scope, id);
  if (!row) throw notFound();
  return row;
}

/** Brings a record back; a customer brings back the contacts deleted with it. */
export async function restore(ctx: AppContext, actor: Actor, entity: Entity, id: number): Promise<void> {
  const row = await findDeleted(ctx, actor, entity, id);
  await inTransaction(ctx, async (ctx) => {
    await repo.undeleteRecord(ctx.db, entity, id);
    if (entity === 'customers') await repo.undeleteContactsDeletedWith(ctx.db, id, row.deletedAt);
    await writeAudit(ctx.db, actor, { action: 'restore', entity, entityId: id });
  });
}

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
      repo.customerRecords.map((table) => [
        `${table.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}.customer_id`,
        'keeps' as const,
      ]),
    ),
    'contacts.customer_id': 'deleted',
    'followups.customer_id': 'deleted',
    'pool_claims.customer_id': 'deleted',
    'customer_tags.customer_id': 'deleted',
    // Invoice titles and tax numbers kept for the customer go with it.
    'billing_profiles.customer_id': 'deleted',
    'survey_invitations.customer_id': 'cleared',
    'leads.converted_customer_id': 'cleared',
    // A purged customer's value (RFM) goes with it.
    'customer_values.customer_id': 'cascades',
    // So does their churn risk.
    'churn_risks.customer_id': 'cascades',
    // And what the customer agreed to be sent.
    'customer_consents.customer_id': 'cascades',
    // A call stays with its agent, no longer naming the customer.
    'calls.customer_id': 'cleared',
    // A call-list entry keeps the name and number it was called as.
    'call_list_entries.customer_id': 'cleared',
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
    'calls.contact_id': 'cleared',
    'call_list_entries.contact_id': 'cleared',
    // What the person agreed to be sent goes with them.
    'contact_consents.contact_id': 'cascades',
  },
};

/** Empties the columns that only name the records being purged (the "cleared" ones of purgeHandling). */
async function clearReferences(db: Kysely<DB>, entity: Entity, ids: number[]) {
  for (const [reference, handling] of Object.entries(purgeHandling[entity])) {
    if (handling === 'cleared') await repo.clearReference(db, reference, ids);
  }
}

/** A contact is only a person named on other records: those keep their customer and lose the name; the portal account goes. */
async function detachContacts(db: Kysely<DB>, ids: number[]) {
  await clearReferences(db, 'contacts', ids);
  await repo.deletePortalAccountsOfContacts(db, ids);
  await repo.deleteAnniversariesOfContacts(db, ids);
}

/** Deletes the records and what belongs to them; returns the stored files to remove once that has committed. */
async function purgeRows(db: Kysely<DB>, dialect: Dialect, entity: Entity, ids: number[]): Promise<string[]> {
  if (!ids.length) return [];
  if (entity === 'contacts') {
    await detachContacts(db, ids);
    await repo.deleteContacts(db, ids);
    return [];
  }
  const contacts = await repo.listContactIdsOfCustomers(db, ids);
  if (contacts.length) await detachContacts(db, contacts);
  await repo.deleteContactsOfCustomers(db, ids);
  // The customer's own history goes with it; a lead it came from only forgets it.
  const followups = await repo.listFollowupIdsOfCustomers(db, ids);
  const files = [...(await takeFilesOf(db, 'customers', ids)), ...(await takeFilesOf(db, 'followups', followups))];
  await repo.deleteFollowupsOfCustomers(db, ids);
  await repo.deletePoolClaimsOfCustomers(db, ids);
  await clearReferences(db, 'customers', ids);
  await repo.deleteTagsOfCustomers(db, ids);
  await repo.deleteBillingProfilesOfCustomers(db, ids);
  if (dialect === 'sqlite') await repo.deleteCustomerSearchRows(db, ids);
  await repo.deleteCustomers(db, ids);
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
  const row = await findDeleted(ctx, actor, entity, id);
  if (entity === 'customers' && (await repo.findCustomersInUse(ctx.db, [id])).size)
    throw new AppError('CONFLICT', 'customerHasRecords');
  // The audit row keeps the name of what is gone for good, so that timelines and feeds still name it.
  const name = entity === 'customers' ? { name: row.name, code: row.detail } : { name: row.name };
  await purgeForGood(ctx, entity, [id], (trx) =>
    writeAudit(trx, actor, { action: 'purge', entity, entityId: id, detail: name }),
  );
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
    const expired = keysetBatches((afterId) => repo.listExpiredIds(ctx.db, entity, cutoff, afterId, batchSize));
    for await (const rows of expired) {
      const inUse =
        entity === 'customers'
          ? await repo.findCustomersInUse(
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
