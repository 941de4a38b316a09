import type { ReportDefinitionInput, ReportResult, ReportSourceInfo } from '@relate/common';
import { api } from '../../app/api';

export const reportsApi = {
  sources: () => api.get<ReportSourceInfo[]>('/api/v1/reports/sources'),
  run: (definition: ReportDefinitionInput) => api.post<ReportResult>('/api/v1/reports/run', definition),
};
