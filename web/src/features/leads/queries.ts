import type {
  Body,
  LeadAssignInput,
  LeadConvertInput,
  LeadDuplicateInput,
  LeadInput,
  LeadQuery,
  QueryOf,
} from '@relate/common';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh, useRefreshAfterDelete } from '../../app/query-keys';
import { leadsApi } from './api';

export const leadKeys = keysFor('leads');

export function useLeads(query: QueryOf<typeof LeadQuery>) {
  return useQuery({
    queryKey: leadKeys.list(query),
    queryFn: () => leadsApi.list(query),
    placeholderData: keepPreviousData,
  });
}

export function useLead(id: number) {
  return useQuery({ queryKey: leadKeys.detail(id), queryFn: () => leadsApi.get(id) });
}

export function useSaveLead() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof LeadInput> }) =>
      id ? leadsApi.update(id, body) : leadsApi.create(body),
    onSuccess: () => refresh('leads'),
  });
}

export function useBulkUpdateLeads() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: leadsApi.bulkUpdate, onSuccess: () => refresh('leads') });
}

export function useDeleteLeads() {
  const refreshAfterDelete = useRefreshAfterDelete();
  return useMutation({
    mutationFn: leadsApi.removeMany,
    onSuccess: (_, ids) => refreshAfterDelete(ids, 'leads', 'recycle-bin'),
  });
}

/** Possible duplicates of the lead being written: a read sent as a POST, asked for when a field is left. */
export function useFindLeadDuplicates() {
  return useMutation({ mutationFn: (body: Body<typeof LeadDuplicateInput>) => leadsApi.duplicates(body) });
}

/** A conversion creates or changes the customer, its contact and opportunity, and moves the lead's follow-ups. */
export function useConvertLead() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: Body<typeof LeadConvertInput> }) => leadsApi.convert(id, body),
    onSuccess: () => refresh('leads', 'customers', 'contacts', 'opportunities', 'followups'),
  });
}

export function useAssignLeads() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Body<typeof LeadAssignInput>) => leadsApi.assign(body),
    onSuccess: () => refresh('leads'),
  });
}
