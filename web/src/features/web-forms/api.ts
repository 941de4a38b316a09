import type {
  AssignmentRule,
  AssignmentRuleInput,
  AssignmentRules,
  Body,
  Page,
  PublicWebForm,
  WebForm,
  WebFormInput,
  WebFormSubmission,
  WebFormSubmitInput,
} from '@relate/common';
import { api } from '../../app/api';

type Received = { thankYouZh: string | null; thankYouEn: string | null; redirectUrl: string | null };

export const webFormsApi = {
  list: (query: { q?: string; page: number; pageSize: number }) => api.get<Page<WebForm>>('/api/v1/web-forms', query),
  get: (id: number) => api.get<WebForm>(`/api/v1/web-forms/${id}`),
  create: (body: Body<typeof WebFormInput>) => api.post<WebForm>('/api/v1/web-forms', body),
  update: (id: number, body: Partial<Body<typeof WebFormInput>>) => api.patch<WebForm>(`/api/v1/web-forms/${id}`, body),
  remove: (id: number) => api.delete(`/api/v1/web-forms/${id}`),
  submissions: (id: number, query: { page: number; pageSize: number }) =>
    api.get<Page<WebFormSubmission>>(`/api/v1/web-forms/${id}/submissions`, query),
  publicForm: (slug: string) => api.get<PublicWebForm>(`/api/public/v1/forms/${slug}`),
  submit: (slug: string, body: Body<typeof WebFormSubmitInput>) =>
    api.post<Received>(`/api/public/v1/forms/${slug}/submit`, body),
};

export const assignmentRulesApi = {
  list: () => api.get<AssignmentRules>('/api/v1/assignment-rules'),
  create: (body: Body<typeof AssignmentRuleInput>) => api.post<AssignmentRule>('/api/v1/assignment-rules', body),
  update: (id: number, body: Body<typeof AssignmentRuleInput>) =>
    api.patch<AssignmentRule>(`/api/v1/assignment-rules/${id}`, body),
  remove: (id: number) => api.delete(`/api/v1/assignment-rules/${id}`),
  order: (ids: number[]) => api.put<AssignmentRules>('/api/v1/assignment-rules/order', { ids }),
  defaultOwner: (ownerId: number | null) =>
    api.put<AssignmentRules>('/api/v1/assignment-rules/default-owner', { ownerId }),
  assignLeads: (ids: number[]) =>
    api.post<{ assigned: Array<{ leadId: number; ownerId: number }>; unmatched: number }>(
      '/api/v1/leads/assign-by-rules',
      { ids },
    ),
};
