import {
  type ReportColumn,
  type ReportDefinition,
  type ReportFilter,
  type ReportGrouping,
  type ReportMeasure,
  type ReportRecordsPage,
  type ReportRecordsQuery,
  type ReportResult,
  type ReportSource,
  type ReportSourceInfo,
  reportSourcePermissions,
  reportSources,
} from '@relate/common';
import { type RawBuilder, sql } from 'kysely';
import { dayEnd, dayStart, todayIn } from '../../db/time.ts';
import { type Actor, can } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { fieldError, forbidden } from '../../platform/errors.ts';
import { hiddenFields } from '../../platform/field-rules.ts';
import { scopeFor } from '../../platform/scope.ts';
import type { z } from 'zod';
import { listCustomFields } from '../custom-fields/index.ts';
import { listDepartments } from '../departments/index.ts';
import { getSettings } from '../settings/index.ts';
import { comparedDays, relativeDays } from './relative-periods.ts';
import {
  groupValue,
  labelTables,
  nameLabels,
  type ReportCondition,
  reportRecords,
  type ResolvedGroup,
  type ResolvedReport,
  runReportQuery,
} from './reports.repository.ts';
import { type ReportField, reportSourceSpecs, type SourceSpec } from './report-sources.ts';
import { departmentRollUp } from './department-roll-up.ts';
import { VersionedCache } from '../../platform/versioned-cache.ts';

const numeric = new Set(['number', 'money', 'quantity']);
const dated = new Set(['date', 'timestamp']);
/** Kinds whose values are ids or numbers, read back as numbers. */
const numbered = new Set(['number', 'money', 'quantity', 'user', 'department', 'customer', 'product', 'category']);
/** Quantities are kept in thousandths. */
const quantityScale = 1000;

type CustomFieldInfo = NonNullable<ReportSourceInfo['fields'][number]['custom']>;

/**
 * A source with the fields a report may read: its own, and for customers their custom fields (choices
 * and multiple choices excepted: a list of codes is neither grouped nor summed).
 */
async function sourceWithCustomFields(
  ctx: AppContext,
  source: ReportSource,
): Promise<{ spec: SourceSpec; custom: Map<string, CustomFieldInfo> }> {
  const spec = reportSourceSpecs[source];
  const custom = new Map<string, CustomFieldInfo>();
  if (source !== 'customers') return { spec, custom };
  const fields = { ...spec.fields };
  for (const definition of await listCustomFields(ctx.db, 'customers')) {
    if (!definition.enabled || definition.type === 'multiselect') continue;
    const name = `custom.${definition.key}`;
    fields[name] = {
      column: 'custom_fields',
      jsonKey: definition.key,
      kind: definition.type === 'number' ? 'number' : definition.type === 'date' ? 'date' : 'text',
    };
    custom.set(name, { labelZh: definition.labelZh, labelEn: definition.labelEn, options: definition.options });
  }
  return { spec: { ...spec, fields }, custom };
}

/** Whether a field is hidden from the caller: its own module's rule, or the rule of the module it is read from. */
function isHidden(actor: Actor, spec: SourceSpec, name: string, field: ReportField): boolean {
  if (field.guardedAs) return hiddenFields(actor, field.guardedAs.module).includes(field.guardedAs.field);
  return hiddenFields(actor, spec.module).includes(name);
}

/** The field of a source a report names, if the caller may read it (else a 400 naming it, in `path`). */
function readableField(actor: Actor, spec: SourceSpec, name: string, path: string): ReportField {
  const field = Object.hasOwn(spec.fields, name) ? spec.fields[name] : undefined;
  if (!field) throw fieldError(path, 'reportUnknownField', { field: name });
  if (isHidden(actor, spec, name, field)) throw fieldError(path, 'reportFieldHidden', { field: name });
  return field;
}

/** A date typed in a filter, as the value its column compares with: a day as is, a time from the day's start. */
function boundary(field: ReportField, day: string, zone: string): string {
  return field.kind === 'timestamp' ? dayStart(day, zone) : day;
}

