import type {
  Body,
  CallEntryQuery,
  CallListAssignInput,
  CallListInput,
  CallListPatch,
  CallListQuery,
  CallListSourceInput,
  CallOutcomeInput,
  QueryOf,
} from '@relate/common';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh, useRefreshAfterDelete } from '../../app/query-keys';
import { callListsApi } from './api';

export const callListKeys = {
  ...keysFor('call-lists'),
  sources: () => keysFor('call-lists').part('sources'),
  preview: (source: object) => keysFor('call-lists').part('preview', source),
  entries: (id: number, query: object) => keysFor('call-lists').part('entries', id, query),
};
export const callEntryKeys = {
  ...keysFor('call-entries'),
  next: (listId: number | undefined) => keysFor('call-entries').part('next', listId ?? null),
};
export const callCenterKeys = keysFor('call-center');

export function useCallListSources(enabled = true) {
  return useQuery({ queryKey: callListKeys.sources(), queryFn: callListsApi.sources, staleTime: 300_000, enabled });
}

/** How many records the source gives now and the first few (read again as its settings change). */
export function useCallListPreview(source: Body<typeof CallListSourceInput> | null) {
  return useQuery({
    queryKey: callListKeys.preview(source ?? {}),
    queryFn: () => callListsApi.preview(source!),
    enabled: Boolean(source),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useCallLists(query: QueryOf<typeof CallListQuery>, enabled = true) {
  return useQuery({
    queryKey: callListKeys.list(query),
    queryFn: () => callListsApi.list(query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCallList(id: number) {
  return useQuery({ queryKey: callListKeys.detail(id), queryFn: () => callListsApi.get(id) });
}

export function useCallListEntries(id: number, query: QueryOf<typeof CallEntryQuery>) {
  return useQuery({
    queryKey: callListKeys.entries(id, query),
    queryFn: () => callListsApi.entries(id, query),
    placeholderData: keepPreviousData,
  });
}

export function useCreateCallList() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Body<typeof CallListInput>) => callListsApi.create(body),
    onSuccess: () => refresh('call-lists', 'call-entries'),
  });
}

export function useUpdateCallList(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Body<typeof CallListPatch>) => callListsApi.update(id, body),
    onSuccess: () => refresh('call-lists', 'call-entries'),
  });
}

export function useDeleteCallList() {
  const refresh = useRefreshAfterDelete();
  return useMutation({
    mutationFn: (id: number) => callListsApi.remove(id),
    onSuccess: (_data, id) => refresh([id], 'call-lists', 'call-entries'),
  });
}

export function useRefreshCallList(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: () => callListsApi.refresh(id),
    onSuccess: () => refresh('call-lists', 'call-entries'),
  });
}

export function useAssignCallList(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Body<typeof CallListAssignInput>) => callListsApi.assign(id, body),
    onSuccess: () => refresh('call-lists', 'call-entries'),
  });
}

export function useCallCenterReport(query: { from: string; to: string; conversionDays?: number }) {
  return useQuery({
    queryKey: callCenterKeys.list(query),
    queryFn: () => callListsApi.report(query),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** The agent's next call (of one list, or of all their active lists). */
export function useNextCallEntry(listId?: number) {
  return useQuery({ queryKey: callEntryKeys.next(listId), queryFn: () => callListsApi.next(listId) });
}

export function useDialEntry() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: number) => callListsApi.dial(id), onSuccess: () => refresh('cti') });
}

/** Records an outcome; the agent's next call, the lists' progress and the records it fed are read again. */
export function useRecordOutcome() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: Body<typeof CallOutcomeInput> }) => callListsApi.outcome(id, body),
    onSuccess: () => refresh('call-entries'),
  });
}
