import type {
  Body,
  Page,
  QueryOf,
  Webhook,
  WebhookDelivery,
  WebhookDeliveryQuery,
  WebhookInput,
  WebhookPatch,
  WebhookWithSecret,
} from '@relate/common';
import { api } from '../../app/api';

export const webhooksApi = {
  list: () => api.get<Webhook[]>('/api/v1/webhooks'),
  create: (body: Body<typeof WebhookInput>) => api.post<WebhookWithSecret>('/api/v1/webhooks', body),
  update: (id: number, body: Body<typeof WebhookPatch>) => api.patch<Webhook>(`/api/v1/webhooks/${id}`, body),
  remove: (id: number) => api.delete<void>(`/api/v1/webhooks/${id}`),
  rotateSecret: (id: number) => api.post<WebhookWithSecret>(`/api/v1/webhooks/${id}/secret`, {}),
  test: (id: number) => api.post<WebhookDelivery>(`/api/v1/webhooks/${id}/test`, {}),
  deliveries: (id: number, query: QueryOf<typeof WebhookDeliveryQuery>) =>
    api.get<Page<WebhookDelivery>>(`/api/v1/webhooks/${id}/deliveries`, query),
  resend: (deliveryId: number) => api.post<WebhookDelivery>(`/api/v1/webhooks/deliveries/${deliveryId}/resend`, {}),
};
