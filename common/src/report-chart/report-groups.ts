import type { ReportAggregate, ReportColumn } from '../schemas/reports.ts';

export type ReportRow = Record<string, string | number | null>;

/** One value of a grouping, with its text and the rows that hold it. */
export type GroupValue = { id: string; value: string | number | null; label: string; rows: ReportRow[] };

/**
 * A grouping's values, each with its rows: periods in time order (empty last), anything else in the
 * order the rows give them (largest first, as the server sorts them), or kept in that order throughout
 * with `asGiven` (a funnel's stages).
 */
export function valuesOf(
  rows: ReportRow[],
  column: ReportColumn,
  label: (row: ReportRow) => string,
  { asGiven = false } = {},
): GroupValue[] {
  const byId = new Map<string, GroupValue>();
  for (const row of rows) {
    const value = row[column.key] ?? null;
    const id = JSON.stringify(value);
    const known = byId.get(id);
    if (known) known.rows.push(row);
    else byId.set(id, { id, value, label: label(row), rows: [row] });
  }
  const values = [...byId.values()];
  if (asGiven || !column.unit) return values;
  return values.sort((a, b) =>
    a.value === null ? 1 : b.value === null ? -1 : String(a.value).localeCompare(String(b.value)),
  );
}

/**
 * What a click on a figure names: its row when it stands for one, else the groupings it was summed
 * by (each one's key and value, and a user's or department's name beside it).
 */
export function pickOf(rows: ReportRow[], groups: ReportColumn[]): ReportRow | undefined {
  if (rows.length === 1) return rows[0];
  if (!rows.length || !groups.length) return undefined;
  const [row] = rows;
  return Object.fromEntries(
    groups.flatMap((column) => {
      const label = `${column.key}:label`;
      return [[column.key, row[column.key] ?? null], ...(label in row ? [[label, row[label]]] : [])];
    }),
  );
}

/**
 * A measure's figure over several rows, in the column's own units: counts and sums added up (none is 0),
 * the least of minimums, the largest of maximums; nothing for averages or counts of distinct values,
 * which cannot be made of the groups' own.
 */
export function combined(rows: ReportRow[], column: ReportColumn): number | null {
  const values = rows.flatMap((row) => {
    const value = row[column.key];
    return value === null || value === undefined ? [] : [Number(value)];
  });
  if (rows.length === 1) return values[0] ?? null;
  const aggregate: ReportAggregate = column.aggregate ?? 'count';
  if (aggregate === 'count' || aggregate === 'sum') return values.reduce((sum, v) => sum + v, 0);
  if (!values.length) return null;
  if (aggregate === 'min') return Math.min(...values);
  if (aggregate === 'max') return Math.max(...values);
  return null;
}
