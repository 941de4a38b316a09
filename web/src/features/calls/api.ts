import type {
  Body,
  Call,
  CallerCard,
  CallQuery,
  CallWrapUpInput,
  CtiConnection,
  CtiConnectionInput,
  CtiConnectionPatch,
  Page,
  QueryOf,
  Seat,
  SeatInput,
  SeatState,
} from '@relate/common';
import { api } from '../../app/api';

export type WrapUpResult = { call: Call; followupId: number | null; ticketId: number | null; taskId: number | null };
export type QueueEntry = {
  call: Call;
  waitingSeconds: number;
  offeredTo: { userId: number; name: string; extension: string | null } | null;
};

export const callsApi = {
  seat: () => api.get<Seat>('/api/v1/cti/seat'),
  setExtension: (extension: string | null) => api.put<Seat>('/api/v1/cti/seat', { extension }),
  setState: (state: SeatState) => api.post<Seat>('/api/v1/cti/seat/state', { state }),
  dial: (number: string) => api.post<{ externalId: string | null }>('/api/v1/calls/dial', { number }),
  lookup: (number: string) => api.get<CallerCard>('/api/v1/calls/lookup', { number }),
  list: (query: QueryOf<typeof CallQuery>) => api.get<Page<Call>>('/api/v1/calls', query),
  get: (id: number) => api.get<Call>(`/api/v1/calls/${id}`),
  wrapUp: (id: number, body: Body<typeof CallWrapUpInput>) =>
    api.post<WrapUpResult>(`/api/v1/calls/${id}/wrap-up`, body),
  hangUp: (id: number) => api.post(`/api/v1/calls/${id}/hangup`),
  recordingUrl: (id: number) => `/api/v1/calls/${id}/recording`,
  queue: () => api.get<{ items: QueueEntry[] }>('/api/v1/cti/queue'),
  connections: () => api.get<{ items: CtiConnection[] }>('/api/v1/cti/connections'),
  createConnection: (body: Body<typeof CtiConnectionInput>) => api.post<CtiConnection>('/api/v1/cti/connections', body),
  updateConnection: (id: number, body: Body<typeof CtiConnectionPatch>) =>
    api.patch<CtiConnection>(`/api/v1/cti/connections/${id}`, body),
  deleteConnection: (id: number) => api.delete(`/api/v1/cti/connections/${id}`),
  seats: () => api.get<{ items: Seat[] }>('/api/v1/cti/seats'),
  saveSeat: (userId: number, body: Body<typeof SeatInput>) => api.put<Seat>(`/api/v1/cti/seats/${userId}`, body),
};
