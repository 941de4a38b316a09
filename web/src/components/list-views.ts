import type { TableColumnsType } from 'antd';
import type { ReactNode } from 'react';

/** A list's filters as a view holds them: its URL-style parameters and its sort, and how to show others. */
export type ListFilters = {
  query: Record<string, string>;
  sort: string | undefined;
  apply: (query: Record<string, string>, sort: string | undefined) => void;
};

type FieldKind = 'text' | 'list' | 'number' | 'numbers' | 'boolean';
const parse = (text: string | undefined, kind: FieldKind): unknown => {
  if (text === undefined || text === '') return undefined;
  if (kind === 'list') return text.split(',');
  if (kind === 'numbers') return text.split(',').map(Number);
  if (kind === 'number') return Number(text);
  if (kind === 'boolean') return text === 'true';
  return text;
};

/**
 * Filters kept in the page's own state (an object with the page, the sort and the filter fields): `fields`
 * names the filters a view holds and how each reads back from its text.
 */
export function stateListFilters<F extends { page?: number; sort?: string }>(
  filters: F,
  setFilters: (next: F) => void,
  fields: Partial<Record<keyof F & string, FieldKind>>,
  /** The list's own filters when it opens (e.g. open tickets only): not saved, and restored where a view has none. */
  initial: Partial<F> = {},
): ListFilters {
  const entries = Object.entries(fields) as Array<[keyof F & string, FieldKind]>;
  const query = Object.fromEntries(
    entries.flatMap(([key]) => {
      const value = filters[key] as unknown;
      if (value === initial[key]) return [];
      if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length))
        return key in initial ? [[key, '']] : [];
      return [[key, Array.isArray(value) ? value.join(',') : String(value as string | number | boolean)]];
    }),
  );
  return {
    query,
    sort: filters.sort,
    apply: (next, sort) =>
      setFilters({
        ...filters,
        ...Object.fromEntries(
          entries.map(([key, kind]) => [key, key in next ? parse(next[key], kind) : (initial[key] ?? undefined)]),
        ),
        page: 1,
        sort,
      }),
  };
}

/** Counts the filters among `keys` that hold a value (for the "more filters" button). */
export function countActive(query: Record<string, unknown>, keys: readonly string[]): number {
  return keys.filter((key) => {
    const value = query[key];
    return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null && value !== '';
  }).length;
}

/** A column the user may show, hide and move: by its key (or data index). */
export type ChoosableColumn = { key: string; title: ReactNode; visible: boolean };

function columnKey(column: TableColumnsType<never>[number]): string | undefined {
  if (column.key !== undefined && column.key !== null) return String(column.key);
  const dataIndex = 'dataIndex' in column ? column.dataIndex : undefined;
  if (dataIndex === undefined || dataIndex === null) return undefined;
  return Array.isArray(dataIndex) ? dataIndex.join('.') : String(dataIndex as string | number);
}

/** The columns to show in the chosen order (`chosen`: keys, or null for the list's own), and those on offer. */
export function arrangeColumns<T>(columns: TableColumnsType<T>, chosenKeys: string[] | null) {
  const choosable = columns.flatMap((column) => {
    const key = columnKey(column as TableColumnsType<never>[number]);
    return key && column.title ? [{ key, column }] : [];
  });
  const known = new Map(choosable.map(({ key, column }) => [key, column]));
  const chosen = chosenKeys?.filter((k) => known.has(k));
  const visibleKeys = chosen?.length ? chosen : choosable.filter(({ column }) => !column.hidden).map(({ key }) => key);
  // Columns that cannot be chosen (a tick box, the actions) keep their side of the list: before it or after.
  const firstChoosable = columns.findIndex((column) => choosable.some((c) => c.column === column));
  const fixed = (before: boolean) =>
    columns.filter(
      (column, index) =>
        !column.hidden && !choosable.some((c) => c.column === column) && before === index < firstChoosable,
    );
  const shown: TableColumnsType<T> = [
    ...fixed(true),
    ...visibleKeys.map((k) => ({ ...known.get(k)!, hidden: false })),
    ...fixed(false),
  ];
  const choice: ChoosableColumn[] = [
    ...visibleKeys.map((k) => ({ key: k, title: known.get(k)!.title as ReactNode, visible: true })),
    ...choosable
      .filter(({ key }) => !visibleKeys.includes(key))
      .map(({ key, column }) => ({ key, title: column.title as ReactNode, visible: false })),
  ];
  return { shown, choice, visibleKeys };
}
