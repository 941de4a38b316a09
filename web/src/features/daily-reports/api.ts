import type {
  Body,
  DailyReport,
  DailyReportInput,
  DailyReportQuery,
  DailyReportSummary,
  Page,
  QueryOf,
} from '@relate/common';
import { api } from '../../app/api';

export const dailyReportsApi = {
  list: (query: QueryOf<typeof DailyReportQuery>) => api.get<Page<DailyReportSummary>>('/api/v1/daily-reports', query),
  get: (id: number) => api.get<DailyReport>(`/api/v1/daily-reports/${id}`),
  /** The caller's report of a day ("2026-12-05"); a draft from the day's records until one is saved. */
  mine: (date: string) => api.get<DailyReport>(`/api/v1/daily-reports/mine/${date}`),
  saveMine: (date: string, body: Body<typeof DailyReportInput>) =>
    api.put<DailyReport>(`/api/v1/daily-reports/mine/${date}`, body),
};
