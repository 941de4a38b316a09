import type {
  ReportAggregate,
  ReportColumn,
  ReportDateUnit,
  ReportDefinitionInput,
  ReportFilter,
  ReportRelativePeriod,
  ReportSource,
} from '@relate/common';

/** A grouping as the form holds it: a field, its period when it is a date, its depth when a department. */
export type Grouping = { field?: string; unit: ReportDateUnit; departmentLevel?: number };

/** A measure's own filter as the form offers it: the records whose field holds one of these values. */
export type MeasureCondition = { field?: string; values: string[] };

/** A measure as the form holds it; a ratio names the positions of the two measures it divides. */
export type Measure = {
  aggregate: ReportAggregate;
  field?: string;
  condition?: MeasureCondition;
  of?: [number, number];
};

export type Compare = 'previousPeriod' | 'previousYear';

/** Everything the report form holds. */
export type ReportForm = {
  source: ReportSource;
  groupings: Grouping[];
  measures: Measure[];
  period: { field?: string; value?: ReportRelativePeriod };
  compare?: Compare;
  /** Filters of a definition the form has no inputs for, kept as they were (a saved report's, a dashboard's). */
  otherFilters: ReportFilter[];
};

const dated = new Set(['date', 'timestamp']);

/** Whether a measure is complete enough to be sent. */
function complete(m: Measure): boolean {
  if (m.aggregate === 'ratio') return m.of !== undefined;
  return m.aggregate === 'count' || m.field !== undefined;
}

/**
 * The definition the form describes: empty groupings and unfinished measures left out (a ratio's
 * positions follow the measures kept), a period filter when both its field and period are chosen.
 */
export function definitionOf(form: ReportForm, kindOf: (field?: string) => string | undefined): ReportDefinitionInput {
  const kept = form.measures.map((m, i) => ({ m, i })).filter(({ m }) => complete(m));
  const position = new Map(kept.map(({ i }, j) => [i, j]));
  const measures = kept.flatMap(({ m }): ReportDefinitionInput['measures'] => {
    if (m.aggregate === 'ratio') {
      const of = m.of!.map((i) => position.get(i));
      return of.every((p) => p !== undefined) ? [{ aggregate: 'ratio', of: of as [number, number] }] : [];
    }
    const where =
      m.condition?.field && m.condition.values.length
        ? [{ field: m.condition.field, op: 'in' as const, value: m.condition.values }]
        : undefined;
    return [
      { aggregate: m.aggregate, ...(m.aggregate === 'count' ? {} : { field: m.field }), ...(where ? { where } : {}) },
    ];
  });
  const hasPeriod = Boolean(form.period.field && form.period.value);
  return {
    source: form.source,
    groupBy: form.groupings
      .filter((g) => g.field)
      .map((g) => {
        const kind = kindOf(g.field);
        if (dated.has(kind ?? '')) return { field: g.field!, unit: g.unit };
        if (kind === 'department' && g.departmentLevel) return { field: g.field!, departmentLevel: g.departmentLevel };
        return { field: g.field! };
      }),
    measures,
    filters: [
      ...(hasPeriod ? [{ field: form.period.field!, op: 'within' as const, value: form.period.value! }] : []),
      ...form.otherFilters,
    ],
    ...(hasPeriod && form.compare ? { compare: form.compare } : {}),
  };
}

/** The form that shows a definition (a saved report's): its first relative period in the period inputs. */
export function formOf(d: ReportDefinitionInput): ReportForm {
  const filters = d.filters ?? [];
  const within = filters.find((f) => f.op === 'within');
  return {
    source: d.source,
    groupings: d.groupBy?.length
      ? d.groupBy.map((g) => ({ field: g.field, unit: g.unit ?? 'month', departmentLevel: g.departmentLevel }))
      : [{ unit: 'month' }],
    measures: d.measures.map((m) => {
      const where = m.where?.find((f) => f.op === 'in' || f.op === 'eq');
      const condition =
        where && (where.op === 'in' || where.op === 'eq')
          ? { field: where.field, values: (Array.isArray(where.value) ? where.value : [where.value]).map(String) }
          : undefined;
      return { aggregate: m.aggregate, field: m.field, of: m.of, ...(condition ? { condition } : {}) };
    }),
    period: within?.op === 'within' ? { field: within.field, value: within.value } : {},
    compare: d.compare,
    otherFilters: filters.filter((f) => f !== within),
  };
}

/** The values of a row's groupings (by column key): what a click on it asks the records of. */
export function matchOf(columns: ReportColumn[], row: Record<string, string | number | null>) {
  return Object.fromEntries(
    columns.filter((c) => c.kind === 'group' && c.key in row).map((c) => [c.key, row[c.key] ?? null]),
  );
}
