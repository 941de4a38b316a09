import type { Body, PerformanceQuery, QueryOf, TargetsInput } from '@relate/common';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { performanceApi, targetsApi } from './api';

export const performanceKeys = keysFor('performance');

/** The ranked results of a period, with each person's targets. */
export function usePerformance(query: QueryOf<typeof PerformanceQuery>) {
  return useQuery({
    queryKey: performanceKeys.list(query),
    queryFn: () => performanceApi.get(query),
    placeholderData: keepPreviousData,
  });
}

export function useSaveTargets() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Body<typeof TargetsInput>) => targetsApi.save(body),
    onSuccess: () => refresh('targets'),
  });
}
