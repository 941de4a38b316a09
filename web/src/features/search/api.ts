import type { QueryOf, SearchQuery, SearchResult } from '@relate/common';
import { api } from '../../app/api';

export const searchApi = {
  /** Records of every kind the caller may open, a few of each with the total found. */
  search: (query: QueryOf<typeof SearchQuery>) => api.get<SearchResult>('/api/v1/search', query),
};
