import type {
  Body,
  CommissionGenerated,
  CommissionGenerateQuery,
  CommissionLinesQuery,
  CommissionPlan,
  CommissionPlanInput,
  CommissionPlanQuery,
  CommissionStatement,
  CommissionStatementDetail,
  CommissionStatementQuery,
  Page,
  QueryOf,
} from '@relate/common';
import { api } from '../../app/api';

export const commissionPlansApi = {
  list: (query: QueryOf<typeof CommissionPlanQuery>) =>
    api.get<Page<CommissionPlan>>('/api/v1/commission/plans', query),
  create: (body: Body<typeof CommissionPlanInput>) => api.post<CommissionPlan>('/api/v1/commission/plans', body),
  update: (id: number, body: Body<typeof CommissionPlanInput>) =>
    api.put<CommissionPlan>(`/api/v1/commission/plans/${id}`, body),
  remove: (id: number) => api.delete(`/api/v1/commission/plans/${id}`),
};

export const commissionStatementsApi = {
  list: (query: QueryOf<typeof CommissionStatementQuery>) =>
    api.get<Page<CommissionStatement>>('/api/v1/commission/statements', query),
  /** The statement with one page of its lines. */
  get: (id: number, query: QueryOf<typeof CommissionLinesQuery>) =>
    api.get<CommissionStatementDetail>(`/api/v1/commission/statements/${id}`, query),
  generate: (query: QueryOf<typeof CommissionGenerateQuery>) =>
    api.post<CommissionGenerated>('/api/v1/commission/statements/generate', undefined, query),
  recompute: (id: number) => api.post<CommissionStatement>(`/api/v1/commission/statements/${id}/recompute`),
  submit: (id: number) => api.post<CommissionStatement>(`/api/v1/commission/statements/${id}/submit`),
};
