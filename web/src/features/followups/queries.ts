import type { Followup, Page } from '@relate/common';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';

export type FollowupFilters = Record<string, string | number | string[] | undefined>;

export const followupKeys = {
  all: ['followups'] as const,
  list: (filters: FollowupFilters) => ['followups', 'list', filters] as const,
};

export function useFollowups(filters: FollowupFilters, enabled = true) {
  return useQuery({
    queryKey: followupKeys.list(filters),
    queryFn: () => api.get<Page<Followup>>('/api/v1/followups', filters),
    placeholderData: (previous) => previous,
    enabled,
  });
}

/** Saving a follow-up also changes the customer's or lead's dates and timeline, so those are refreshed too. */
export function useSaveFollowup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, values }: { id?: number; values: Record<string, unknown> }) =>
      id ? api.patch<Followup>(`/api/v1/followups/${id}`, values) : api.post<Followup>('/api/v1/followups', values),
    onSuccess: () => {
      for (const key of ['followups', 'customers', 'leads']) void queryClient.invalidateQueries({ queryKey: [key] });
    },
  });
}

export function useDeleteFollowup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/api/v1/followups/${id}`),
    onSuccess: () => {
      for (const key of ['followups', 'customers', 'leads']) void queryClient.invalidateQueries({ queryKey: [key] });
    },
  });
}
