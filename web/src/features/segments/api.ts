import type {
  Body,
  Page,
  QueryOf,
  Segment,
  SegmentEntity,
  SegmentGroup,
  SegmentInput,
  SegmentMember,
  SegmentPatch,
  SegmentQuery,
} from '@relate/common';
import { api } from '../../app/api';

type Added = { added: number; alreadyMembers: number };

export const segmentsApi = {
  list: (query: QueryOf<typeof SegmentQuery>) => api.get<Page<Segment>>('/api/v1/segments', query),
  get: (id: number) => api.get<Segment>(`/api/v1/segments/${id}`),
  create: (body: Body<typeof SegmentInput>) => api.post<Segment>('/api/v1/segments', body),
  update: (id: number, body: Body<typeof SegmentPatch>) => api.patch<Segment>(`/api/v1/segments/${id}`, body),
  remove: (id: number) => api.delete(`/api/v1/segments/${id}`),
  count: (entity: SegmentEntity, filter: SegmentGroup) =>
    api.post<{ count: number }>('/api/v1/segments/count', { entity, filter }),
  members: (id: number, query: { page: number; pageSize: number }) =>
    api.get<Page<SegmentMember>>(`/api/v1/segments/${id}/members`, query),
  addMembers: (id: number, ids: number[]) => api.post<Added>(`/api/v1/segments/${id}/members`, { ids }),
  removeMember: (id: number, entityId: number) => api.delete(`/api/v1/segments/${id}/members/${entityId}`),
  addToCampaign: (campaignId: number, segmentId: number) =>
    api.post<Added>(`/api/v1/campaigns/${campaignId}/segment-members`, { segmentId }),
};
