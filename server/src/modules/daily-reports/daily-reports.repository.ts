import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { DailyReportTable, DB } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

const columns = [
  'dailyReports.id',
  'dailyReports.ownerId',
  'users.displayName as ownerName',
  'dailyReports.departmentId',
  'dailyReports.reportDate',
  'dailyReports.status',
  'dailyReports.summary',
  'dailyReports.plan',
  'dailyReports.problems',
  'dailyReports.activity',
  'dailyReports.submittedAt',
  'dailyReports.updatedAt',
] as const;

function selectReports(db: Kysely<DB>) {
  return db.selectFrom('dailyReports').innerJoin('users', 'users.id', 'dailyReports.ownerId').select(columns);
}

export type ReportRow = Awaited<ReturnType<ReturnType<typeof selectReports>['executeTakeFirstOrThrow']>>;

export function findReportOfDay(db: Kysely<DB>, ownerId: number, date: string) {
  return selectReports(db)
    .where('dailyReports.ownerId', '=', ownerId)
    .where('dailyReports.reportDate', '=', date)
    .executeTakeFirst();
}

export function findReport(db: Kysely<DB>, scope: Scope, id: number) {
  return whereInScope(selectReports(db), 'daily_reports', scope).where('dailyReports.id', '=', id).executeTakeFirst();
}

export function findReportStatusOfDay(db: Kysely<DB>, ownerId: number, date: string) {
  return db
    .selectFrom('dailyReports')
    .select(['id', 'status'])
    .where('ownerId', '=', ownerId)
    .where('reportDate', '=', date)
    .executeTakeFirst();
}

/** Changes a report while it is a draft; returns how many rows changed (0 once it was submitted). */
export async function updateDraftReport(db: Kysely<DB>, id: number, values: Updateable<DailyReportTable>) {
  const result = await db
    .updateTable('dailyReports')
    .set(values)
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Inserts a report unless its owner already has one for the day; returns its id, or undefined then. */
export async function insertReportIfNone(
  db: Kysely<DB>,
  row: Insertable<DailyReportTable>,
): Promise<number | undefined> {
  const inserted = await db
    .insertInto('dailyReports')
    .values(row)
    .onConflict((oc) => oc.columns(['ownerId', 'reportDate']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}

export type ReportFilter = {
  dateFrom?: string;
  dateTo?: string;
  ownerId?: number[];
  departmentIds?: number[];
  status?: string;
};

/** A page of the reports in scope, newest day first, and how many there are: the submitted ones and the drafts of `draftsOf`. */
export async function listReports(
  db: Kysely<DB>,
  scope: Scope,
  draftsOf: number,
  filter: ReportFilter,
  page: { page: number; pageSize: number },
) {
  let qb = whereInScope(db.selectFrom('dailyReports'), 'daily_reports', scope);
  qb = qb.where((eb) =>
    eb.or([eb('dailyReports.status', '=', 'submitted'), eb('dailyReports.ownerId', '=', draftsOf)]),
  );
  if (filter.dateFrom) qb = qb.where('dailyReports.reportDate', '>=', filter.dateFrom);
  if (filter.dateTo) qb = qb.where('dailyReports.reportDate', '<=', filter.dateTo);
  if (filter.ownerId?.length) qb = qb.where('dailyReports.ownerId', 'in', filter.ownerId);
  if (filter.departmentIds) qb = qb.where('dailyReports.departmentId', 'in', filter.departmentIds);
  if (filter.status) qb = qb.where('dailyReports.status', '=', filter.status);
  const [rows, total] = await Promise.all([
    qb
      .innerJoin('users', 'users.id', 'dailyReports.ownerId')
      .select(columns)
      .orderBy('dailyReports.reportDate', 'desc')
      .orderBy('dailyReports.id', 'desc')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    qb.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
