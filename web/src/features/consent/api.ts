import type { Body, ConsentChannel, ConsentInput, ContactConsent, Suppression, SuppressionInput } from '@relate/common';
import { api } from '../../app/api';

export const consentApi = {
  ofContact: (contactId: number) => api.get<{ items: ContactConsent[] }>(`/api/v1/contacts/${contactId}/consents`),
  set: (contactId: number, body: Body<typeof ConsentInput>) =>
    api.put<{ items: ContactConsent[] }>(`/api/v1/contacts/${contactId}/consents`, body),
  suppressions: (query: { page: number; pageSize: number; q?: string; channel?: ConsentChannel }) =>
    api.get<{ items: Suppression[]; total: number }>('/api/v1/suppressions', query),
  suppress: (body: Body<typeof SuppressionInput>) => api.post('/api/v1/suppressions', body),
  unsuppress: (id: number) => api.delete(`/api/v1/suppressions/${id}`),
};
