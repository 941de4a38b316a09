import type {
  Body,
  BulkEditResult,
  CannedAnswer,
  CannedAnswerInput,
  CannedAnswerQuery,
  Contact,
  ContactQuery,
  Page,
  QueryOf,
  SatisfactionQuery,
  SatisfactionReport,
  SlaPolicy,
  SlaPolicyInput,
  Ticket,
  TicketAssign,
  TicketBulkEdit,
  TicketCallback,
  TicketCounts,
  TicketCoverage,
  TicketDetail,
  TicketEscalate,
  TicketInput,
  TicketMerge,
  TicketMessageInput,
  TicketPatch,
  TicketQuery,
  TicketTransition,
  UsageInput,
} from '@relate/common';
import { api } from '../../app/api';

export const ticketsApi = {
  list: (query: QueryOf<typeof TicketQuery>) => api.get<Page<Ticket>>('/api/v1/tickets', query),
  counts: () => api.get<TicketCounts>('/api/v1/tickets/counts'),
  get: (id: number) => api.get<TicketDetail>(`/api/v1/tickets/${id}`),
  create: (body: Body<typeof TicketInput>) => api.post<TicketDetail>('/api/v1/tickets', body),
  update: (id: number, body: Body<typeof TicketPatch>) => api.patch<TicketDetail>(`/api/v1/tickets/${id}`, body),
  /** Assigns, moves or reprioritises many tickets, each by the single ticket's rules; the others are skipped. */
  bulkUpdate: (body: Body<typeof TicketBulkEdit>) => api.post<BulkEditResult>('/api/v1/tickets/bulk/update', body),
  addMessage: (id: number, body: Body<typeof TicketMessageInput>) =>
    api.post<TicketDetail>(`/api/v1/tickets/${id}/messages`, body),
  transition: (id: number, body: Body<typeof TicketTransition>) =>
    api.post<TicketDetail>(`/api/v1/tickets/${id}/transition`, body),
  assign: (id: number, body: Body<typeof TicketAssign>) => api.post<TicketDetail>(`/api/v1/tickets/${id}/assign`, body),
  escalate: (id: number, body: Body<typeof TicketEscalate>) =>
    api.post<TicketDetail>(`/api/v1/tickets/${id}/escalate`, body),
  /** Replies with the ticket merged into. */
  merge: (id: number, body: Body<typeof TicketMerge>) => api.post<TicketDetail>(`/api/v1/tickets/${id}/merge`, body),
  callback: (id: number, body: Body<typeof TicketCallback>) =>
    api.post<TicketDetail>(`/api/v1/tickets/${id}/callback`, body),
  satisfaction: (query: QueryOf<typeof SatisfactionQuery>) =>
    api.get<SatisfactionReport>('/api/v1/tickets/satisfaction', query),
  coverage: (id: number) => api.get<TicketCoverage>(`/api/v1/tickets/${id}/coverage`),
  recordUsage: (id: number, body: Body<typeof UsageInput>) =>
    api.post<TicketCoverage>(`/api/v1/tickets/${id}/usage`, body),
};

/** With `ticketId`, the placeholders of each answer are filled in for that ticket. */
export type CannedAnswerFilters = QueryOf<typeof CannedAnswerQuery> & { ticketId?: number };

export const cannedAnswersApi = {
  list: (query: CannedAnswerFilters) => api.get<CannedAnswer[]>('/api/v1/canned-answers', query),
  create: (body: Body<typeof CannedAnswerInput>) => api.post<CannedAnswer>('/api/v1/canned-answers', body),
  update: (id: number, body: Body<typeof CannedAnswerInput>) =>
    api.put<CannedAnswer>(`/api/v1/canned-answers/${id}`, body),
  remove: (id: number) => api.delete(`/api/v1/canned-answers/${id}`),
};

export const slaPoliciesApi = {
  list: () => api.get<SlaPolicy[]>('/api/v1/sla-policies'),
  create: (body: Body<typeof SlaPolicyInput>) => api.post<SlaPolicy>('/api/v1/sla-policies', body),
  update: (id: number, body: Body<typeof SlaPolicyInput>) => api.put<SlaPolicy>(`/api/v1/sla-policies/${id}`, body),
  remove: (id: number) => api.delete(`/api/v1/sla-policies/${id}`),
};

/** The contacts a new ticket can name. */
export const contactsApi = {
  list: (query: QueryOf<typeof ContactQuery>) => api.get<Page<Contact>>('/api/v1/contacts', query),
};
