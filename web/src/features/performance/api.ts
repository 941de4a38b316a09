import type { Body, Performance, PerformanceQuery, QueryOf, TargetsInput } from '@relate/common';
import { api } from '../../app/api';

export const performanceApi = {
  get: (query: QueryOf<typeof PerformanceQuery>) => api.get<Performance>('/api/v1/performance', query),
};

export const targetsApi = {
  /** Sets targets, each for a person or a department, a metric and a period. */
  save: (body: Body<typeof TargetsInput>) => api.put('/api/v1/targets', body),
};
