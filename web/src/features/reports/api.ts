import type {
  ReportDefinitionInput,
  ReportPdfRequestInput,
  ReportRecordsPage,
  ReportRecordsQuery,
  ReportResult,
  ReportSchedule,
  ReportScheduleInput,
  ReportSourceInfo,
  SavedReport,
  SavedReportInput,
  SavedReportPatch,
} from '@relate/common';
import { api } from '../../app/api';

export const reportsApi = {
  sources: () => api.get<ReportSourceInfo[]>('/api/v1/reports/sources'),
  run: (definition: ReportDefinitionInput) => api.post<ReportResult>('/api/v1/reports/run', definition),
  /** The report as a PDF, made on the server within the caller's scope, in their language. */
  pdf: (body: ReportPdfRequestInput) => api.postForFile('/api/v1/reports/pdf', body),
  records: (query: ReportRecordsQuery) => api.post<ReportRecordsPage>('/api/v1/reports/records', query),
  saved: () => api.get<SavedReport[]>('/api/v1/reports'),
  one: (id: number) => api.get<SavedReport>(`/api/v1/reports/${id}`),
  save: (body: SavedReportInput) => api.post<SavedReport>('/api/v1/reports', body),
  update: (id: number, body: SavedReportPatch) => api.patch<SavedReport>(`/api/v1/reports/${id}`, body),
  remove: (id: number) => api.delete(`/api/v1/reports/${id}`),
  /** A saved report's email schedule (its owner only); null when it is not sent. */
  schedule: (id: number) => api.get<ReportSchedule | null>(`/api/v1/reports/${id}/schedule`),
  setSchedule: (id: number, body: ReportScheduleInput) =>
    api.put<ReportSchedule>(`/api/v1/reports/${id}/schedule`, body),
  stopSchedule: (id: number) => api.delete(`/api/v1/reports/${id}/schedule`),
};
