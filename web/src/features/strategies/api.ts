import type {
  Body,
  Page,
  Plan,
  PlanInput,
  PlanNoteInput,
  PlanQuery,
  QueryOf,
  Requirement,
  RequirementInput,
  RequirementPatch,
  RequirementQuery,
  RequirementReport,
  Strategy,
  StrategyInput,
} from '@relate/common';
import { api } from '../../app/api';

export const strategiesApi = {
  list: () => api.get<Strategy[]>('/api/v1/service-strategies'),
  create: (body: Body<typeof StrategyInput>) => api.post<Strategy>('/api/v1/service-strategies', body),
  update: (id: number, body: Body<typeof StrategyInput>) => api.put<Strategy>(`/api/v1/service-strategies/${id}`, body),
  remove: (id: number) => api.delete(`/api/v1/service-strategies/${id}`),
};

export const plansApi = {
  list: (query: QueryOf<typeof PlanQuery>) => api.get<Page<Plan>>('/api/v1/implementation-plans', query),
  create: (body: Body<typeof PlanInput>) => api.post<Plan>('/api/v1/implementation-plans', body),
  update: (id: number, body: Body<typeof PlanInput>) => api.put<Plan>(`/api/v1/implementation-plans/${id}`, body),
  addNote: (id: number, body: Body<typeof PlanNoteInput>) => api.post(`/api/v1/implementation-plans/${id}/notes`, body),
};

export const requirementsApi = {
  list: (query: QueryOf<typeof RequirementQuery>) => api.get<Page<Requirement>>('/api/v1/requirements', query),
  report: () => api.get<RequirementReport>('/api/v1/requirements/report'),
  create: (body: Body<typeof RequirementInput>) => api.post<Requirement>('/api/v1/requirements', body),
  update: (id: number, body: Body<typeof RequirementPatch>) =>
    api.patch<Requirement>(`/api/v1/requirements/${id}`, body),
};
