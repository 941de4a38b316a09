import type {
  Body,
  QueryOf,
  Survey,
  SurveyInput,
  SurveyInvitation,
  SurveyReport,
  SurveyReportQuery,
  SurveySend,
} from '@relate/common';
import { api } from '../../app/api';

export const surveysApi = {
  list: () => api.get<Survey[]>('/api/v1/surveys'),
  create: (body: Body<typeof SurveyInput>) => api.post<Survey>('/api/v1/surveys', body),
  update: (id: number, body: Body<typeof SurveyInput>) => api.put<Survey>(`/api/v1/surveys/${id}`, body),
  remove: (id: number) => api.delete(`/api/v1/surveys/${id}`),
  /** Replies with one invitation per recipient, each with its personal link. */
  send: (id: number, body: Body<typeof SurveySend>) => api.post<SurveyInvitation[]>(`/api/v1/surveys/${id}/send`, body),
  report: (id: number, query: QueryOf<typeof SurveyReportQuery>) =>
    api.get<SurveyReport>(`/api/v1/surveys/${id}/report`, query),
};
