import type { Body, ConsentChannel, ConsentInput, SuppressionInput } from '@relate/common';
import { useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { consentApi, type ConsentRecord } from './api';

export const suppressionKeys = keysFor('suppressions');
const recordKeys = { contacts: keysFor('contacts'), leads: keysFor('leads'), customers: keysFor('customers') };

export function useRecordConsents(record: ConsentRecord) {
  return useQuery({
    queryKey: recordKeys[record.entity].part('consents', record.id),
    queryFn: () => consentApi.of(record),
  });
}

export function useSetConsent(record: ConsentRecord) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Body<typeof ConsentInput>) => consentApi.set(record, body),
    onSuccess: () => refresh(record.entity),
  });
}

export function useSuppressions(query: { page: number; pageSize: number; q?: string; channel?: ConsentChannel }) {
  return useQuery({ queryKey: suppressionKeys.list(query), queryFn: () => consentApi.suppressions(query) });
}

export function useSuppress() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Body<typeof SuppressionInput>) => consentApi.suppress(body),
    onSuccess: () => refresh('suppressions'),
  });
}

export function useUnsuppress() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: consentApi.unsuppress, onSuccess: () => refresh('suppressions') });
}
