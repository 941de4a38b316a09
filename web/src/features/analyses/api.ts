import type { RfmRecompute, RfmRun, RfmSummary } from '@relate/common';
import { api } from '../../app/api';

export const analysesApi = {
  /** The classes of customer value (RFM) of the customers the caller may see, with the last run and the runs before. */
  rfm: () => api.get<RfmSummary>('/api/v1/analyses/rfm'),
  /** Scores every customer's value now, over the window given (else the last run's). */
  recomputeRfm: (body: RfmRecompute) => api.post<RfmRun>('/api/v1/analyses/rfm/recompute', body),
};
