import type {
  Attachment,
  Body,
  Page,
  QueryOf,
  TechnicianPosition,
  WorkOrder,
  WorkOrderCheckIn,
  WorkOrderCheckOut,
  WorkOrderInput,
  WorkOrderQuery,
} from '@relate/common';
import { api } from '../../app/api';

export const workOrdersApi = {
  list: (query: QueryOf<typeof WorkOrderQuery>) => api.get<Page<WorkOrder>>('/api/v1/work-orders', query),
  create: (body: Body<typeof WorkOrderInput>) => api.post<WorkOrder>('/api/v1/work-orders', body),
  accept: (id: number) => api.post<WorkOrder>(`/api/v1/work-orders/${id}/accept`),
  checkIn: (id: number, body: Body<typeof WorkOrderCheckIn>) =>
    api.post<WorkOrder>(`/api/v1/work-orders/${id}/check-in`, body),
  checkOut: (id: number, body: Body<typeof WorkOrderCheckOut>) =>
    api.post<WorkOrder>(`/api/v1/work-orders/${id}/check-out`, body),
  /** Where this technician is, so dispatch can send the nearest free one. */
  reportPosition: (body: Body<typeof TechnicianPosition>) => api.post('/api/v1/work-orders/my-position', body),
  addPhoto: (id: number, file: File) => {
    const body = new FormData();
    body.append('file', file, file.name);
    return api.post<Attachment>(`/api/v1/work-orders/${id}/attachments`, body);
  },
};
