import type {
  Body,
  CallAttempt,
  CallCenterReport,
  CallEntry,
  CallEntryPreview,
  CallEntryQuery,
  CallList,
  CallListAssignInput,
  CallListInput,
  CallListPatch,
  CallListQuery,
  CallListSourceInput,
  CallOutcomeInput,
  Page,
  QueryOf,
} from '@relate/common';
import { api } from '../../app/api';

export type CallListSourceInfo = {
  kind: string;
  purpose: CallList['purpose'];
  fields: string[];
  params: Array<{ name: string; type: 'number' | 'string' | 'boolean' | 'segment' | 'savedReport'; default?: unknown }>;
};
export type CallListPreview = {
  count: number;
  truncated: boolean;
  sample: Array<{ name: string; customerName: string | null; phone: string | null }>;
};
export type CallListBuildResult = { list: CallList; added: number; skipped: number; truncated: boolean };
export type NextCallEntry = {
  preview: CallEntryPreview | null;
  reason: 'none' | 'later' | 'outsideHours' | null;
  nextAt: string | null;
  remaining: number;
};
export type CallOutcomeResult = {
  entry: CallEntry;
  attempt: CallAttempt;
  instalmentNoteId: number | null;
  surveyInvitationId: number | null;
  contactUpdated: boolean;
};

export const callListsApi = {
  sources: () => api.get<{ items: CallListSourceInfo[] }>('/api/v1/call-lists/sources'),
  preview: (source: Body<typeof CallListSourceInput>) =>
    api.post<CallListPreview>('/api/v1/call-lists/preview', { source }),
  list: (query: QueryOf<typeof CallListQuery>) => api.get<Page<CallList>>('/api/v1/call-lists', query),
  get: (id: number) => api.get<CallList>(`/api/v1/call-lists/${id}`),
  create: (body: Body<typeof CallListInput>) => api.post<CallListBuildResult>('/api/v1/call-lists', body),
  update: (id: number, body: Body<typeof CallListPatch>) => api.patch<CallList>(`/api/v1/call-lists/${id}`, body),
  remove: (id: number) => api.delete(`/api/v1/call-lists/${id}`),
  refresh: (id: number) => api.post<CallListBuildResult>(`/api/v1/call-lists/${id}/refresh`),
  assign: (id: number, body: Body<typeof CallListAssignInput>) =>
    api.post<CallList>(`/api/v1/call-lists/${id}/assign`, body),
  entries: (id: number, query: QueryOf<typeof CallEntryQuery>) =>
    api.get<Page<CallEntry>>(`/api/v1/call-lists/${id}/entries`, query),
  report: (query: { from: string; to: string; conversionDays?: number }) =>
    api.get<CallCenterReport>('/api/v1/call-center/report', query),
  next: (listId?: number) => api.get<NextCallEntry>('/api/v1/call-entries/next', { listId }),
  entry: (id: number) => api.get<CallEntryPreview>(`/api/v1/call-entries/${id}`),
  dial: (id: number) => api.post<{ attemptId: number; externalId: string | null }>(`/api/v1/call-entries/${id}/dial`),
  outcome: (id: number, body: Body<typeof CallOutcomeInput>) =>
    api.post<CallOutcomeResult>(`/api/v1/call-entries/${id}/outcome`, body),
};
