import type {
  Body,
  Contact,
  ContactInput,
  ContactPatch,
  ContactQuery,
  Page,
  PortalAccess,
  PortalInvitation,
  PortalInviteInput,
  QueryOf,
  UpcomingAnniversary,
} from '@relate/common';

export type { UpcomingAnniversary };
import { api, ApiError, download } from '../../app/api';

export type ContactFilters = QueryOf<typeof ContactQuery>;

export const contactsApi = {
  list: (query: ContactFilters) => api.get<Page<Contact>>('/api/v1/contacts', query),
  create: (body: Body<typeof ContactInput>) => api.post<Contact>('/api/v1/contacts', body),
  update: (id: number, body: Body<typeof ContactPatch>) => api.patch<Contact>(`/api/v1/contacts/${id}`, body),
  remove: (id: number) => api.delete(`/api/v1/contacts/${id}`),
  upcomingAnniversaries: (days: number) =>
    api.get<UpcomingAnniversary[]>('/api/v1/contacts/anniversaries/upcoming', { days }),
};

/** Downloads the contacts matching a search as a spreadsheet. */
export function exportContacts(q: string | undefined) {
  download('/api/v1/exports/contacts', { q, format: 'xlsx' });
}

export const portalAccessApi = {
  /** The contact's portal account, or null when there is none yet. */
  get: (contactId: number) =>
    api
      .get<PortalAccess>(`/api/v1/contacts/${contactId}/portal-access`)
      .catch((e) => (e instanceof ApiError && e.status === 404 ? null : Promise.reject(e))),
  invite: (contactId: number, body: Body<typeof PortalInviteInput>) =>
    api.post<PortalInvitation>(`/api/v1/contacts/${contactId}/portal-access/invite`, body),
  disable: (contactId: number) => api.post<PortalAccess>(`/api/v1/contacts/${contactId}/portal-access/disable`),
  enable: (contactId: number) => api.post<PortalAccess>(`/api/v1/contacts/${contactId}/portal-access/enable`),
};
