import type { ChurnRiskQuery, ForecastAccuracyQuery, ProfitabilityQuery, QueryOf, RfmRecompute } from '@relate/common';
import type { DemandForecastQuery } from '@relate/common';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
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

/** The customers at risk of churning the caller may see; the page shown stays while the next one loads. */
export function useChurnRisks(query: QueryOf<typeof ChurnRiskQuery>) {
  return useQuery({
    queryKey: analysisKeys.part('churn-risk', query),
    queryFn: () => analysesApi.churnRisk(query),
    placeholderData: keepPreviousData,
  });
}

/** Computes churn risk now. */
export function useRecomputeChurnRisk() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: analysesApi.recomputeChurnRisk, onSuccess: () => refresh('analyses') });
}

/** Forecast against actual for a year, one owner or a department; the year shown stays while the next loads. */
export function useForecastAccuracy(query: QueryOf<typeof ForecastAccuracyQuery>) {
  return useQuery({
    queryKey: analysisKeys.part('forecast-accuracy', query),
    queryFn: () => analysesApi.forecastAccuracy(query),
    placeholderData: keepPreviousData,
  });
}

/** Profitability by one dimension within a drill-down; the rows shown stay while the next ones load. */
export function useProfitability(query: QueryOf<typeof ProfitabilityQuery>) {
  return useQuery({
    queryKey: analysisKeys.part('profitability', query),
    queryFn: () => analysesApi.profitability(query),
    placeholderData: keepPreviousData,
  });
}

/** The demand forecast of a page of products or categories; the page shown stays while the next one loads. */
export function useDemandForecast(query: QueryOf<typeof DemandForecastQuery>) {
  return useQuery({
    queryKey: analysisKeys.part('demand-forecast', query),
    queryFn: () => analysesApi.demandForecast(query),
    placeholderData: keepPreviousData,
  });
}
