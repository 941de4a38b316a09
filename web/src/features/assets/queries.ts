import type {
  AssetInput,
  AssetPatch,
  AssetQuery,
  Body,
  QueryOf,
  ServiceContractInput,
  ServiceContractQuery,
} from '@relate/common';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { assetsApi, serviceContractsApi } from './api';

export const assetKeys = {
  ...keysFor('assets'),
  ofCustomer: (customerId: number | undefined | null) => ['assets', 'of-customer', customerId] as const,
};
export const serviceContractKeys = keysFor('service-contracts');

export function useAssets(query: QueryOf<typeof AssetQuery>) {
  return useQuery({
    queryKey: assetKeys.list(query),
    queryFn: () => assetsApi.list(query),
    placeholderData: keepPreviousData,
  });
}

/** A customer's assets (up to 200), for choosing one; nothing is asked until a customer is chosen. */
export function useCustomerAssets(customerId: number | undefined | null) {
  return useQuery({
    queryKey: assetKeys.ofCustomer(customerId),
    queryFn: () => assetsApi.list({ customerId: customerId!, pageSize: 200 }),
    enabled: Boolean(customerId),
  });
}

export function useSaveAsset() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (change: { id: number; body: Body<typeof AssetPatch> } | { body: Body<typeof AssetInput> }) =>
      'id' in change ? assetsApi.update(change.id, change.body) : assetsApi.create(change.body),
    onSuccess: () => refresh('assets'),
  });
}

export function useDeleteAsset() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: assetsApi.remove, onSuccess: () => refresh('assets') });
}

export function useServiceContracts(query: QueryOf<typeof ServiceContractQuery>) {
  return useQuery({
    queryKey: serviceContractKeys.list(query),
    queryFn: () => serviceContractsApi.list(query),
    placeholderData: keepPreviousData,
  });
}

export function useSaveServiceContract() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof ServiceContractInput> }) =>
      id ? serviceContractsApi.update(id, body) : serviceContractsApi.create(body),
    onSuccess: () => refresh('service-contracts'),
  });
}

export function useDeleteServiceContract() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: serviceContractsApi.remove, onSuccess: () => refresh('service-contracts') });
}
