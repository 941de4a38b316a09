import type { Insertable, Kysely, Updateable } from 'kysely';
import type { ContractTable, DB } from '../../db/schema.ts';
import { newestPageByIds } from '../../platform/list-page.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';
import { contains } from '../../platform/search.ts';
import type { ListPageQuery } from '../../platform/list-query.ts';
import type { Dialect } from '../../db/database.ts';

const columns = (db: Kysely<DB>) =>
  db
    .selectFrom('contracts')
    .innerJoin('customers', 'customers.id', 'contracts.customerId')
    .leftJoin('users as owner', 'owner.id', 'contracts.ownerId')
    .selectAll('contracts')
    .select([
      'customers.name as customerName',
      'owner.displayName as ownerName',
      (eb) =>
        eb
          .selectFrom('contracts as next')
          .select('next.id')
          .whereRef('next.previousId', '=', 'contracts.id')
          .where('next.deletedAt', 'is', null)
          .limit(1)
          .as('renewedById'),
    ]);
export type ContractRow = Awaited<ReturnType<ReturnType<typeof columns>['executeTakeFirstOrThrow']>>;

export function findContract(db: Kysely<DB>, scope: Scope, id: number) {
  return whereInScope(columns(db), 'contracts', scope)
    .where('contracts.id', '=', id)
    .where('contracts.deletedAt', 'is', null)
    .executeTakeFirst();
}

export type ContractFilter = {
  q?: string;
  customerId?: number;
  status?: string;
  /** In force and ending on or before this date. */
  inForceEndingBy?: string;
};

export function listContracts(
  db: Kysely<DB>,
  dialect: Dialect,
  scope: Scope,
  filter: ContractFilter,
  page: ListPageQuery,
) {
  let qb = whereInScope(db.selectFrom('contracts'), 'contracts', scope).where('contracts.deletedAt', 'is', null);
  if (filter.customerId) qb = qb.where('contracts.customerId', '=', filter.customerId);
  if (filter.status) qb = qb.where('contracts.status', '=', filter.status);
  if (filter.inForceEndingBy !== undefined)
    qb = qb.where('contracts.status', '=', 'in_force').where('contracts.endsOn', '<=', filter.inForceEndingBy);
  if (filter.q) {
    const q = filter.q;
    qb = qb.where((eb) => eb.or([contains('contracts.number', q), contains('contracts.name', q)]));
  }
  return newestPageByIds(db, dialect, qb, columns(db), 'contracts', 'updatedAt', page);
}

export async function insertContract(db: Kysely<DB>, row: Insertable<ContractTable>): Promise<number> {
  return (await db.insertInto('contracts').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateContract(db: Kysely<DB>, id: number, values: Updateable<ContractTable>) {
  return db.updateTable('contracts').set(values).where('id', '=', id).execute();
}

/** Contracts in force whose end date is before the given day become expired. */
export function expireEndedContracts(db: Kysely<DB>, today: string, at: string) {
  return db
    .updateTable('contracts')
    .set({ status: 'expired', updatedAt: at })
    .where('status', '=', 'in_force')
    .where('endsOn', '<', today)
    .where('deletedAt', 'is', null)
    .execute();
}

/** Owned contracts in force that end on or before the given date. */
export function listOwnedContractsEndingBy(db: Kysely<DB>, date: string) {
  return db
    .selectFrom('contracts')
    .select(['id', 'endsOn', 'renewalRemindDays'])
    .where('status', '=', 'in_force')
    .where('deletedAt', 'is', null)
    .where('endsOn', '<=', date)
    .where('ownerId', 'is not', null)
    .execute();
}

/** What a renewal reminder says, and whether it is still due. */
export function findRenewalReminder(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('contracts')
    .innerJoin('customers', 'customers.id', 'contracts.customerId')
    .select(['contracts.ownerId', 'contracts.status', 'contracts.number', 'contracts.endsOn', 'customers.name'])
    .where('contracts.id', '=', id)
    .executeTakeFirst();
}
