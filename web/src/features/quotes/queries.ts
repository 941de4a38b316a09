import type { Page, Quote, QuoteDetail } from '@relate/common';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';

export type QuoteFilters = {
  page: number;
  pageSize: number;
  q?: string;
  status?: string;
  customerId?: number;
  opportunityId?: number;
  sort?: string;
};

export function useQuotes(filters: QuoteFilters) {
  return useQuery({
    queryKey: ['quotes', filters],
    queryFn: () => api.get<Page<Quote>>('/api/v1/quotes', filters),
    placeholderData: (p) => p,
  });
}

export function useQuote(id: number | undefined) {
  return useQuery({
    queryKey: ['quotes', 'detail', id],
    queryFn: () => api.get<QuoteDetail>(`/api/v1/quotes/${id}`),
    enabled: Boolean(id),
  });
}

export const statusColors: Record<Quote['status'], string> = {
  draft: 'default',
  sent: 'blue',
  accepted: 'green',
  rejected: 'red',
  expired: 'orange',
};
