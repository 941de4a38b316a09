import type { Body, CustomerInput, CustomerPatch, DuplicateCheckInput, TimelineKind } from '@relate/common';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh, useRefreshAfterDelete } from '../../app/query-keys';
import { type CustomerFilters, customersApi } from './api';

export type { CustomerFilters } from './api';

export const customerKeys = {
  ...keysFor('customers'),
  timeline: (id: number) => ['customers', 'timeline', id] as const,
  duplicates: (check: Body<typeof DuplicateCheckInput>) => ['customers', 'duplicates', check] as const,
};

export function useCustomers(filters: CustomerFilters) {
  return useQuery({
    queryKey: customerKeys.list(filters),
    queryFn: () => customersApi.list(filters),
    placeholderData: keepPreviousData,
  });
}

export function useCustomer(id: number) {
  return useQuery({ queryKey: customerKeys.detail(id), queryFn: () => customersApi.get(id) });
}

/** Read under the customer: orders, receipts, opportunities and tickets refresh the customers' views. */
export function useCustomerOverview(id: number) {
  return useQuery({ queryKey: customerKeys.part('overview', id), queryFn: () => customersApi.overview(id) });
}

/**
 * Customers that look like the one being entered; `null` asks nothing. A failed check finds none: it
 * is a hint, not a reason to stop anyone saving.
 */
export function useCustomerDuplicates(check: Body<typeof DuplicateCheckInput> | null) {
  return useQuery({
    queryKey: customerKeys.duplicates(check ?? {}),
    queryFn: () => customersApi.duplicates(check ?? {}).catch(() => []),
    enabled: check !== null,
    placeholderData: keepPreviousData,
  });
}

const timelinePageSize = 30;

/** A customer's history, newest first, a page at a time; `kind` narrows it to one kind of entry. */
export function useCustomerTimeline(id: number, kind: TimelineKind | 'all') {
  return useInfiniteQuery({
    queryKey: [...customerKeys.timeline(id), kind],
    queryFn: ({ pageParam }) =>
      customersApi.timeline(id, {
        limit: timelinePageSize,
        cursor: pageParam,
        kinds: kind === 'all' ? undefined : [kind],
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useSaveCustomer() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof CustomerInput> }) =>
      id ? customersApi.update(id, body) : customersApi.create(body),
    onSuccess: () => refresh('customers'),
  });
}

export function useAssignCustomers() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: customersApi.assign, onSuccess: () => refresh('customers') });
}

export function useTagCustomers() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: customersApi.tag, onSuccess: () => refresh('customers') });
}

/** Changes some fields of a customer, as a list's cell edited in place does. */
export function useUpdateCustomer() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: Body<typeof CustomerPatch> }) => customersApi.update(id, body),
    onSuccess: () => refresh('customers'),
  });
}

export function useBulkUpdateCustomers() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: customersApi.bulkUpdate, onSuccess: () => refresh('customers') });
}

export function useDeleteCustomers() {
  const refreshAfterDelete = useRefreshAfterDelete();
  return useMutation({
    mutationFn: (ids: number[]) => customersApi.remove({ ids }),
    onSuccess: (_, ids) => refreshAfterDelete(ids, 'customers', 'recycle-bin'),
  });
}

/** Merges `sourceId` into the customer `id`; the source's contacts (shown with customers) and files move with it. */
export function useMergeCustomers() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, sourceId, takeFromSource }: { id: number; sourceId: number; takeFromSource: string[] }) =>
      customersApi.merge(id, { sourceId, takeFromSource }),
    onSuccess: () => refresh('customers', 'attachments'),
  });
}
