import type {
  BillingProfile,
  BillingProfileInput,
  Body,
  Invoice,
  InvoiceRegisterInput,
  InvoiceRequest,
  InvoiceRequestDetail,
  InvoiceRequestInput,
  InvoiceRequestQuery,
  Page,
  QueryOf,
} from '@relate/common';
import { api } from '../../app/api';

export const billingProfilesApi = {
  list: (customerId: number) => api.get<BillingProfile[]>(`/api/v1/customers/${customerId}/billing-profiles`),
  create: (customerId: number, body: Body<typeof BillingProfileInput>) =>
    api.post<BillingProfile>(`/api/v1/customers/${customerId}/billing-profiles`, body),
  update: (id: number, body: Body<typeof BillingProfileInput>) =>
    api.put<BillingProfile>(`/api/v1/billing-profiles/${id}`, body),
  remove: (id: number) => api.delete<void>(`/api/v1/billing-profiles/${id}`),
};

export const invoiceRequestsApi = {
  list: (query: QueryOf<typeof InvoiceRequestQuery>) =>
    api.get<Page<InvoiceRequest>>('/api/v1/invoice-requests', query),
  get: (id: number) => api.get<InvoiceRequestDetail>(`/api/v1/invoice-requests/${id}`),
  create: (body: Body<typeof InvoiceRequestInput>) => api.post<InvoiceRequestDetail>('/api/v1/invoice-requests', body),
  submit: (id: number) => api.post<InvoiceRequestDetail>(`/api/v1/invoice-requests/${id}/submit`),
  register: (id: number, body: Body<typeof InvoiceRegisterInput>) =>
    api.post<Invoice>(`/api/v1/invoice-requests/${id}/register`, body),
  /** Attaches the issued invoice's PDF or OFD file. */
  attachFile: (invoiceId: number, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api.post<unknown>(`/api/v1/invoices/${invoiceId}/attachments`, form);
  },
};
