import type { Lead, Page } from '@relate/common';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';

export type LeadFilters = Record<string, string | number | undefined>;

export const leadKeys = {
  all: ['leads'] as const,
  list: (filters: LeadFilters) => ['leads', 'list', filters] as const,
  detail: (id: number) => ['leads', 'detail', id] as const,
};

export function useLeads(filters: LeadFilters) {
  return useQuery({
    queryKey: leadKeys.list(filters),
    queryFn: () => api.get<Page<Lead>>('/api/v1/leads', filters),
    placeholderData: (previous) => previous,
  });
}

export function useLead(id: number) {
  return useQuery({ queryKey: leadKeys.detail(id), queryFn: () => api.get<Lead>(`/api/v1/leads/${id}`) });
}

export function useSaveLead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, values }: { id?: number; values: Record<string, unknown> }) =>
      id ? api.patch<Lead>(`/api/v1/leads/${id}`, values) : api.post<Lead>('/api/v1/leads', values),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: leadKeys.all }),
  });
}

export function useDeleteLeads() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: number[]) => api.post<{ affected: number }>('/api/v1/leads/bulk/delete', { ids }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: leadKeys.all }),
  });
}

export type Conversion = {
  leadId: number;
  customerId: number;
  contactId: number | null;
  opportunityId: number | null;
  customerCreated: boolean;
};

export function useConvertLead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, values }: { id: number; values: Record<string, unknown> }) =>
      api.post<Conversion>(`/api/v1/leads/${id}/convert`, values),
    onSuccess: () => {
      for (const key of ['leads', 'customers', 'contacts', 'followups', 'opportunities'])
        void queryClient.invalidateQueries({ queryKey: [key] });
    },
  });
}

export function useAssignLeads() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (values: { ids: number[]; method: string; ownerId?: number; departmentId?: number }) =>
      api.post<{ assigned: Array<{ leadId: number; ownerId: number }> }>('/api/v1/leads/assign', values),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: leadKeys.all }),
  });
}
