import type { Home, HomeQuery, QueryOf } from '@relate/common';
import { api } from '../../app/api';

export const homeApi = {
  get: (query: QueryOf<typeof HomeQuery>) => api.get<Home>('/api/v1/home', query),
};
