import {
  type ReportColumn,
  type ReportDefinition,
  type ReportFilter,
  type ReportGrouping,
  type ReportMeasure,
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
import { getSettings } from '../settings/index.ts';
import { relativeDays } from './relative-periods.ts';
import { nameLabels, type ReportCondition, type ResolvedReport, runReportQuery } from './reports.repository.ts';
import { type ReportField, reportSourceSpecs, type SourceSpec } from './report-sources.ts';

const numeric = new Set(['number', 'money']);
const dated = new Set(['date', 'timestamp']);

/** The field of a source a report names, if the caller may read it (else a 400 naming it, in `path`). */
function readableField(spec: SourceSpec, hidden: string[], name: string, path: string): ReportField {
  const field = spec.fields[name];
  if (!field) throw fieldError(path, 'reportUnknownField', { field: name });
  if (hidden.includes(name)) throw fieldError(path, 'reportFieldHidden', { field: name });
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
    if (numeric.has(field.kind)) {
      const n = typeof v === 'number' ? v : Number(v);
      if (!Number.isFinite(n)) throw bad();
      return n;
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
export function reportSourcesFor(actor: Actor): ReportSourceInfo[] {
  return reportSources
    .filter((source) => mayReportOn(actor, source))
    .map((source) => {
      const spec = reportSourceSpecs[source];
      const hidden = hiddenFields(actor, spec.module);
      return {
        source,
        fields: Object.entries(spec.fields)
          .filter(([name]) => !hidden.includes(name))
          .map(([name, field]) => ({ name, kind: field.kind, dictionary: field.dictionary ?? null })),
      };
    });
}

const measureKey = (m: ReportMeasure) => (m.aggregate === 'count' ? 'count' : `${m.aggregate}:${m.field}`);
const groupKey = (g: ReportGrouping, unit: string | null) => (unit ? `${g.field}:${unit}` : g.field);

/**
 * Runs a report: the caller's data scope and field rules hold inside it (a record they may not see is
 * not counted; a field they may not read can be neither filtered, grouped nor measured), and the
 * database adds up every matching record — the rows shown are the largest groups, the totals all.
 */
export async function runReport(ctx: AppContext, actor: Actor, definition: ReportDefinition): Promise<ReportResult> {
  if (!mayReportOn(actor, definition.source)) throw forbidden();
  const spec = reportSourceSpecs[definition.source];
  const hidden = hiddenFields(actor, spec.module);
  const settings = await getSettings(ctx.db);
  const zone = settings.timezone;
  const conditions = definition.filters.map((filter, i) => {
    const field = readableField(spec, hidden, filter.field, `filters.${i}.field`);
    return { field, condition: conditionOf(field, filter, zone, `filters.${i}`) };
  });
  const groups = definition.groupBy.map((grouping, i) => {
    const field = readableField(spec, hidden, grouping.field, `groupBy.${i}.field`);
    if (grouping.unit && !dated.has(field.kind))
      throw fieldError(`groupBy.${i}.unit`, 'reportNoPeriod', { field: grouping.field });
    return { field, unit: dated.has(field.kind) ? (grouping.unit ?? 'month') : null };
  });
  const measures = definition.measures.map((measure, i) => {
    if (!measure.field) return { measure, field: null };
    const field = readableField(spec, hidden, measure.field, `measures.${i}.field`);
    const needsNumber = measure.aggregate === 'sum' || measure.aggregate === 'avg';
    const orders = numeric.has(field.kind) || dated.has(field.kind);
    if ((needsNumber && !numeric.has(field.kind)) || (!needsNumber && measure.aggregate !== 'distinct' && !orders))
      throw fieldError(`measures.${i}.field`, 'reportNotMeasurable', { field: measure.field });
    return { measure, field };
  });
  const measuresMoney = measures.some(
    ({ field, measure }) => field?.kind === 'money' && measure.aggregate !== 'distinct',
  );
  const currency = measuresMoney && spec.currency ? (definition.currency ?? settings.defaultCurrency) : null;
  if (currency && spec.currency) {
    const currencyField: ReportField = { column: spec.currency, kind: 'text' };
    conditions.push({ field: currencyField, condition: (c: RawBuilder<unknown>) => sql`${c} = ${currency}` });
  }
  const resolved: ResolvedReport = {
    spec,
    scope: await scopeFor(ctx.db, actor, spec.module),
    conditions,
    groups,
    measures,
    timezone: zone,
    limit: definition.limit,
    byPeriodFirst: groups.length > 0 && groups[0].unit !== null,
  };
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
      type: field.kind === 'number' || field.kind === 'money' ? 'number' : 'text',
      aggregate: null,
      unit,
      dictionary: field.dictionary ?? null,
    });
  });
  const measureColumns = measures.map(({ measure, field }) => {
    const type: ReportColumn['type'] =
      field?.kind === 'money' && measure.aggregate !== 'distinct'
        ? 'money'
        : dated.has(field?.kind ?? '') && (measure.aggregate === 'min' || measure.aggregate === 'max')
          ? 'text'
          : 'number';
    return {
      key: measureKey(measure),
      kind: 'measure' as const,
      field: measure.field ?? null,
      type,
      aggregate: measure.aggregate,
      unit: null,
      dictionary: null,
    };
  });
  measureColumns.forEach((column, i) => {
    columns.push(column);
    if (measures[i].measure.share)
      columns.push({ ...column, key: `${column.key}:share`, kind: 'share', type: 'percent' });
  });

  const valueOf = (raw: unknown, type: ReportColumn['type']) =>
    raw === null || raw === undefined ? null : type === 'text' ? String(raw) : Number(raw);
  const totals: Record<string, string | number | null> = {};
  measureColumns.forEach((column, i) => {
    totals[column.key] = valueOf(result.totals[`m${i}`], column.type);
    if (measures[i].measure.share) totals[`${column.key}:share`] = totals[column.key] === null ? null : 100;
  });
  const rows = rawRows.map((raw) => {
    const row: Record<string, string | number | null> = {};
    groups.forEach(({ field }, i) => {
      const { key } = columns[i];
      const value = raw[`g${i}`];
      row[key] =
        value === null || value === undefined
          ? null
          : field.kind === 'number' || field.kind === 'money' || field.kind === 'user' || field.kind === 'department'
            ? Number(value)
            : String(value);
      const label = labels[i]?.get(Number(value));
      if (label !== undefined) row[`${key}:label`] = label;
    });
    measureColumns.forEach((column, i) => {
      const value = valueOf(raw[`m${i}`], column.type);
      row[column.key] = value;
      if (measures[i].measure.share) {
        const total = totals[column.key];
        row[`${column.key}:share`] =
          typeof value === 'number' && typeof total === 'number' && total !== 0
            ? Math.round((value * 10_000) / total) / 100
            : null;
      }
    });
    return row;
  });
  return { columns, rows, totals, truncated, currency };
}
