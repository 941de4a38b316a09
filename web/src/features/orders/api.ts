import type {
  Body,
  DeliveryInput,
  Order,
  OrderClose,
  OrderDetail,
  OrderInput,
  OrderPatch,
  Locale,
  OrderQuery,
  Page,
  QueryOf,
} from '@relate/common';
import { api, download } from '../../app/api';

export const ordersApi = {
  list: (query: QueryOf<typeof OrderQuery>) => api.get<Page<Order>>('/api/v1/orders', query),
  get: (id: number) => api.get<OrderDetail>(`/api/v1/orders/${id}`),
  downloadPdf: (id: number, locale?: Locale) => download(`/api/v1/orders/${id}/pdf`, locale ? { locale } : undefined),
  create: (body: Body<typeof OrderInput>) => api.post<OrderDetail>('/api/v1/orders', body),
  fromQuote: (quoteId: number) => api.post<OrderDetail>('/api/v1/orders/from-quote', { quoteId }),
  update: (id: number, body: Body<typeof OrderPatch>) => api.patch<OrderDetail>(`/api/v1/orders/${id}`, body),
  /** Sends a draft for approval; approved at once when no flow applies. */
  submit: (id: number) => api.post<OrderDetail>(`/api/v1/orders/${id}/submit`),
  deliver: (id: number, body: Body<typeof DeliveryInput>) =>
    api.post<OrderDetail>(`/api/v1/orders/${id}/deliveries`, body),
  complete: (id: number) => api.post<OrderDetail>(`/api/v1/orders/${id}/complete`),
  /** Cancels an order, or terminates one that is partly delivered. */
  cancel: (id: number, body: Body<typeof OrderClose>) => api.post<OrderDetail>(`/api/v1/orders/${id}/cancel`, body),
  remove: (id: number) => api.delete(`/api/v1/orders/${id}`),
};
