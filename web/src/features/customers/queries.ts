import type { Customer, Page } from '@relate/common';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';

export type CustomerFilters = Record<string, string | number | string[] | number[] | undefined>;

export const customerKeys = {
  all: ['customers'] as const,
  list: (filters: CustomerFilters) => ['customers', 'list', filters] as const,
  detail: (id: number) => ['customers', 'detail', id] as const,
  timeline: (id: number) => ['customers', 'timeline', id] as const,
};

export function useCustomers(filters: CustomerFilters) {
  return useQuery({
    queryKey: customerKeys.list(filters),
    queryFn: () => api.get<Page<Customer>>('/api/v1/customers', filters),
    placeholderData: (previous) => previous,
  });
}

export function useCustomer(id: number) {
  return useQuery({ queryKey: customerKeys.detail(id), queryFn: () => api.get<Customer>(`/api/v1/customers/${id}`) });
}

export function useSaveCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, values }: { id?: number; values: Record<string, unknown> }) =>
      id ? api.patch<Customer>(`/api/v1/customers/${id}`, values) : api.post<Customer>('/api/v1/customers', values),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: customerKeys.all }),
  });
}

export function useDeleteCustomers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: number[]) => api.post<{ affected: number }>('/api/v1/customers/bulk/delete', { ids }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: customerKeys.all }),
  });
}
