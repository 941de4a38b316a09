import type {
  Attachment,
  Body,
  Followup,
  FollowupInput,
  FollowupPatch,
  FollowupQuery,
  Page,
  QueryOf,
} from '@relate/common';
import { api, download } from '../../app/api';

export const followupsApi = {
  list: (query: QueryOf<typeof FollowupQuery>) => api.get<Page<Followup>>('/api/v1/followups', query),
  create: (body: Body<typeof FollowupInput>) => api.post<Followup>('/api/v1/followups', body),
  update: (id: number, body: Body<typeof FollowupPatch>) => api.patch<Followup>(`/api/v1/followups/${id}`, body),
  remove: (id: number) => api.delete(`/api/v1/followups/${id}`),
  attachments: (id: number) => api.get<Attachment[]>(`/api/v1/followups/${id}/attachments`),
  attach: (id: number, file: File) => {
    const body = new FormData();
    body.append('file', file);
    return api.post<Attachment>(`/api/v1/followups/${id}/attachments`, body);
  },
  downloadAttachment: (attachmentId: number) => download(`/api/v1/attachments/${attachmentId}/download`),
};
