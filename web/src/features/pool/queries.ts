import type { PoolCustomerQuery, QueryOf } from '@relate/common';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { poolsApi } from './api';

type PoolCustomerFilters = QueryOf<typeof PoolCustomerQuery>;

export const poolKeys = {
  ...keysFor('pools'),
  customers: (poolId: number | undefined, filters: PoolCustomerFilters) =>
    ['pools', poolId, 'customers', filters] as const,
};

export function usePools() {
  return useQuery({ queryKey: poolKeys.list(), queryFn: poolsApi.list });
}

/** The customers waiting in a pool; nothing is asked before a pool is chosen. */
export function usePoolCustomers(poolId: number | undefined, filters: PoolCustomerFilters) {
  return useQuery({
    queryKey: poolKeys.customers(poolId, filters),
    queryFn: () => poolsApi.customers(poolId!, filters),
    enabled: poolId !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useClaimCustomer() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: poolsApi.claim,
    // A refused claim (someone else was quicker, the day's limit) refreshes too: the pool has changed.
    onSettled: () => refresh('pools'),
  });
}

export function useReleaseCustomer() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ customerId, reason }: { customerId: number; reason: string }) =>
      poolsApi.release(customerId, { reason }),
    // Not waited for: the page leaves the customer, whom the caller may no longer see.
    onSuccess: () => void refresh('customers'),
  });
}
