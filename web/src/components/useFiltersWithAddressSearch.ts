import { type Dispatch, type SetStateAction, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A list's filters kept in the page's own state, starting from the search text the address carries
 * (`?q=`: the global search's "show all" opens a list with it) and following it when the address brings
 * another text while the page stays open. Also returns that text, for the search box to show.
 */
export function useFiltersWithAddressSearch<F extends { q?: string; page: number }>(
  initial: F,
  /** Filters that a search from the address lifts (e.g. "open only"), so that the list shows what the search counted. */
  whenSearched: Partial<F> = {},
): [F, Dispatch<SetStateAction<F>>, string | undefined] {
  const [params] = useSearchParams();
  const q = params.get('q') || undefined;
  const [filters, setFilters] = useState<F>(() => (q ? { ...initial, ...whenSearched, q } : initial));
  const applied = useRef(q);
  useEffect(() => {
    if (!q || q === applied.current) return;
    applied.current = q;
    setFilters((f) => ({ ...f, ...whenSearched, page: 1, q }));
    // `whenSearched` is a new object on every render; only a new text matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);
  return [filters, setFilters, q];
}
