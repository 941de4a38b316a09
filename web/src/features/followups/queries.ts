import type { Body, FollowupInput, FollowupQuery, QueryOf } from '@relate/common';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { followupsApi } from './api';

export const followupKeys = {
  ...keysFor('followups'),
  attachments: (followupId: number) => ['followups', 'attachments', followupId] as const,
};

export function useFollowups(query: QueryOf<typeof FollowupQuery>, enabled = true) {
  return useQuery({
    queryKey: followupKeys.list(query),
    queryFn: () => followupsApi.list(query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useFollowupAttachments(followupId: number, enabled: boolean) {
  return useQuery({
    queryKey: followupKeys.attachments(followupId),
    queryFn: () => followupsApi.attachments(followupId),
    enabled,
  });
}

/** Saving a follow-up also changes the customer's or lead's dates and timeline, so those are refreshed too. */
export function useSaveFollowup() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof FollowupInput> }) =>
      id ? followupsApi.update(id, body) : followupsApi.create(body),
    onSuccess: () => refresh('followups'),
  });
}

/** Adds a file to a saved follow-up; its count of files shows wherever the follow-up does. */
export function useAttachToFollowup() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ followupId, file }: { followupId: number; file: File }) => followupsApi.attach(followupId, file),
    onSuccess: () => refresh('followups'),
  });
}

export function useDeleteFollowup() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: followupsApi.remove, onSuccess: () => refresh('followups') });
}
