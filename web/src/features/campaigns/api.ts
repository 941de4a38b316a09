import type {
  Body,
  Campaign,
  CampaignCost,
  CampaignCostInput,
  CampaignDetail,
  CampaignEmailAudience,
  CampaignEmailAudienceInput,
  CampaignEmailSend,
  CampaignEmailSendInput,
  CampaignInput,
  CampaignMember,
  CampaignMemberQuery,
  CampaignMembersInput,
  CampaignMembership,
  CampaignMembershipQuery,
  CampaignQuery,
  CampaignSequenceAnswer,
  CampaignSequenceInput,
  Page,
  QueryOf,
} from '@relate/common';
import { api } from '../../app/api';

export const campaignsApi = {
  list: (query: QueryOf<typeof CampaignQuery>) => api.get<Page<Campaign>>('/api/v1/campaigns', query),
  get: (id: number) => api.get<CampaignDetail>(`/api/v1/campaigns/${id}`),
  create: (body: Body<typeof CampaignInput>) => api.post<CampaignDetail>('/api/v1/campaigns', body),
  update: (id: number, body: Partial<Body<typeof CampaignInput>>) =>
    api.patch<CampaignDetail>(`/api/v1/campaigns/${id}`, body),
  remove: (id: number) => api.delete(`/api/v1/campaigns/${id}`),
  costs: (id: number, query: { page: number; pageSize: number }) =>
    api.get<Page<CampaignCost>>(`/api/v1/campaigns/${id}/costs`, query),
  addCost: (id: number, body: Body<typeof CampaignCostInput>) =>
    api.post<CampaignCost>(`/api/v1/campaigns/${id}/costs`, body),
  removeCost: (id: number, costId: number) => api.delete(`/api/v1/campaigns/${id}/costs/${costId}`),
  members: (id: number, query: QueryOf<typeof CampaignMemberQuery>) =>
    api.get<Page<CampaignMember>>(`/api/v1/campaigns/${id}/members`, query),
  addMembers: (id: number, body: Body<typeof CampaignMembersInput>) =>
    api.post<{ added: number; alreadyMembers: number }>(`/api/v1/campaigns/${id}/members`, body),
  setMemberStatus: (id: number, memberId: number, status: CampaignMember['status']) =>
    api.patch(`/api/v1/campaigns/${id}/members/${memberId}`, { status }),
  removeMember: (id: number, memberId: number) => api.delete(`/api/v1/campaigns/${id}/members/${memberId}`),
  emailSends: (id: number) => api.get<CampaignEmailSend[]>(`/api/v1/campaigns/${id}/email-sends`),
  emailAudience: (id: number, body: Body<typeof CampaignEmailAudienceInput>) =>
    api.post<CampaignEmailAudience>(`/api/v1/campaigns/${id}/email-audience`, body),
  startEmailSend: (id: number, body: Body<typeof CampaignEmailSendInput>) =>
    api.post<CampaignEmailSend>(`/api/v1/campaigns/${id}/email-sends`, body),
  changeEmailSend: (id: number, sendId: number, action: 'pause' | 'resume' | 'cancel') =>
    api.patch<CampaignEmailSend>(`/api/v1/campaigns/${id}/email-sends/${sendId}`, { action }),
  sendTestEmail: (id: number, templateId: number) => api.post(`/api/v1/campaigns/${id}/email-test`, { templateId }),
  sequence: (id: number) => api.get<CampaignSequenceAnswer>(`/api/v1/campaigns/${id}/sequence`),
  saveSequence: (id: number, body: Body<typeof CampaignSequenceInput>) =>
    api.put<CampaignSequenceAnswer>(`/api/v1/campaigns/${id}/sequence`, body),
  changeSequence: (id: number, action: 'start' | 'pause' | 'resume') =>
    api.patch<CampaignSequenceAnswer>(`/api/v1/campaigns/${id}/sequence`, { action }),
  removeSequence: (id: number) => api.delete(`/api/v1/campaigns/${id}/sequence`),
  memberships: (query: QueryOf<typeof CampaignMembershipQuery>) =>
    api.get<CampaignMembership[]>('/api/v1/campaign-memberships', query),
};
