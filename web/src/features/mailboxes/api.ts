import type {
  Body,
  EmailCompose,
  EmailLogInput,
  EmailMessage,
  EmailSent,
  EmailSummary,
  Mailbox,
  MailboxInput,
  MailboxPatch,
  SendingMailbox,
} from '@relate/common';
import { api, download } from '../../app/api';

export type UnmatchedEmail = {
  uid: number;
  from: { address: string; name: string | null } | null;
  subject: string;
  sentAt: string;
};

export const mailboxesApi = {
  list: () => api.get<{ items: Mailbox[] }>('/api/v1/mailboxes'),
  create: (body: Body<typeof MailboxInput>) => api.post<Mailbox>('/api/v1/mailboxes', body),
  update: (id: number, body: Body<typeof MailboxPatch>) => api.patch<Mailbox>(`/api/v1/mailboxes/${id}`, body),
  remove: (id: number) => api.delete(`/api/v1/mailboxes/${id}`),
  sync: (id: number) => api.post<Mailbox>(`/api/v1/mailboxes/${id}/sync`),
  sending: () => api.get<{ items: SendingMailbox[] }>('/api/v1/mailboxes/sending'),
  unmatched: (id: number) => api.get<{ items: UnmatchedEmail[] }>(`/api/v1/mailboxes/${id}/unmatched`),
  log: (id: number, uid: number, body: Body<typeof EmailLogInput>) =>
    api.post<{ entity: 'leads' | 'contacts'; entityId: number; emailId: number | null }>(
      `/api/v1/mailboxes/${id}/unmatched/${uid}/log`,
      body,
    ),
};

export const emailMessagesApi = {
  get: (id: number) => api.get<EmailMessage>(`/api/v1/email-messages/${id}`),
  send: (body: Body<typeof EmailCompose>) => api.post<EmailSent>('/api/v1/email-messages', body),
  ofRecord: (entity: 'leads' | 'contacts', id: number) =>
    api.get<{ items: EmailSummary[] }>(`/api/v1/${entity}/${id}/emails`),
  downloadAttachment: (id: number, attachmentId: number) =>
    download(`/api/v1/email-messages/${id}/attachments/${attachmentId}`),
};
