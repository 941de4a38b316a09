import type { Body, ConsentChannel, ConsentInput, ContactConsent, Suppression, SuppressionInput } from '@relate/common';
import { api } from '../../app/api';

/** A record that keeps its own consent: a contact, a lead or a customer (reached at its own address). */
export type ConsentRecord = { entity: 'contacts' | 'leads' | 'customers'; id: number };

export const consentApi = {
  of: ({ entity, id }: ConsentRecord) => api.get<{ items: ContactConsent[] }>(`/api/v1/${entity}/${id}/consents`),
  set: ({ entity, id }: ConsentRecord, body: Body<typeof ConsentInput>) =>
    api.put<{ items: ContactConsent[] }>(`/api/v1/${entity}/${id}/consents`, body),
  suppressions: (query: { page: number; pageSize: number; q?: string; channel?: ConsentChannel }) =>
    api.get<{ items: Suppression[]; total: number }>('/api/v1/suppressions', query),
  suppress: (body: Body<typeof SuppressionInput>) => api.post('/api/v1/suppressions', body),
  unsuppress: (id: number) => api.delete(`/api/v1/suppressions/${id}`),
};
