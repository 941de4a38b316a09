import type { Body, ContractInput, ContractQuery, ContractRenewal, QueryOf } from '@relate/common';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { contractsApi } from './api';

export const contractKeys = keysFor('contracts');

export function useContracts(query: QueryOf<typeof ContractQuery>) {
  return useQuery({
    queryKey: contractKeys.list(query),
    queryFn: () => contractsApi.list(query),
    placeholderData: keepPreviousData,
  });
}

export function useCreateContract() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Body<typeof ContractInput>) => contractsApi.create(body),
    onSuccess: () => refresh('contracts'),
  });
}

/** Sends a draft for approval (or straight into force when no approval is needed). */
export function useSubmitContract() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: contractsApi.submit, onSuccess: () => refresh('contracts') });
}

export function useRenewContract() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: Body<typeof ContractRenewal> }) => contractsApi.renew(id, body),
    onSuccess: () => refresh('contracts'),
  });
}

export function useTerminateContract() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) => contractsApi.terminate(id, { reason }),
    onSuccess: () => refresh('contracts'),
  });
}

export function useDeleteContract() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: contractsApi.remove, onSuccess: () => refresh('contracts') });
}
