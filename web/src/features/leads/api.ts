import type {
  Body,
  BulkEditResult,
  Lead,
  LeadBulkEdit,
  LeadAssignInput,
  LeadAssignResult,
  LeadConversion,
  LeadConvertInput,
  LeadDuplicate,
  LeadDuplicateInput,
  LeadInput,
  LeadPatch,
  LeadQuery,
  Page,
  QueryOf,
} from '@relate/common';
import { api, download } from '../../app/api';

/** The reply a schema of common describes, for the schemas common exports without a type. */
type Reply<S extends { parse: (value: unknown) => unknown }> = ReturnType<S['parse']>;

export type LeadConversionResult = Reply<typeof LeadConversion>;
export type LeadAssignment = Reply<typeof LeadAssignResult>;
export type LeadExportFormat = 'xlsx' | 'csv';

export const leadsApi = {
  list: (query: QueryOf<typeof LeadQuery>) => api.get<Page<Lead>>('/api/v1/leads', query),
  get: (id: number) => api.get<Lead>(`/api/v1/leads/${id}`),
  create: (body: Body<typeof LeadInput>) => api.post<Lead>('/api/v1/leads', body),
  update: (id: number, body: Body<typeof LeadPatch>) => api.patch<Lead>(`/api/v1/leads/${id}`, body),
  /** Moves the leads to the recycle bin. */
  removeMany: (ids: number[]) => api.post<{ affected: number }>('/api/v1/leads/bulk/delete', { ids }),
  /** Sets the same fields on many leads; those outside the caller's scope or refused by a rule are skipped. */
  bulkUpdate: (body: Body<typeof LeadBulkEdit>) => api.post<BulkEditResult>('/api/v1/leads/bulk/update', body),
  duplicates: (body: Body<typeof LeadDuplicateInput>) => api.post<LeadDuplicate[]>('/api/v1/leads/duplicates', body),
  convert: (id: number, body: Body<typeof LeadConvertInput>) =>
    api.post<LeadConversionResult>(`/api/v1/leads/${id}/convert`, body),
  assign: (body: Body<typeof LeadAssignInput>) => api.post<LeadAssignment>('/api/v1/leads/assign', body),
  /** Downloads the leads that match the filters (in any order) as a spreadsheet. */
  export: (query: QueryOf<typeof LeadQuery>, format: LeadExportFormat) =>
    download('/api/v1/exports/leads', { ...query, sort: undefined, format }),
};
