import type {
  CustomerOverview,
  BulkAssignInput,
  BulkDeleteInput,
  BulkEditResult,
  BulkTagsInput,
  Body,
  Customer,
  CustomerBulkEdit,
  CustomerInput,
  CustomerPatch,
  CustomerQuery,
  DuplicateCheckInput,
  MergeInput,
  Page,
  QueryOf,
  TimelinePage,
  TimelineQuery,
} from '@relate/common';
import { api, download } from '../../app/api';

/** A possible duplicate (common's DuplicateMatch); one outside the caller's scope shows only name and owner. */
export type DuplicateMatch = {
  id: number | null;
  code: string | null;
  visible: boolean;
  name: string;
  ownerName: string | null;
  matchedOn: Array<'name' | 'phone' | 'email'>;
};
/** How many records a bulk change touched (common's BulkResult). */
export type BulkResult = { affected: number };
export type CustomerFilters = QueryOf<typeof CustomerQuery>;

export const customersApi = {
  list: (query: CustomerFilters) => api.get<Page<Customer>>('/api/v1/customers', query),
  get: (id: number) => api.get<Customer>(`/api/v1/customers/${id}`),
  /** Key figures over the records the caller may see: revenue, owed, overdue, open opportunities and tickets. */
  overview: (id: number) => api.get<CustomerOverview>(`/api/v1/customers/${id}/overview`),
  create: (body: Body<typeof CustomerInput>) => api.post<Customer>('/api/v1/customers', body),
  update: (id: number, body: Body<typeof CustomerPatch>) => api.patch<Customer>(`/api/v1/customers/${id}`, body),
  duplicates: (body: Body<typeof DuplicateCheckInput>) =>
    api.post<DuplicateMatch[]>('/api/v1/customers/duplicates', body),
  merge: (id: number, body: Body<typeof MergeInput>) => api.post<Customer>(`/api/v1/customers/${id}/merge`, body),
  assign: (body: Body<typeof BulkAssignInput>) => api.post<BulkResult>('/api/v1/customers/bulk/assign', body),
  tag: (body: Body<typeof BulkTagsInput>) => api.post<BulkResult>('/api/v1/customers/bulk/tags', body),
  remove: (body: Body<typeof BulkDeleteInput>) => api.post<BulkResult>('/api/v1/customers/bulk/delete', body),
  /** Sets the same fields on many customers; those outside the caller's scope or refused by a rule are skipped. */
  bulkUpdate: (body: Body<typeof CustomerBulkEdit>) => api.post<BulkEditResult>('/api/v1/customers/bulk/update', body),
  timeline: (id: number, query: QueryOf<typeof TimelineQuery>) =>
    api.get<TimelinePage>(`/api/v1/customers/${id}/timeline`, query),
};

/** Downloads the customers matching the list's filters (every page) as a spreadsheet. */
export function exportCustomers(filters: CustomerFilters, format: 'xlsx' | 'csv') {
  download('/api/v1/exports/customers', { ...filters, page: undefined, pageSize: undefined, sort: undefined, format });
}
