import type { Body, Page, Pool, PoolCustomer, PoolCustomerQuery, QueryOf, ReleaseInput } from '@relate/common';
import { api } from '../../app/api';

/** A claim's outcome (common's ClaimResult): how many the caller took today, of at most `limitPerDay` (0: no limit). */
export type ClaimResult = { customerId: number; claimsToday: number; limitPerDay: number };

export const poolsApi = {
  list: () => api.get<Pool[]>('/api/v1/pools'),
  customers: (poolId: number, query: QueryOf<typeof PoolCustomerQuery>) =>
    api.get<Page<PoolCustomer>>(`/api/v1/pools/${poolId}/customers`, query),
  claim: (customerId: number) => api.post<ClaimResult>(`/api/v1/pools/customers/${customerId}/claim`),
  release: (customerId: number, body: Body<typeof ReleaseInput>) =>
    api.post<void>(`/api/v1/customers/${customerId}/release`, body),
};