function conditionOf(field: ReportField, filter: ReportFilter, zone: string, path: string): ReportCondition {
  const bad = () => fieldError(path, 'reportBadFilter', { field: filter.field });
  const isDay = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
  /** A value as the column holds it: numbers for numbers, the start of a day for a time. */
  const valueOf = (v: string | number) => {
    if (numeric.has(field.kind) || numbered.has(field.kind)) {
      const n = typeof v === 'number' ? v : Number(v);
      if (!Number.isFinite(n)) throw bad();
      return field.kind === 'quantity' ? Math.round(n * quantityScale) : n;
    }
    if (dated.has(field.kind)) {
      if (!isDay(v)) throw bad();
      return boundary(field, v, zone);
    }
    return String(v);
  };
  /** The last instant of a day typed for a time field (`dayEnd`). */
  const lastInstant = (v: string | number) => {
    if (!isDay(v)) throw bad();
    return dayEnd(v, zone);
  };
  switch (filter.op) {
    case 'eq':
      return (c) => sql`${c} = ${valueOf(filter.value)}`;
    case 'ne':
      return (c) => sql`(${c} is null or ${c} <> ${valueOf(filter.value)})`;
    case 'gt': {
      // After a day on a time field means after the day's last instant, as the lists' date filters read it.
      const value = field.kind === 'timestamp' ? lastInstant(filter.value) : valueOf(filter.value);
      return (c) => sql`${c} > ${value}`;
    }
    case 'gte':
      return (c) => sql`${c} >= ${valueOf(filter.value)}`;
    case 'lt':
      return (c) => sql`${c} < ${valueOf(filter.value)}`;
    case 'lte': {
      const value = field.kind === 'timestamp' ? lastInstant(filter.value) : valueOf(filter.value);
      return (c) => sql`${c} <= ${value}`;
    }
    case 'between': {
      const [low, high] = filter.value;
      const lower = conditionOf(field, { field: filter.field, op: 'gte', value: low }, zone, path);
      const upper = conditionOf(field, { field: filter.field, op: 'lte', value: high }, zone, path);
      return (c) => sql`(${lower(c)} and ${upper(c)})`;
    }
    case 'in':
    case 'notIn': {
      const values = filter.value.map(valueOf);
      const list = sql.join(values.map((v) => sql`${v}`));
      return filter.op === 'in' ? (c) => sql`${c} in (${list})` : (c) => sql`(${c} is null or ${c} not in (${list}))`;
    }
    case 'empty':
      return (c) => sql`${c} is null`;
    case 'notEmpty':
      return (c) => sql`${c} is not null`;
    case 'contains': {
      if (field.kind !== 'text') throw bad();
      const pattern = `%${filter.value.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      return (c) => sql`lower(${c}) like lower(${pattern}) escape '\\'`;
    }
    case 'within': {
      if (!dated.has(field.kind)) throw bad();
      const { from, until } = relativeDays(filter.value, todayIn(zone));
      const [low, high] = [boundary(field, from, zone), boundary(field, until, zone)];
      return (c) => sql`(${c} >= ${low} and ${c} < ${high})`;
    }
  }
}

/** Whether the caller may report on a source: whether they may open its list. */
export function mayReportOn(actor: Actor, source: ReportSource): boolean {
  return can(actor, reportSourcePermissions[source]);
}

/** The sources the caller may report on, each with the fields they may read. */
export async function reportSourcesFor(ctx: AppContext, actor: Actor): Promise<ReportSourceInfo[]> {
  const readable = reportSources.filter((source) => mayReportOn(actor, source));
  return Promise.all(
    readable.map(async (source) => {
      const { spec, custom } = await sourceWithCustomFields(ctx, source);
      return {
        source,
        fields: Object.entries(spec.fields)
          .filter(([name, field]) => !isHidden(actor, spec, name, field))
          .map(([name, field]) => ({
            name,
            kind: field.kind,
            dictionary: field.dictionary ?? null,
            ...(custom.has(name) ? { custom: custom.get(name) } : {}),
          })),
      };
    }),
  );
}

/** A measure's column key: `count`, `sum:total`; `ratio:0:1` for a ratio; `…:if2` for the third measure when it has its own filters. */
function measureKey(m: ReportMeasure, i: number): string {
  if (m.aggregate === 'ratio') return `ratio:${m.of![0]}:${m.of![1]}`;
  const base = m.aggregate === 'count' ? 'count' : `${m.aggregate}:${m.field}`;
  return m.where?.length ? `${base}:if${i}` : base;
}
const groupKey = (g: ReportGrouping, unit: string | null) =>
  unit ? `${g.field}:${unit}` : g.departmentLevel ? `${g.field}:level${g.departmentLevel}` : g.field;

type Resolved = ResolvedReport & { definition: ReportDefinition; currency: string | null };

/**
 * A definition checked against the caller: the source they may open, the fields they may read, the
 * filters as conditions, the groupings with their periods and roll-ups, and the currency money is
 * added up in.
 */
export async function resolveReport(ctx: AppContext, actor: Actor, definition: ReportDefinition): Promise<Resolved> {
  if (!mayReportOn(actor, definition.source)) throw forbidden();
  const settings = await getSettings(ctx.db);
  const spec = {
    ...(await sourceWithCustomFields(ctx, definition.source)).spec,
    companyCurrency: settings.defaultCurrency,
  };
  const zone = settings.timezone;
  const conditions = definition.filters.map((filter, i) => {
    const field = readableField(actor, spec, filter.field, `filters.${i}.field`);
    return { field, condition: conditionOf(field, filter, zone, `filters.${i}`) };
  });
  if (definition.compare && definition.filters.filter((filter) => filter.op === 'within').length !== 1)
    throw fieldError('compare', 'reportNoComparePeriod');
  const departments = definition.groupBy.some((g) => g.departmentLevel) ? await listDepartments(ctx.db) : [];
  const groups = definition.groupBy.map((grouping, i): ResolvedGroup => {
    const field = readableField(actor, spec, grouping.field, `groupBy.${i}.field`);
    if (grouping.unit && !dated.has(field.kind))
      throw fieldError(`groupBy.${i}.unit`, 'reportNoPeriod', { field: grouping.field });
    if (grouping.departmentLevel && field.kind !== 'department')
      throw fieldError(`groupBy.${i}.departmentLevel`, 'reportNoRollUp', { field: grouping.field });
    return {
      field,
      unit: dated.has(field.kind) ? (grouping.unit ?? 'month') : null,
      rollUp: grouping.departmentLevel ? departmentRollUp(departments, grouping.departmentLevel) : null,
    };
  });
  const measures = definition.measures.map((measure, i) => {
    const where = (measure.where ?? []).map((filter, j) => {
      const field = readableField(actor, spec, filter.field, `measures.${i}.where.${j}.field`);
      return { field, condition: conditionOf(field, filter, zone, `measures.${i}.where.${j}`) };
    });
    if (measure.aggregate === 'ratio') {
      const parts = measure.of!.map((j) => definition.measures[j]);
      if (parts.some((part, k) => !part || part.aggregate === 'ratio' || measure.of![k] === i))
        throw fieldError(`measures.${i}.of`, 'reportBadRatio');
      return { measure, field: null, fieldName: null, where };
    }
    if (!measure.field) return { measure, field: null, fieldName: null, where };
    const field = readableField(actor, spec, measure.field, `measures.${i}.field`);
    const needsNumber = measure.aggregate === 'sum' || measure.aggregate === 'avg';
    const orders = numeric.has(field.kind) || dated.has(field.kind);
    if ((needsNumber && !numeric.has(field.kind)) || (!needsNumber && measure.aggregate !== 'distinct' && !orders))
      throw fieldError(`measures.${i}.field`, 'reportNotMeasurable', { field: measure.field });
    return { measure, field, fieldName: measure.field, where };
  });
  const measuresMoney = measures.some(
    ({ field, measure }) => field?.kind === 'money' && measure.aggregate !== 'distinct',
  );
  const currency = !measuresMoney
    ? null
    : spec.currency
      ? (definition.currency ?? settings.defaultCurrency)
      : spec.moneyInCompanyCurrency
        ? settings.defaultCurrency
        : null;
  if (currency && spec.currency) {
    const currencyField: ReportField = { ...spec.currency, kind: 'text' };
    conditions.push({ field: currencyField, condition: (c: RawBuilder<unknown>) => sql`${c} = ${currency}` });
  }
  return {
    definition,
    currency,
    spec,
    scope: await scopeFor(ctx.db, actor, spec.module),
    conditions,
    groups,
    measures,
    timezone: zone,
    limit: definition.limit,
    byPeriodFirst: groups.length > 0 && groups[0].unit !== null,
  };
}

/**
 * The same report over the period compared with: the days before (or a year before) those its
 * relative-period filter names. Its totals cover every record of that period; its rows are read for
 * the groups shown only, and matched to them by their values — unless a grouping is by period, whose
 * rows cannot be matched across periods (then only the totals are compared).
 */
async function comparedPeriod(
  ctx: AppContext,
  resolved: Resolved,
  rows: Array<Record<string, unknown>>,
): Promise<{
  totals: Record<string, unknown>;
  rowOf: (row: Record<string, unknown>) => Record<string, unknown> | null;
}> {
  const { definition } = resolved;
  const periods = definition.filters.flatMap((filter, i) => (filter.op === 'within' ? [{ filter, i }] : []));
  if (periods.length !== 1 || periods[0].filter.op !== 'within') throw fieldError('compare', 'reportNoComparePeriod');
  const { filter, i } = periods[0];
  const field = resolved.conditions[i].field;
  const { from, until } = comparedDays(filter.value, todayIn(resolved.timezone), definition.compare!);
  const [low, high] = [boundary(field, from, resolved.timezone), boundary(field, until, resolved.timezone)];
  const conditions = resolved.conditions.map((c, j) =>
    j === i ? { field, condition: (v: RawBuilder<unknown>) => sql<boolean>`(${v} >= ${low} and ${v} < ${high})` } : c,
  );
  const matchable = resolved.groups.every((group) => group.unit === null);
  const onlyGroups = resolved.groups.length
    ? resolved.groups.map((_, g) => [...new Set(rows.map((row) => row[`g${g}`] as string | number | null))])
    : undefined;
  const previous = await runReportQuery(ctx.db, ctx.dialect, { ...resolved, conditions }, matchable ? onlyGroups : []);
  const keyOf = (row: Record<string, unknown>) => JSON.stringify(resolved.groups.map((_, g) => row[`g${g}`] ?? null));
  const byKey = new Map(previous.rows.map((row) => [keyOf(row), row]));
  return {
    totals: previous.totals,
    rowOf: (row) => (!resolved.groups.length ? previous.totals : matchable ? (byKey.get(keyOf(row)) ?? {}) : null),
  };
}

/** The change from one figure to another in percent, to two decimals; none from nothing. */
function changeOf(now: unknown, before: unknown): number | null {
  if (typeof now !== 'number' || typeof before !== 'number' || before === 0) return null;
  return Math.round(((now - before) * 10_000) / Math.abs(before)) / 100;
}

/** How a value the database gives reads in a report: numbers as numbers (quantities in whole units), text as text. */
function reportValue(raw: unknown, field: ReportField | null, type: ReportColumn['type']) {
  if (raw === null || raw === undefined) return null;
  if (type === 'text') return String(raw);
  return field?.kind === 'quantity' ? Number(raw) / quantityScale : Number(raw);
}

/** Reports' answers, per database (tests open many side by side in one process). */
const reportAnswers = new WeakMap<object, VersionedCache<ReportResult>>();

function reportAnswersOf(ctx: Pick<AppContext, 'db'>): VersionedCache<ReportResult> {
  let cache = reportAnswers.get(ctx.db);
  if (!cache) {
    cache = new VersionedCache<ReportResult>({ max: 1_000, maxSize: 64_000_000, ttlMs: 6 * 60 * 60_000 });
    reportAnswers.set(ctx.db, cache);
  }
  return cache;
}

/** The answers kept for a database's reports: for tests and measurements. */
export function reportCacheOf(
  ctx: Pick<AppContext, 'db'>,
): Pick<VersionedCache<ReportResult>, 'hits' | 'misses' | 'clear'> {
  return reportAnswersOf(ctx);
}

/** The tables whose rows a report's answer is made of: its source's, those joined, and those its groups are named from. */
function tablesRead(resolved: Resolved): string[] {
  const { spec, groups } = resolved;
  const tables = [
    spec.table,
    ...(spec.joins ?? []).map((join) => join.table),
    ...(spec.figuresRead ?? []),
    'departments',
  ];
  if (spec.table === 'customers') tables.push('custom_field_definitions');
  // Steps read in their dictionary's order, which an administrator may change.
  if (groups[0]?.field.stepsOfDictionary) tables.push('dictionary_options');
  for (const { field } of groups) {
    const named = labelTables[field.kind];
    if (named) tables.push(named);
  }
  return tables;
}

/**
 * Runs a report: the caller's data scope and field rules hold inside it (a record they may not see is
 * not counted; a field they may not read can be neither filtered, grouped nor measured), and the
 * database adds up every matching record — the rows shown are the largest groups, the totals all.
 */
export async function runReport(ctx: AppContext, actor: Actor, definition: ReportDefinition): Promise<ReportResult> {
  const resolved = await resolveReport(ctx, actor, definition);
  // Everything the answer depends on besides the tables' rows: the definition, whose records the caller
  // sees, and the clock and currency its periods and sums are read in.
  const question = JSON.stringify({
    definition,
    scope: resolved.scope,
    timezone: resolved.timezone,
    today: todayIn(resolved.timezone),
    currency: resolved.currency,
  });
  return reportAnswersOf(ctx).get(ctx.db, ctx.dialect, tablesRead(resolved), question, () =>
    computeReport(ctx, resolved),
  );
}

async function computeReport(ctx: AppContext, resolved: Resolved): Promise<ReportResult> {
  const { definition, groups, measures, currency } = resolved;
  const result = await runReportQuery(ctx.db, ctx.dialect, resolved);
  const truncated = result.rows.length > definition.limit;
  const rawRows = result.rows.slice(0, definition.limit);
  const labels = await nameLabels(ctx.db, groups, rawRows);

  const columns: ReportColumn[] = [];
  groups.forEach(({ field, unit }, i) => {
    const key = groupKey(definition.groupBy[i], unit);
    columns.push({
      key,
      kind: 'group',
      field: definition.groupBy[i].field,
      type: numeric.has(field.kind) ? 'number' : 'text',
      aggregate: null,
      unit,
      dictionary: field.dictionary ?? null,
    });
  });
  const measureColumns = measures.map(({ measure, field }, i) => {
    const type: ReportColumn['type'] =
      measure.aggregate === 'ratio'
        ? 'percent'
        : field?.kind === 'money' && measure.aggregate !== 'distinct'
          ? 'money'
          : dated.has(field?.kind ?? '') && (measure.aggregate === 'min' || measure.aggregate === 'max')
            ? 'text'
            : 'number';
    return {
      key: measureKey(measure, i),
      kind: 'measure' as const,
      field: measure.field ?? null,
      type,
      aggregate: measure.aggregate,
      unit: null,
      dictionary: null,
    };
  });
  const compared = definition.compare ? await comparedPeriod(ctx, resolved, rawRows) : null;
  measureColumns.forEach((column, i) => {
    columns.push(column);
    if (measures[i].measure.share)
      columns.push({ ...column, key: `${column.key}:share`, kind: 'share', type: 'percent' });
    if (compared) {
      columns.push({ ...column, key: `${column.key}:previous`, kind: 'previous' });
      columns.push({ ...column, key: `${column.key}:change`, kind: 'change', type: 'percent' });
    }
  });

  /** A row's measures (its shares of the totals, and the period compared with) from the database's values. */
  const measured = (
    raw: Record<string, unknown>,
    before: Record<string, unknown> | null,
    totalsOf?: Record<string, string | number | null>,
  ) => {
    const row: Record<string, string | number | null> = {};
    measureColumns.forEach((column, i) => {
      const value = reportValue(raw[`m${i}`], measures[i].field, column.type);
      row[column.key] = value;
      if (measures[i].measure.share) {
        const total = totalsOf?.[column.key];
        row[`${column.key}:share`] = !totalsOf
          ? value === null
            ? null
            : 100
          : typeof value === 'number' && typeof total === 'number' && total !== 0
            ? Math.round((value * 10_000) / total) / 100
            : null;
      }
      if (compared) {
        const previous = before ? reportValue(before[`m${i}`] ?? null, measures[i].field, column.type) : null;
        // A group the period compared with did not have counted and added up nothing then.
        const additive = ['count', 'distinct', 'sum'].includes(measures[i].measure.aggregate);
        const was = previous === null && before && additive ? 0 : previous;
        row[`${column.key}:previous`] = was;
        row[`${column.key}:change`] = changeOf(value, was);
      }
    });
    return row;
  };
  const totals = measured(result.totals, compared?.totals ?? null);
  const rows = rawRows.map((raw) => {
    const row: Record<string, string | number | null> = {};
    groups.forEach(({ field }, i) => {
      const { key } = columns[i];
      const value = raw[`g${i}`];
      row[key] = reportValue(value, field, numbered.has(field.kind) ? 'number' : 'text');
      const label = labels[i]?.get(Number(value));
      if (label !== undefined) row[`${key}:label`] = label;
    });
    return { ...row, ...measured(raw, compared?.rowOf(raw) ?? null, totals) };
  });
  return { columns, rows, totals, truncated, currency };
}

/**
 * The records behind one figure of a report (a row, a bar, a cell): those the report counts whose
 * groupings hold the values given, newest first, each named and linked to the page it opens on.
 */
export async function reportRecordsOf(
  ctx: AppContext,
  actor: Actor,
  query: z.output<typeof ReportRecordsQuery>,
): Promise<ReportRecordsPage> {
  const resolved = await resolveReport(ctx, actor, query.definition);
  const keys = resolved.groups.map((group, i) => groupKey(query.definition.groupBy[i], group.unit));
  for (const key of Object.keys(query.match))
    if (!keys.includes(key)) throw fieldError(`match.${key}`, 'reportUnknownField', { field: key });
  const match = resolved.groups.flatMap((group, i) => {
    if (!Object.hasOwn(query.match, keys[i])) return [];
    const value = query.match[keys[i]];
    const grouped = groupValue(ctx.dialect, resolved.spec, group, resolved.timezone);
    if (value === null) return [sql<boolean>`${grouped} is null`];
    const typed =
      group.field.kind === 'quantity'
        ? Math.round(Number(value) * quantityScale)
        : numbered.has(group.field.kind)
          ? Number(value)
          : String(value);
    if (typeof typed === 'number' && !Number.isFinite(typed))
      throw fieldError(`match.${keys[i]}`, 'reportBadFilter', { field: keys[i] });
    return [sql<boolean>`${grouped} = ${typed}`];
  });
  // The figure is checked against the field its first summed measure reads (an amount), if any.
  const measuredOne = resolved.measures.find((m) => m.field && numeric.has(m.field.kind));
  const measured = measuredOne?.field ?? null;
  const { rows, total, sum } = await reportRecords(
    ctx.db,
    ctx.dialect,
    resolved,
    match,
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
    measured,
  );
  const number = (raw: unknown) =>
    raw === null || raw === undefined ? null : Number(reportValue(raw, measured, 'number'));
  const { link } = resolved.spec;
  return {
    items: rows.map((row) => ({
      id: Number(row.id),
      title: row.title === null || row.title === undefined ? null : String(row.title),
      detail: row.detail === null || row.detail === undefined ? null : String(row.detail),
      url: row.link === null || row.link === undefined ? null : `${link.path}${encodeURIComponent(String(row.link))}`,
      value: measured ? number(row.value) : null,
    })),
    total,
    measured:
      measuredOne && measured
        ? {
            field: measuredOne.fieldName!,
            type: measured.kind === 'money' ? 'money' : 'number',
            sum: number(sum) ?? 0,
            currency: resolved.currency,
          }
        : null,
  };
}
