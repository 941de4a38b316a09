import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, ServiceContractTable } from '../../db/schema.ts';
import { pageWithTotal } from '../../platform/list-query.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';
import { contains } from '../../platform/search.ts';

/** Service contracts are seen by whoever sees their customer; each with the visits and minutes used on it. */
function columns(db: Kysely<DB>, scope: Scope) {
  return whereInScope(
    db.selectFrom('serviceContracts').innerJoin('customers', 'customers.id', 'serviceContracts.customerId'),
    'customers',
    scope,
  )
    .selectAll('serviceContracts')
    .select('customers.name as customerName')
    .select((eb) => [
      eb
        .selectFrom('serviceUsage')
        .select((u) => u.fn.coalesce(u.fn.sum<number>('serviceUsage.visits'), u.lit(0)).as('v'))
        .whereRef('serviceUsage.serviceContractId', '=', 'serviceContracts.id')
        .as('visitsUsed'),
      eb
        .selectFrom('serviceUsage')
        .select((u) => u.fn.coalesce(u.fn.sum<number>('serviceUsage.minutes'), u.lit(0)).as('m'))
        .whereRef('serviceUsage.serviceContractId', '=', 'serviceContracts.id')
        .as('minutesUsed'),
    ])
    .where('serviceContracts.deletedAt', 'is', null);
}
export type ServiceContractRow = Awaited<ReturnType<ReturnType<typeof columns>['executeTakeFirstOrThrow']>>;

export type ServiceContractFilter = { customerId?: number; activeOn?: string; q?: string };

/** A page of service contracts, latest ending first, with the total of all that match. */
export function listServiceContracts(
  db: Kysely<DB>,
  scope: Scope,
  filter: ServiceContractFilter,
  page: { page: number; pageSize: number },
) {
  let qb = columns(db, scope);
  if (filter.customerId) qb = qb.where('serviceContracts.customerId', '=', filter.customerId);
  if (filter.activeOn)
    qb = qb
      .where('serviceContracts.startsOn', '<=', filter.activeOn)
      .where('serviceContracts.endsOn', '>=', filter.activeOn);
  if (filter.q) qb = qb.where(contains('serviceContracts.name', filter.q));
  return pageWithTotal(qb.orderBy('serviceContracts.endsOn', 'desc').orderBy('serviceContracts.id', 'desc'), page);
}

export function findServiceContract(db: Kysely<DB>, scope: Scope, id: number) {
  return columns(db, scope).where('serviceContracts.id', '=', id).executeTakeFirst();
}

/** The assets named by these service contracts. */
export function assetLinksOf(db: Kysely<DB>, serviceContractIds: number[]) {
  return db
    .selectFrom('serviceContractAssets')
    .selectAll()
    .where('serviceContractId', 'in', serviceContractIds)
    .execute();
}

/** The customer of a (sales) contract that is not deleted, whoever may see it. */
export function findContractCustomer(db: Kysely<DB>, contractId: number) {
  return db
    .selectFrom('contracts')
    .select('customerId')
    .where('id', '=', contractId)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
}

export async function insertServiceContract(db: Kysely<DB>, row: Insertable<ServiceContractTable>): Promise<number> {
  return (await db.insertInto('serviceContracts').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateServiceContract(db: Kysely<DB>, id: number, values: Updateable<ServiceContractTable>) {
  return db.updateTable('serviceContracts').set(values).where('id', '=', id).execute();
}

/** Makes these the assets a service contract names, in place of those it named. */
export async function replaceContractAssets(db: Kysely<DB>, serviceContractId: number, assetIds: number[]) {
  await db.deleteFrom('serviceContractAssets').where('serviceContractId', '=', serviceContractId).execute();
  if (assetIds.length)
    await db
      .insertInto('serviceContractAssets')
      .values(assetIds.map((assetId) => ({ serviceContractId, assetId })))
      .execute();
}

/**
 * The customer's service contracts running on `today`, each with how many assets it names and
 * whether it names this one.
 */
export function runningContracts(db: Kysely<DB>, customerId: number, assetId: number | null, today: string) {
  return db
    .selectFrom('serviceContracts')
    .select(['id', 'responseMinutes'])
    .select((eb) => [
      eb
        .selectFrom('serviceContractAssets')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('serviceContractAssets.serviceContractId', '=', 'serviceContracts.id')
        .as('assetCount'),
      eb
        .selectFrom('serviceContractAssets')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('serviceContractAssets.serviceContractId', '=', 'serviceContracts.id')
        .where('serviceContractAssets.assetId', '=', assetId ?? -1)
        .as('namesAsset'),
    ])
    .where('customerId', '=', customerId)
    .where('deletedAt', 'is', null)
    .where('startsOn', '<=', today)
    .where('endsOn', '>=', today)
    .execute();
}
