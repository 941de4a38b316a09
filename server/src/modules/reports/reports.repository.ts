import type { ReportDateUnit, ReportMeasure } from '@relate/common';
import { type AliasedRawBuilder, type Kysely, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';
import type { ReportField, SourceSpec } from './report-sources.ts';

/** A filter made ready for SQL: the field and a condition on its column. */
export type ReportCondition = (column: RawBuilder<unknown>) => RawBuilder<boolean>;

/** What the query needs, checked and resolved by the service. */
export type ResolvedReport = {
  spec: SourceSpec;
  scope: Scope;
  conditions: Array<{ field: ReportField; condition: ReportCondition }>;
  groups: Array<{ field: ReportField; unit: ReportDateUnit | null }>;
  measures: Array<{ measure: ReportMeasure; field: ReportField | null }>;
  timezone: string;
  limit: number;
  byPeriodFirst: boolean;
};

const postgresFormats: Record<ReportDateUnit, string> = {
  day: 'YYYY-MM-DD',
  week: 'IYYY-"W"IW',
  month: 'YYYY-MM',
  quarter: 'YYYY-"Q"Q',
  year: 'YYYY',
};

function columnOf(spec: SourceSpec, field: ReportField): RawBuilder<unknown> {
  return sql.ref(`${spec.table}.${field.column}`);
}

/** The period label of a date or time field's value, in the company's time zone (see `periodOf`). */
function periodLabel(
  dialect: Dialect,
  column: RawBuilder<unknown>,
  field: ReportField,
  unit: ReportDateUnit,
  zone: string,
) {
  if (dialect === 'sqlite') return sql<string>`relate_period(${column}, ${unit}, ${zone})`;
  const local = field.kind === 'timestamp' ? sql`(${column} at time zone ${zone})` : column;
  return sql<string>`to_char(${local}, ${postgresFormats[unit]})`;
}

function aggregateOf(measure: ReportMeasure, field: ReportField | null): RawBuilder<unknown> {
  const value = sql.ref(`v_${field?.column ?? 'none'}`);
  switch (measure.aggregate) {
    case 'count':
      return sql`count(*)`;
    case 'distinct':
      return sql`count(distinct ${value})`;
    case 'sum':
      return sql`coalesce(sum(${value}), 0)`;
    case 'avg':
      // Money stays whole minor units; other numbers keep two decimals.
      return field?.kind === 'money' ? sql`round(avg(${value}))` : sql`round(avg(${value}), 2)`;
    case 'min':
      return sql`min(${value})`;
    case 'max':
      return sql`max(${value})`;
  }
}

/**
 * The matching records, in scope and not deleted, each with its group labels (`g0`…) and the values its
 * measures read (`v_<column>`): the inner query of both the grouped rows and the totals, so that the
 * database adds up every matching record for each.
 */
function matchingRecords(db: Kysely<DB>, dialect: Dialect, report: ResolvedReport) {
  const { spec } = report;
  let qb = db.selectFrom(spec.table as keyof DB) as unknown as SelectQueryBuilder<any, any, object>;
  if (spec.softDelete) qb = qb.where(sql.ref(`${spec.table}.deleted_at`), 'is', null);
  qb = whereInScope(qb, spec.table, report.scope);
  for (const { field, condition } of report.conditions) qb = qb.where(condition(columnOf(spec, field)));
  const selections: Array<AliasedRawBuilder<unknown, string>> = [sql`1`.as('one')];
  report.groups.forEach(({ field, unit }, i) => {
    const column = columnOf(spec, field);
    const label = unit ? periodLabel(dialect, column, field, unit, report.timezone) : sql`${column}`;
    selections.push(label.as(`g${i}`));
  });
  const measured = new Set(report.measures.flatMap(({ field }) => (field ? [field.column] : [])));
  for (const column of measured) selections.push(sql`${sql.ref(`${spec.table}.${column}`)}`.as(`v_${column}`));
  return qb.select(selections);
}

/** The grouped rows (up to `limit + 1`, to tell that more were left out) and the totals over every record. */
export async function runReportQuery(
  db: Kysely<DB>,
  dialect: Dialect,
  report: ResolvedReport,
): Promise<{ rows: Record<string, unknown>[]; totals: Record<string, unknown> }> {
  const records = matchingRecords(db, dialect, report).as('records');
  const measures = report.measures.map(({ measure, field }, i) => aggregateOf(measure, field).as(`m${i}`));
  const totals = await db.selectFrom(records).select(measures).executeTakeFirstOrThrow();
  if (!report.groups.length) return { rows: [totals as Record<string, unknown>], totals };
  const groups = report.groups.map((_, i) => `g${i}`);
  let grouped = db
    .selectFrom(records)
    .select([...groups, ...measures] as never)
    .groupBy(groups as never);
  // Periods read in their order; anything else largest first by the first measure.
  if (!report.byPeriodFirst) grouped = grouped.orderBy(sql.ref('m0'), 'desc');
  for (const group of groups) grouped = grouped.orderBy(sql`${sql.ref(group)} asc nulls last` as never);
  const rows = await grouped.limit(report.limit + 1).execute();
  return { rows: rows as Record<string, unknown>[], totals };
}

/**
 * The names of the users and departments a report's rows are grouped by, per grouping (empty for
 * other kinds of field): read for the ids shown only.
 */
export async function nameLabels(
  db: Kysely<DB>,
  groups: Array<{ field: ReportField }>,
  rows: Array<Record<string, unknown>>,
): Promise<Array<Map<number, string>>> {
  return Promise.all(
    groups.map(async ({ field }, i) => {
      const ids = [...new Set(rows.map((row) => row[`g${i}`]).filter((id) => id !== null && id !== undefined))].map(
        Number,
      );
      if (!ids.length || (field.kind !== 'user' && field.kind !== 'department')) return new Map<number, string>();
      const named =
        field.kind === 'user'
          ? await db.selectFrom('users').select(['id', 'displayName as name']).where('id', 'in', ids).execute()
          : await db.selectFrom('departments').select(['id', 'name']).where('id', 'in', ids).execute();
      return new Map(named.map((row) => [row.id, row.name]));
    }),
  );
}
