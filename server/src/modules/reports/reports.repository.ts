import type { ReportDateUnit, ReportMeasure } from '@relate/common';
import { type AliasedRawBuilder, type Kysely, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import { fixedOffsetOf } from '../../db/periods.ts';
import type { DB } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';
import type { ReportField, SourceSpec } from './report-sources.ts';

/** A filter made ready for SQL: the field and a condition on its value. */
export type ReportCondition = (value: RawBuilder<unknown>) => RawBuilder<boolean>;

/** A grouping made ready for SQL: the field, its period, and the departments it rolls up into their ancestors. */
export type ResolvedGroup = {
  field: ReportField;
  unit: ReportDateUnit | null;
  /** Department → the ancestor it is counted for (only departments below the chosen depth). */
  rollUp: Map<number, number> | null;
};

/** What the query needs, checked and resolved by the service. */
export type ResolvedReport = {
  spec: SourceSpec;
  scope: Scope;
  conditions: Array<{ field: ReportField; condition: ReportCondition }>;
  groups: ResolvedGroup[];
  measures: Array<{
    measure: ReportMeasure;
    field: ReportField | null;
    fieldName: string | null;
    /** Only the records that also match these are measured. */
    where: Array<{ field: ReportField; condition: ReportCondition }>;
  }>;
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

/** A field's value in SQL: its column, on the source's table or a joined one, or a key of a JSON column. */
export function fieldValue(dialect: Dialect, spec: SourceSpec, field: ReportField): RawBuilder<unknown> {
  const column = sql.ref(`${field.from ?? spec.table}.${field.column}`);
  if (field.figure) return field.figure(column, spec.companyCurrency ?? '');
  if (!field.jsonKey) return column;
  if (dialect === 'sqlite') return sql`json_extract(${column}, ${`$."${field.jsonKey}"`})`;
  const text = sql`(${column} ->> ${field.jsonKey})`;
  // A number typed into a text field must not fail the whole report: anything else reads as empty.
  if (field.kind === 'number') return sql`(case when ${text} ~ '^-?[0-9]+(\\.[0-9]+)?$' then (${text})::numeric end)`;
  return text;
}

/** SQLite's label of a period of a day or an instant, `shift` the modifier that moves it into the zone. */
function sqlitePeriod(value: RawBuilder<unknown>, unit: ReportDateUnit, shift: string | null) {
  const at = (format: string) =>
    shift ? sql`strftime(${format}, ${value}, ${shift})` : sql`strftime(${format}, ${value})`;
  switch (unit) {
    case 'day':
      return at('%Y-%m-%d');
    case 'week':
      return at('%G-W%V');
    case 'month':
      return at('%Y-%m');
    case 'quarter':
      return sql`(${at('%Y')} || '-Q' || ((cast(${at('%m')} as integer) + 2) / 3))`;
    case 'year':
      return at('%Y');
  }
}

/**
 * The period label of a date or time field's value, in the company's time zone (see `periodOf`). On
 * SQLite a date is labelled by SQL, and so is an instant from when the zone keeps one offset for good
 * (Asia/Shanghai since 1991): a function called per row (relate_period) is labelled fifteen times
 * slower, and serves only zones with summer time and instants before their last change.
 */
export function periodLabel(
  dialect: Dialect,
  value: RawBuilder<unknown>,
  field: ReportField,
  unit: ReportDateUnit,
  zone: string,
) {
  if (dialect === 'postgres') {
    const local = field.kind === 'timestamp' ? sql`(${value} at time zone ${zone})` : sql`(${value})::date`;
    return sql<string>`to_char(${local}, ${postgresFormats[unit]})`;
  }
  if (field.kind !== 'timestamp') return sql<string>`${sqlitePeriod(value, unit, null)}`;
  const perRow = sql<string>`relate_period(${value}, ${unit}, ${zone})`;
  const fixed = fixedOffsetOf(zone);
  if (!fixed) return perRow;
  const shifted = sqlitePeriod(value, unit, `${fixed.minutes >= 0 ? '+' : ''}${fixed.minutes} minutes`);
  return fixed.since
    ? sql<string>`(case when ${value} >= ${fixed.since} then ${shifted} else ${perRow} end)`
    : sql<string>`${shifted}`;
}

/** What a record is grouped by: its value, its period, or the department it rolls up into. */
export function groupValue(dialect: Dialect, spec: SourceSpec, group: ResolvedGroup, zone: string) {
  const value = fieldValue(dialect, spec, group.field);
  if (group.unit) return periodLabel(dialect, value, group.field, group.unit, zone);
  if (group.rollUp?.size) {
    const branches = [...group.rollUp].map(([department, ancestor]) => sql`when ${department} then ${ancestor}`);
    return sql`(case ${value} ${sql.join(branches, sql` `)} else ${value} end)`;
  }
  return value;
}

/** A measure over the records (`value` its field's value; `flag` 1 for the records it measures, when it has its own filters). */
function aggregateOf(
  measure: ReportMeasure,
  field: ReportField | null,
  value: RawBuilder<unknown>,
  flag: RawBuilder<unknown> | null,
): RawBuilder<unknown> {
  const v = flag ? sql`case when ${flag} = 1 then ${value} end` : value;
  switch (measure.aggregate) {
    case 'count':
      return flag ? sql`coalesce(sum(${flag}), 0)` : sql`count(*)`;
    case 'distinct':
      return sql`count(distinct ${v})`;
    case 'sum':
      return sql`coalesce(sum(${v}), 0)`;
    case 'avg':
      // Money and quantities stay whole minor units or thousandths; other numbers keep two decimals.
      return field?.kind === 'money' || field?.kind === 'quantity' ? sql`round(avg(${v}))` : sql`round(avg(${v}), 2)`;
    case 'min':
      return sql`min(${v})`;
    case 'max':
      return sql`max(${v})`;
    case 'ratio':
      throw new Error('a ratio is made of other measures');
  }
}

/** The aliases of the joins a report reads from, with the joins they go through. */
function joinsNeeded(spec: SourceSpec, fields: ReportField[]): Set<string> {
  const wanted = new Set<string>();
  const add = (alias: string | undefined) => {
    if (!alias || wanted.has(alias)) return;
    wanted.add(alias);
    add(spec.joins?.find((j) => j.alias === alias)?.from);
  };
  for (const field of fields) add(field.from);
  add(spec.scopeFrom);
  add(spec.currency?.from);
  for (const join of spec.joins ?? []) if (join.required) add(join.alias);
  return wanted;
}

/**
 * The matching records, in scope and not deleted, with the joins their fields read from: the base of
 * the grouped rows, the totals and the records behind a figure, so that each is added up by the
 * database over every matching record.
 */
function matchingRecords(db: Kysely<DB>, report: ResolvedReport, readFrom: ReportField[]) {
  const { spec } = report;
  let qb = db.selectFrom(spec.table as keyof DB) as unknown as SelectQueryBuilder<any, any, object>;
  const wanted = joinsNeeded(spec, [...readFrom, ...report.conditions.map((c) => c.field)]);
  for (const join of spec.joins ?? []) {
    if (!wanted.has(join.alias)) continue;
    const on = [`${join.alias}.${join.key}`, `${join.from ?? spec.table}.${join.column}`] as const;
    const table = `${join.table} as ${join.alias}` as never;
    qb = join.required
      ? qb.innerJoin(table, on[0] as never, on[1] as never)
      : qb.leftJoin(table, on[0] as never, on[1] as never);
  }
  const scoped = spec.scopeFrom ?? spec.table;
  if (spec.softDelete) qb = qb.where(sql.ref(`${scoped}.deleted_at`), 'is', null);
  if (spec.present) qb = qb.where(sql.ref(`${spec.table}.${spec.present}`), 'is not', null);
  qb = whereInScope(qb, scoped, report.scope);
  return qb;
}

/** The report's filters, and any further conditions, on the matching records. */
function withConditions(
  dialect: Dialect,
  qb: SelectQueryBuilder<any, any, object>,
  report: ResolvedReport,
  extra: RawBuilder<boolean>[],
) {
  for (const { field, condition } of report.conditions)
    qb = qb.where(condition(fieldValue(dialect, report.spec, field)));
  for (const condition of extra) qb = qb.where(condition);
  return qb;
}

/**
 * The grouped rows (up to `limit + 1`, to tell that more were left out) and the totals over every record.
 * `onlyGroups` keeps the rows whose groupings hold one of the values given for each (as the rows of
 * another period, which are compared with): the totals still cover every record.
 */
export async function runReportQuery(
  db: Kysely<DB>,
  dialect: Dialect,
  report: ResolvedReport,
  onlyGroups?: Array<Array<string | number | null>>,
): Promise<{ rows: Record<string, unknown>[]; totals: Record<string, unknown> }> {
  const { spec } = report;
  const measuredFields = [
    ...new Map(report.measures.flatMap((m) => (m.field ? [[m.fieldName!, m.field] as const] : []))),
  ];
  const valueAlias = (name: string) => `v${measuredFields.findIndex(([n]) => n === name)}`;
  const selections: Array<AliasedRawBuilder<unknown, string>> = [sql`1`.as('one')];
  report.groups.forEach((group, i) => selections.push(groupValue(dialect, spec, group, report.timezone).as(`g${i}`)));
  measuredFields.forEach(([name, field]) => selections.push(fieldValue(dialect, spec, field).as(valueAlias(name))));
  report.measures.forEach(({ where }, i) => {
    if (!where.length) return;
    const all = sql.join(
      where.map(({ field, condition }) => sql`(${condition(fieldValue(dialect, spec, field))})`),
      sql` and `,
    );
    selections.push(sql`case when ${all} then 1 else 0 end`.as(`w${i}`));
  });
  // A grouping whose values have an order of their own (stages) reads in that order, whatever the figures.
  const first = report.groups[0]?.field;
  const orderField: ReportField | null = first?.orderedBy ? { ...first.orderedBy, kind: 'number' } : null;
  if (orderField) selections.push(fieldValue(dialect, spec, orderField).as('o0'));
  // Steps of a dictionary are ordered once per group (by its code), not looked up for every record.
  const stepOrder = orderField
    ? sql`min(${sql.ref('o0')})`
    : first?.stepsOfDictionary
      ? sql`(select sort_order from dictionary_options where type = ${first.dictionary!} and code = ${sql.ref('g0')})`
      : null;
  const readFrom = [
    ...(orderField ? [orderField] : []),
    ...report.groups.map((g) => g.field),
    ...measuredFields.map(([, f]) => f),
    ...report.measures.flatMap((m) => m.where.map((w) => w.field)),
  ];
  const records = withConditions(dialect, matchingRecords(db, report, readFrom), report, [])
    .select(selections)
    .as('records');
  const aggregates = report.measures.map(({ measure, field, fieldName, where }, i) =>
    measure.aggregate === 'ratio'
      ? null
      : aggregateOf(
          measure,
          field,
          sql.ref(fieldName ? valueAlias(fieldName) : 'one'),
          where.length ? sql.ref(`w${i}`) : null,
        ),
  );
  const measures = report.measures.map(({ measure }, i) => {
    if (measure.aggregate !== 'ratio') return aggregates[i]!.as(`m${i}`);
    const [numerator, denominator] = measure.of!.map((j) => aggregates[j]!);
    return sql`round(100.0 * ${numerator} / nullif(${denominator}, 0), 2)`.as(`m${i}`);
  });
  const totals = await db.selectFrom(records).select(measures).executeTakeFirstOrThrow();
  if (!report.groups.length) return { rows: [totals as Record<string, unknown>], totals };
  const groups = report.groups.map((_, i) => `g${i}`);
  let grouped = db
    .selectFrom(records)
    .select([...groups, ...measures] as never)
    .groupBy(groups as never);
  onlyGroups?.forEach((values, i) => {
    const known = values.filter((v) => v !== null);
    const inList = known.length ? sql<boolean>`${sql.ref(`g${i}`)} in (${sql.join(known)})` : sql<boolean>`1 = 0`;
    grouped = grouped.where(values.includes(null) ? sql<boolean>`(${inList} or ${sql.ref(`g${i}`)} is null)` : inList);
  });
  // Periods and stages read in their order; anything else largest first by the first measure.
  if (stepOrder) grouped = grouped.orderBy(sql`${stepOrder} asc nulls last` as never);
  else if (!report.byPeriodFirst) grouped = grouped.orderBy(sql`${sql.ref('m0')} desc nulls last` as never);
  for (const group of groups) grouped = grouped.orderBy(sql`${sql.ref(group)} asc nulls last` as never);
  const rows = await grouped.limit(onlyGroups ? maxComparedRows : report.limit + 1).execute();
  return { rows: rows as Record<string, unknown>[], totals };
}

/** The rows of the period compared with that are read at most, for the rows shown. */
export const maxComparedRows = 10_000;

/**
 * One page of the records behind a figure: those the report counts whose groupings hold the given
 * values (`match`), newest first, with how each is named and where it opens, and how many there are;
 * with `measured`, each one's value of that field and their sum over every one of them.
 */
export async function reportRecords(
  db: Kysely<DB>,
  dialect: Dialect,
  report: ResolvedReport,
  match: RawBuilder<boolean>[],
  window: { limit: number; offset: number },
  measured: ReportField | null = null,
): Promise<{
  rows: Array<{ id: number; title: unknown; detail: unknown; link: unknown; value: unknown }>;
  total: number;
  sum: unknown;
}> {
  const { spec } = report;
  const named = (ref: { column: string; from?: string }): ReportField => ({ ...ref, kind: 'text' });
  const shown = [named(spec.title), named(spec.detail), named(spec.link), ...(measured ? [measured] : [])];
  const value = measured ? fieldValue(dialect, spec, measured) : null;
  const base = () =>
    withConditions(
      dialect,
      matchingRecords(db, report, [...report.groups.map((g) => g.field), ...shown]),
      report,
      match,
    );
  const [rows, count] = await Promise.all([
    base()
      .select([
        sql.ref(`${spec.table}.id`).as('id'),
        fieldValue(dialect, spec, shown[0]).as('title'),
        fieldValue(dialect, spec, shown[1]).as('detail'),
        fieldValue(dialect, spec, shown[2]).as('link'),
        (value ?? sql`0`).as('value'),
      ])
      .orderBy(sql.ref(`${spec.table}.id`), 'desc')
      .limit(window.limit)
      .offset(window.offset)
      .execute(),
    base()
      .select([sql`count(*)`.as('n'), (value ? sql`sum(${value})` : sql`0`).as('sum')])
      .executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows as Array<{ id: number; title: unknown; detail: unknown; link: unknown; value: unknown }>,
    total: Number((count as { n: unknown }).n),
    sum: (count as { sum: unknown }).sum,
  };
}

const namedTables = {
  user: { table: 'users', name: 'display_name' },
  department: { table: 'departments', name: 'name' },
  customer: { table: 'customers', name: 'name' },
  product: { table: 'products', name: 'name' },
  category: { table: 'product_categories', name: 'name' },
} as const;

/** The table a grouping's values are named from, by the kind of its field. */
export const labelTables: Partial<Record<string, string>> = Object.fromEntries(
  Object.entries(namedTables).map(([kind, { table }]) => [kind, table]),
);

/**
 * The names of the users, departments, customers, products and categories a report's rows are grouped
 * by, per grouping (empty for other kinds of field): read for the ids shown only.
 */
export async function nameLabels(
  db: Kysely<DB>,
  groups: Array<{ field: ReportField }>,
  rows: Array<Record<string, unknown>>,
): Promise<Array<Map<number, string>>> {
  return Promise.all(
    groups.map(async ({ field }, i) => {
      const named = namedTables[field.kind as keyof typeof namedTables];
      const ids = [...new Set(rows.map((row) => row[`g${i}`]).filter((id) => id !== null && id !== undefined))].map(
        Number,
      );
      if (!ids.length || !named) return new Map<number, string>();
      const found = await db
        .selectFrom(named.table as keyof DB)
        .select([sql.ref(`${named.table}.id`).as('id'), sql.ref(`${named.table}.${named.name}`).as('name')])
        .where(sql.ref(`${named.table}.id`), 'in', ids)
        .execute();
      return new Map(found.map((row) => [Number(row.id), String(row.name)]));
    }),
  );
}

/** The ids of the records a report counts (every row's, in scope and past its filters), the first `limit` by id. */
export async function reportRecordIds(
  db: Kysely<DB>,
  dialect: Dialect,
  report: ResolvedReport,
  limit: number,
): Promise<number[]> {
  const { spec } = report;
  const rows = await withConditions(dialect, matchingRecords(db, report, []), report, [])
    .select(sql.ref(`${spec.table}.id`).as('id'))
    .orderBy(sql.ref(`${spec.table}.id`))
    .limit(limit)
    .execute();
  return (rows as Array<{ id: unknown }>).map((row) => Number(row.id));
}
