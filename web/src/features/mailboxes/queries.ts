import type { Body, EmailCompose, EmailLogInput, MailboxInput, MailboxPatch } from '@relate/common';
import { useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { emailMessagesApi, mailboxesApi } from './api';

export const mailboxKeys = keysFor('mailboxes');
export const emailMessageKeys = keysFor('email-messages');

/** My mailboxes with their sync state, read again every ten seconds while a sync may be running. */
export function useMailboxes() {
  return useQuery({ queryKey: mailboxKeys.all, queryFn: mailboxesApi.list, refetchInterval: 10_000 });
}

export function useCreateMailbox() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Body<typeof MailboxInput>) => mailboxesApi.create(body),
    onSuccess: () => refresh('mailboxes'),
  });
}

export function useDeleteMailbox() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: mailboxesApi.remove, onSuccess: () => refresh('mailboxes') });
}

export function useSyncMailbox() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: mailboxesApi.sync, onSuccess: () => refresh('mailboxes') });
}

export function useEmailMessage(id: number | undefined) {
  return useQuery({
    queryKey: emailMessageKeys.detail(id),
    queryFn: () => emailMessagesApi.get(id!),
    enabled: id !== undefined,
  });
}

export function useDownloadEmailAttachment() {
  return useMutation({
    mutationFn: async ({ id, attachmentId }: { id: number; attachmentId: number }) =>
      emailMessagesApi.downloadAttachment(id, attachmentId),
  });
}

export function useUpdateMailbox() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: Body<typeof MailboxPatch> }) => mailboxesApi.update(id, body),
    onSuccess: () => refresh('mailboxes'),
  });
}

/** The mailboxes I may send from (mine and the shared ones). */
export function useSendingMailboxes(enabled = true) {
  return useQuery({ queryKey: [...mailboxKeys.all, 'sending'], queryFn: mailboxesApi.sending, enabled });
}

export function useSendEmail() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Body<typeof EmailCompose>) => emailMessagesApi.send(body),
    onSuccess: () => refresh('customers', 'leads', 'contacts', 'email-messages', 'mailboxes'),
  });
}

export function useRecordEmails(entity: 'leads' | 'contacts', id: number | undefined) {
  return useQuery({
    queryKey: [...emailMessageKeys.all, entity, id],
    queryFn: () => emailMessagesApi.ofRecord(entity, id!),
    enabled: id !== undefined,
  });
}

/** Recent inbox mail from unknown senders, read from the server when the drawer opens. */
export function useUnmatchedEmails(id: number | undefined) {
  return useQuery({
    queryKey: [...mailboxKeys.all, 'unmatched', id],
    queryFn: () => mailboxesApi.unmatched(id!),
    enabled: id !== undefined,
  });
}

export function useLogEmail() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, uid, body }: { id: number; uid: number; body: Body<typeof EmailLogInput> }) =>
      mailboxesApi.log(id, uid, body),
    onSuccess: () => refresh('mailboxes', 'leads', 'contacts', 'customers', 'email-messages'),
  });
}
