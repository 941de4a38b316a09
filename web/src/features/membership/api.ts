import type {
  Body,
  CustomerMembership,
  LevelChange,
  LoyaltySettings,
  LoyaltySetup,
  MemberEnrolment,
  MemberLevel,
  MemberLevelChoice,
  MemberLevelInput,
  Page,
  PointsAdjustment,
  PointsEntry,
} from '@relate/common';
import { api } from '../../app/api';

const customer = (id: number) => `/api/v1/customers/${id}/membership`;

export const membershipApi = {
  levels: () => api.get<MemberLevel[]>('/api/v1/membership/levels'),
  createLevel: (body: Body<typeof MemberLevelInput>) => api.post<MemberLevel>('/api/v1/membership/levels', body),
  updateLevel: (id: number, body: Body<typeof MemberLevelInput>) =>
    api.patch<MemberLevel>(`/api/v1/membership/levels/${id}`, body),
  removeLevel: (id: number) => api.delete(`/api/v1/membership/levels/${id}`),
  settings: () => api.get<LoyaltySetup>('/api/v1/membership/settings'),
  saveSettings: (body: LoyaltySettings) => api.put<LoyaltySetup>('/api/v1/membership/settings', body),
  ofCustomer: (customerId: number) => api.get<CustomerMembership>(customer(customerId)),
  enrol: (customerId: number, body: Body<typeof MemberEnrolment>) =>
    api.post<CustomerMembership>(customer(customerId), body),
  chooseLevel: (customerId: number, body: Body<typeof MemberLevelChoice>) =>
    api.patch<CustomerMembership>(customer(customerId), body),
  remove: (customerId: number) => api.delete(customer(customerId)),
  adjust: (customerId: number, body: Body<typeof PointsAdjustment>) =>
    api.post<CustomerMembership>(`${customer(customerId)}/adjustments`, body),
  ledger: (customerId: number, query: { page: number; pageSize: number }) =>
    api.get<Page<PointsEntry>>(`${customer(customerId)}/ledger`, query),
  levelHistory: (customerId: number) => api.get<LevelChange[]>(`${customer(customerId)}/level-history`),
};
