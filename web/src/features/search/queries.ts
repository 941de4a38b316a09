import type { QueryOf, SearchQuery } from '@relate/common';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { keysFor } from '../../app/query-keys';
import { searchApi } from './api';

const searchKeys = keysFor('search');

/** Searches once the query has two characters (a 4-digit phone fragment is longer still); the last answer stays while typing. */
export function useGlobalSearch(query: QueryOf<typeof SearchQuery>) {
  const q = query.q?.trim() ?? '';
  return useQuery({
    queryKey: searchKeys.list({ ...query, q }),
    queryFn: () => searchApi.search({ ...query, q }),
    enabled: q.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}
