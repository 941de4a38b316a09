import type { Body, EmailMessage, Mailbox, MailboxInput } from '@relate/common';
import { api, download } from '../../app/api';

export const mailboxesApi = {
  list: () => api.get<{ items: Mailbox[] }>('/api/v1/mailboxes'),
  create: (body: Body<typeof MailboxInput>) => api.post<Mailbox>('/api/v1/mailboxes', body),
  remove: (id: number) => api.delete(`/api/v1/mailboxes/${id}`),
  sync: (id: number) => api.post<Mailbox>(`/api/v1/mailboxes/${id}/sync`),
};

export const emailMessagesApi = {
  get: (id: number) => api.get<EmailMessage>(`/api/v1/email-messages/${id}`),
  downloadAttachment: (id: number, attachmentId: number) =>
    download(`/api/v1/email-messages/${id}/attachments/${attachmentId}`),
};
