import type { RfmRecompute } from '@relate/common';
import { useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { analysesApi } from './api';

export const analysisKeys = keysFor('analyses');

/** Customer value (RFM) as the caller sees it. */
export function useRfmSummary() {
  return useQuery({ queryKey: analysisKeys.part('rfm'), queryFn: analysesApi.rfm });
}

/** Scores customer value now; the customer list's class filter and reports grouped by class change with it. */
export function useRecomputeRfm() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: RfmRecompute) => analysesApi.recomputeRfm(body),
    onSuccess: () => refresh('analyses', 'customers', 'reports'),
  });
}
