import type { Body, Quote, QuoteDetail, QuoteEmail, QuoteInput, QuoteQuery, QueryOf } from '@relate/common';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { keysFor, useRefresh, useRefreshAfterDelete } from '../../app/query-keys';
import { documentContextApi, quotesApi } from './api';

export const quoteKeys = keysFor('quotes');
const contactKeys = keysFor('contacts');
const opportunityKeys = keysFor('opportunities');

export type QuoteFilters = QueryOf<typeof QuoteQuery> & { page: number; pageSize: number };

export function useQuotes(filters: QuoteFilters) {
  return useQuery({
    queryKey: quoteKeys.list(filters),
    queryFn: () => quotesApi.list(filters),
    placeholderData: keepPreviousData,
  });
}

export function useQuote(id: number | undefined) {
  return useQuery({ queryKey: quoteKeys.detail(id), queryFn: () => quotesApi.get(id!), enabled: Boolean(id) });
}

export function useSaveQuote() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof QuoteInput> }) => {
      if (!id) return quotesApi.create(body);
      // A quote's customer is fixed once it is made.
      const { customerId, ...patch } = body;
      return quotesApi.update(id, patch);
    },
    onSuccess: () => refresh('quotes'),
  });
}

/** A change of a quote whose reply is the quote itself: shown at once, then every view of it refreshed. */
function useQuoteChange<V>(change: (variables: V) => Promise<QuoteDetail>) {
  const queryClient = useQueryClient();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: change,
    onSuccess: (quote) => {
      queryClient.setQueryData(quoteKeys.detail(quote.id), quote);
      return refresh('quotes');
    },
  });
}

export function useSetQuoteStatus() {
  return useQuoteChange(({ id, status }: { id: number; status: 'sent' | 'accepted' | 'rejected' }) =>
    quotesApi.setStatus(id, { status }),
  );
}

/** Emails the quote's PDF; a draft is marked sent by it. */
export function useEmailQuote() {
  return useQuoteChange(({ id, body }: { id: number; body: Body<typeof QuoteEmail> }) => quotesApi.email(id, body));
}

export function useDeleteQuote() {
  const refreshAfterDelete = useRefreshAfterDelete();
  return useMutation({
    mutationFn: quotesApi.remove,
    onSuccess: (_, id) => refreshAfterDelete([id], 'quotes'),
  });
}

/** The opportunities of a customer, to link a quote or order to. */
export function useCustomerOpportunities(customerId: number | undefined) {
  return useQuery({
    queryKey: opportunityKeys.list({ customerId, pageSize: 100 }),
    queryFn: () => documentContextApi.opportunitiesOf(customerId!),
    enabled: Boolean(customerId),
  });
}

export function useContact(id: number | null, enabled = true) {
  return useQuery({
    queryKey: contactKeys.detail(id ?? undefined),
    queryFn: () => documentContextApi.contact(id!),
    enabled: enabled && Boolean(id),
  });
}

export const statusColors: Record<Quote['status'], string> = {
  draft: 'default',
  sent: 'blue',
  accepted: 'green',
  rejected: 'red',
  expired: 'orange',
};
