import type { Body, ConsentChannel, ConsentInput, SuppressionInput } from '@relate/common';
import { useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { consentApi } from './api';

export const suppressionKeys = keysFor('suppressions');
const contactKeys = keysFor('contacts');

export function useContactConsents(contactId: number | undefined) {
  return useQuery({
    queryKey: contactKeys.part('consents', contactId),
    queryFn: () => consentApi.ofContact(contactId!),
    enabled: contactId !== undefined,
  });
}

export function useSetConsent() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ contactId, body }: { contactId: number; body: Body<typeof ConsentInput> }) =>
      consentApi.set(contactId, body),
    onSuccess: () => refresh('contacts'),
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
