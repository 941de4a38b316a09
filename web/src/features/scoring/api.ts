import type {
  Body,
  ScoreReasons,
  ScoringGroup,
  ScoringGroupInput,
  ScoringRule,
  ScoringRuleInput,
  ScoringSetup,
} from '@relate/common';
import { api } from '../../app/api';

export const scoringApi = {
  setup: () => api.get<ScoringSetup>('/api/v1/scoring'),
  createGroup: (body: Body<typeof ScoringGroupInput>) => api.post<ScoringGroup>('/api/v1/scoring/groups', body),
  updateGroup: (id: number, body: Body<typeof ScoringGroupInput>) =>
    api.patch<ScoringGroup>(`/api/v1/scoring/groups/${id}`, body),
  removeGroup: (id: number) => api.delete(`/api/v1/scoring/groups/${id}`),
  createRule: (body: Body<typeof ScoringRuleInput>) => api.post<ScoringRule>('/api/v1/scoring/rules', body),
  updateRule: (id: number, body: Body<typeof ScoringRuleInput>) =>
    api.patch<ScoringRule>(`/api/v1/scoring/rules/${id}`, body),
  removeRule: (id: number) => api.delete(`/api/v1/scoring/rules/${id}`),
  recompute: () => api.post<{ queued: boolean }>('/api/v1/scoring/recompute', {}),
  reasons: (entity: 'leads' | 'contacts', id: number) => api.get<ScoreReasons>(`/api/v1/${entity}/${id}/score-reasons`),
};
