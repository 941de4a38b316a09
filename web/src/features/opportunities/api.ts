import type {
  Board,
  BoardQuery,
  Body,
  BulkEditResult,
  Contact,
  Customer,
  Forecast,
  ForecastQuery,
  Opportunity,
  OpportunityBulkEdit,
  OpportunityDetail,
  OpportunityInput,
  OpportunityPatch,
  OpportunityQuery,
  Page,
  Pipeline,
  QueryOf,
} from '@relate/common';
import { api } from '../../app/api';

/** The reply a schema of common describes, for the schemas common exports without a type. */
type Reply<S extends { parse: (value: unknown) => unknown }> = ReturnType<S['parse']>;

export type SalesForecast = Reply<typeof Forecast>;
export type ForecastRow = SalesForecast['rows'][number];

export const opportunitiesApi = {
  list: (query: QueryOf<typeof OpportunityQuery>) => api.get<Page<Opportunity>>('/api/v1/opportunities', query),
  get: (id: number) => api.get<OpportunityDetail>(`/api/v1/opportunities/${id}`),
  create: (body: Body<typeof OpportunityInput>) => api.post<OpportunityDetail>('/api/v1/opportunities', body),
  update: (id: number, body: Body<typeof OpportunityPatch>) =>
    api.patch<OpportunityDetail>(`/api/v1/opportunities/${id}`, body),
  remove: (id: number) => api.delete(`/api/v1/opportunities/${id}`),
  /** Sets the same fields on many opportunities; those outside the caller's scope or refused by a rule are skipped. */
  bulkUpdate: (body: Body<typeof OpportunityBulkEdit>) =>
    api.post<BulkEditResult>('/api/v1/opportunities/bulk/update', body),
  forecast: (query: QueryOf<typeof ForecastQuery>) => api.get<SalesForecast>('/api/v1/opportunities/forecast', query),
};

export const pipelinesApi = {
  list: () => api.get<Pipeline[]>('/api/v1/pipelines'),
  board: (pipelineId: number, query: QueryOf<typeof BoardQuery>) =>
    api.get<Board>(`/api/v1/pipelines/${pipelineId}/board`, query),
};

/** The customers and contacts an opportunity (or a lead's conversion, or a follow-up) is linked to. */
export const linkedRecordsApi = {
  searchCustomers: (q: string) => api.get<Page<Customer>>('/api/v1/customers', { q: q || undefined, pageSize: 20 }),
  contactsOf: (customerId: number) => api.get<Page<Contact>>('/api/v1/contacts', { customerId, pageSize: 200 }),
};
