import type { Body, MailboxInput } from '@relate/common';
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
