import type { Insertable, Kysely } from 'kysely';
import type { DB, SalesTargetTable } from '../../db/schema.ts';

export function listUserTargetsOfPeriod(db: Kysely<DB>, userIds: number[], period: string) {
  return db
    .selectFrom('salesTargets')
    .selectAll()
    .where('scopeType', '=', 'user')
    .where('scopeId', 'in', userIds)
    .where('period', '=', period)
    .execute();
}

export type TargetFilter = { period?: string; year?: number; scopeType?: string; scopeId?: number };

/** Targets with the name of the person or department each is for, by period then id. */
export function listTargetsWithScopeNames(db: Kysely<DB>, filter: TargetFilter) {
  let qb = db
    .selectFrom('salesTargets')
    .leftJoin('users', (join) =>
      join.onRef('users.id', '=', 'salesTargets.scopeId').on('salesTargets.scopeType', '=', 'user'),
    )
    .leftJoin('departments', (join) =>
      join.onRef('departments.id', '=', 'salesTargets.scopeId').on('salesTargets.scopeType', '=', 'department'),
    )
    .select([
      'salesTargets.id',
      'salesTargets.scopeType',
      'salesTargets.scopeId',
      'salesTargets.metric',
      'salesTargets.period',
      'salesTargets.value',
      'users.displayName',
      'departments.name as departmentName',
    ]);
  if (filter.period) qb = qb.where('salesTargets.period', '=', filter.period);
  if (filter.year) qb = qb.where('salesTargets.period', 'like', `${filter.year}%`);
  if (filter.scopeType) qb = qb.where('salesTargets.scopeType', '=', filter.scopeType);
  if (filter.scopeId) qb = qb.where('salesTargets.scopeId', '=', filter.scopeId);
  return qb.orderBy('salesTargets.period').orderBy('salesTargets.id').execute();
}

/** Inserts a target, or replaces the value (and who changed it, when) of the one with the same scope, metric and period. */
export function upsertTarget(db: Kysely<DB>, row: Insertable<SalesTargetTable>) {
  return db
    .insertInto('salesTargets')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['scopeType', 'scopeId', 'metric', 'period'])
        .doUpdateSet({ value: row.value, updatedBy: row.updatedBy, updatedAt: row.updatedAt }),
    )
    .execute();
}
