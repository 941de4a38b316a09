import type { ListDensity, SavedViewEntity } from '@relate/common';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '../app/session';
import type { SavedView } from '../features/views/api';
import { useSavedViews } from '../features/views/queries';
import { arrangeColumns, type ListFilters } from './list-views';
import './list-density.css';

export { countActive, type ListFilters, stateListFilters } from './list-views';

/** Parameters that say where one is in a list, not what it shows. */
const notFilters = new Set(['page', 'pageSize', 'count', 'sort', 'new']);

/**
 * Filters kept in the page's URL (every parameter but paging). `keep` names parameters that say where one
 * is rather than what the list shows (a page's tab): not part of a view, and left as they are by one.
 */
export function useUrlListFilters(keep: readonly string[] = []): ListFilters {
  const [params, setParams] = useSearchParams();
  const query = Object.fromEntries(
    [...params].filter(([key, value]) => value !== '' && !notFilters.has(key) && !keep.includes(key)),
  );
  return {
    query,
    sort: params.get('sort') || undefined,
    apply: (next, sort) => {
      const kept = keep.flatMap((key) => (params.get(key) ? [[key, params.get(key)!]] : []));
      setParams(new URLSearchParams({ ...Object.fromEntries(kept), ...next, ...(sort && { sort }) }));
    },
  };
}

type Prefs = { columns: string[] | null; density: ListDensity };
const defaultPrefs: Prefs = { columns: null, density: 'default' };
const storageKey = (userId: number | undefined, entity: SavedViewEntity) => `relate.listView.${userId ?? 0}.${entity}`;

function readPrefs(key: string): Prefs {
  try {
    const stored = JSON.parse(localStorage.getItem(key) ?? 'null') as Partial<Prefs> | null;
    return {
      columns: Array.isArray(stored?.columns) ? stored.columns.filter((c) => typeof c === 'string') : null,
      density: stored?.density === 'compact' ? 'compact' : 'default',
    };
  } catch {
    return defaultPrefs;
  }
}

/**
 * A list's chosen columns, density and saved views. Columns with a key (or data index) and a title may be
 * chosen; `hidden: true` marks one the list offers but does not show until chosen. Columns without either
 * (a tick box, actions) always show, first or last as they stand. The choice and density are remembered per user and list in this browser,
 * even without saving a view; a user's default view is applied when the list opens without filters.
 */
export function useListView<T>(entity: SavedViewEntity, columns: TableColumnsType<T> = [], filters?: ListFilters) {
  const { info } = useSession();
  const key = storageKey(info?.user.id, entity);
  const urlFilters = useUrlListFilters();
  const current = filters ?? urlFilters;
  const [prefs, setPrefs] = useState<Prefs>(() => readPrefs(key));
  const [viewId, setViewId] = useState<number | undefined>(undefined);
  const views = useSavedViews(entity);

  const changePrefs = useCallback(
    (change: Partial<Prefs>) =>
      setPrefs((old) => {
        const next = { ...old, ...change };
        try {
          localStorage.setItem(key, JSON.stringify(next));
        } catch {
          // A full or blocked storage only forgets the choice at the next visit.
        }
        return next;
      }),
    [key],
  );

  // A page whose columns are written inside its table hands them over with arrange() as it renders.
  const lateColumns = useRef<TableColumnsType<T>>([]);
  const ownColumns = () => (columns.length ? columns : lateColumns.current);
  const arranged = arrangeColumns(ownColumns(), prefs.columns);

  const apply = useCallback(
    (view: SavedView) => {
      setViewId(view.id);
      changePrefs({ columns: view.columns, ...(view.density && { density: view.density }) });
      current.apply(
        Object.fromEntries(Object.entries(view.query).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)])),
        view.sort ?? undefined,
      );
    },
    [changePrefs, current],
  );

  // The user's default view opens the list when nothing else was asked for (no filters in the address).
  const opened = useRef(false);
  const nothingAsked = Object.keys(current.query).length === 0;
  useEffect(() => {
    if (opened.current || !views.data) return;
    opened.current = true;
    const byDefault = views.data.find((v) => v.isDefault);
    if (byDefault && nothingAsked) apply(byDefault);
  }, [views.data, nothingAsked, apply]);

  const sizeProps = prefs.density === 'compact' ? { size: 'small' as const, className: 'relate-list-compact' } : {};
  return {
    entity,
    /** The columns to show, in the chosen order. */
    columns: arranged.shown,
    /** Spread onto the table: its columns and, when compact, its size. */
    table: { columns: arranged.shown, ...sizeProps },
    /** The table's props for columns given only now (written inside the table), as `table` is for the others. */
    arrange: (late: TableColumnsType<T>) => {
      lateColumns.current = late;
      return { columns: arrangeColumns(late, prefs.columns).shown, ...sizeProps };
    },
    /** The columns on offer, shown ones first in their order. */
    choice: () => arrangeColumns(ownColumns(), prefs.columns).choice,
    setColumns: (keys: string[] | null) => changePrefs({ columns: keys }),
    density: prefs.density,
    setDensity: (density: ListDensity) => changePrefs({ density }),
    views: views.data ?? [],
    view: views.data?.find((v) => v.id === viewId),
    pick: (view: SavedView | undefined) => (view ? apply(view) : setViewId(undefined)),
    /** What a view saved now holds. */
    snapshot: () => ({
      query: current.query,
      sort: current.sort ?? null,
      columns: prefs.columns?.length ? arrangeColumns(ownColumns(), prefs.columns).visibleKeys : null,
      density: prefs.density,
    }),
    setViewId,
  };
}
/** What the list's toolbar needs of its view (the columns are the table's). */
export type ListView = Omit<ReturnType<typeof useListView<object>>, 'columns' | 'table' | 'arrange'>;
