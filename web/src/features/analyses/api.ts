import type {
  ChurnRiskList,
  ForecastAccuracy,
  ForecastAccuracyQuery,
  ProfitabilityQuery,
  ProfitabilityReport,
  ChurnRiskQuery,
  ChurnRun,
  QueryOf,
  RfmRecompute,
  RfmRun,
  RfmSummary,
} from '@relate/common';
import type { DemandForecast, DemandForecastQuery } from '@relate/common';
import { api } from '../../app/api';

export const analysesApi = {
  /** The classes of customer value (RFM) of the customers the caller may see, with the last run and the runs before. */
  rfm: () => api.get<RfmSummary>('/api/v1/analyses/rfm'),
  /** Scores every customer's value now, over the window given (else the last run's). */
  recomputeRfm: (body: RfmRecompute) => api.post<RfmRun>('/api/v1/analyses/rfm/recompute', body),
  /** The customers at risk of churning the caller may see, a page at a time, with the count of each reason. */
  churnRisk: (query: QueryOf<typeof ChurnRiskQuery>) => api.get<ChurnRiskList>('/api/v1/analyses/churn-risk', query),
  /** Computes every customer's order rhythm, open receivables and open tickets now. */
  recomputeChurnRisk: () => api.post<ChurnRun>('/api/v1/analyses/churn-risk/recompute'),
  /** Each month's forecast, as the month began, against what was won in it; each owner's accuracy. */
  forecastAccuracy: (query: QueryOf<typeof ForecastAccuracyQuery>) =>
    api.get<ForecastAccuracy>('/api/v1/analyses/forecast-accuracy', query),
  /** Revenue, cost of goods and gross margin of what was delivered, by one dimension within a drill-down. */
  profitability: (query: QueryOf<typeof ProfitabilityQuery>) =>
    api.get<ProfitabilityReport>('/api/v1/analyses/profitability', query),
  /** Each product's (or category's) monthly quantities sold, the next three months forecast and the error on the last six. */
  demandForecast: (query: QueryOf<typeof DemandForecastQuery>) =>
    api.get<DemandForecast>('/api/v1/analyses/demand-forecast', query),
};
