import type {
  BoardQuery,
  Body,
  ForecastQuery,
  OpportunityInput,
  OpportunityPatch,
  OpportunityQuery,
  QueryOf,
} from '@relate/common';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh, useRefreshAfterDelete } from '../../app/query-keys';
import { linkedRecordsApi, opportunitiesApi, pipelinesApi } from './api';

export const opportunityKeys = {
  ...keysFor('opportunities'),
  forecast: (query: QueryOf<typeof ForecastQuery>) => ['opportunities', 'forecast', query] as const,
};
export const pipelineKeys = {
  ...keysFor('pipelines'),
  board: (pipelineId: number | undefined, query: QueryOf<typeof BoardQuery>) =>
    ['pipelines', 'board', pipelineId, query] as const,
};
const customerKeys = keysFor('customers');
const contactKeys = keysFor('contacts');

export function usePipelines() {
  return useQuery({ queryKey: pipelineKeys.all, queryFn: pipelinesApi.list, staleTime: 60_000 });
}

export function useBoard(pipelineId: number | undefined, query: QueryOf<typeof BoardQuery>) {
  return useQuery({
    queryKey: pipelineKeys.board(pipelineId, query),
    queryFn: () => pipelinesApi.board(pipelineId!, query),
    enabled: Boolean(pipelineId),
    placeholderData: keepPreviousData,
  });
}

export function useOpportunities(query: QueryOf<typeof OpportunityQuery>) {
  return useQuery({
    queryKey: opportunityKeys.list(query),
    queryFn: () => opportunitiesApi.list(query),
    placeholderData: keepPreviousData,
  });
}

export function useOpportunity(id: number) {
  return useQuery({ queryKey: opportunityKeys.detail(id), queryFn: () => opportunitiesApi.get(id) });
}

export function useForecast(query: QueryOf<typeof ForecastQuery>) {
  return useQuery({ queryKey: opportunityKeys.forecast(query), queryFn: () => opportunitiesApi.forecast(query) });
}

export function useSaveOpportunity() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof OpportunityInput> }) =>
      id ? opportunitiesApi.update(id, body) : opportunitiesApi.create(body),
    onSuccess: () => refresh('opportunities'),
  });
}

/** Changes some fields of an opportunity, such as its stage when its card is moved on the board. */
export function useUpdateOpportunity() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: Body<typeof OpportunityPatch> }) =>
      opportunitiesApi.update(id, body),
    onSuccess: () => refresh('opportunities'),
  });
}

export function useBulkUpdateOpportunities() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: opportunitiesApi.bulkUpdate, onSuccess: () => refresh('opportunities') });
}

export function useDeleteOpportunity() {
  const refreshAfterDelete = useRefreshAfterDelete();
  return useMutation({
    mutationFn: opportunitiesApi.remove,
    onSuccess: (_, id) => refreshAfterDelete([id], 'opportunities'),
  });
}

/** Customers whose name or code matches, for a field that links a record to one. */
export function useCustomerSearch(q: string, enabled: boolean) {
  const query = { q, pageSize: 20 };
  return useQuery({
    queryKey: customerKeys.list(query),
    queryFn: () => linkedRecordsApi.searchCustomers(q),
    enabled,
  });
}

export function useContactsOfCustomer(customerId: number | null | undefined, enabled: boolean) {
  return useQuery({
    queryKey: contactKeys.part('of-customer', customerId),
    queryFn: () => linkedRecordsApi.contactsOf(customerId!),
    enabled: enabled && Boolean(customerId),
  });
}
