import type {
  Body,
  Contact,
  Locale,
  Opportunity,
  Page,
  Quote,
  QuoteDetail,
  QuoteEmail,
  QuoteInput,
  QuotePatch,
  QuoteQuery,
  QuoteStatusChange,
  QueryOf,
} from '@relate/common';
import { api, download } from '../../app/api';

export const quotesApi = {
  list: (query: QueryOf<typeof QuoteQuery>) => api.get<Page<Quote>>('/api/v1/quotes', query),
  get: (id: number) => api.get<QuoteDetail>(`/api/v1/quotes/${id}`),
  create: (body: Body<typeof QuoteInput>) => api.post<QuoteDetail>('/api/v1/quotes', body),
  /** A sent quote is saved as its next version, which the reply is. */
  update: (id: number, body: Body<typeof QuotePatch>) => api.patch<QuoteDetail>(`/api/v1/quotes/${id}`, body),
  setStatus: (id: number, body: Body<typeof QuoteStatusChange>) =>
    api.post<QuoteDetail>(`/api/v1/quotes/${id}/status`, body),
  email: (id: number, body: Body<typeof QuoteEmail>) => api.post<QuoteDetail>(`/api/v1/quotes/${id}/email`, body),
  remove: (id: number) => api.delete(`/api/v1/quotes/${id}`),
  /** Downloads the quote as a PDF, in the given language or the reader's. */
  downloadPdf: (id: number, locale?: Locale) => download(`/api/v1/quotes/${id}/pdf`, locale ? { locale } : undefined),
};

/** What a quote or order is linked to: the customer's opportunities, the contact it goes to. */
export const documentContextApi = {
  opportunitiesOf: (customerId: number) =>
    api.get<Page<Opportunity>>('/api/v1/opportunities', { customerId, pageSize: 100 }),
  contact: (id: number) => api.get<Contact>(`/api/v1/contacts/${id}`),
};
