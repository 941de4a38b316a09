import type { Warehouse } from '@relate/common';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';

export const inventoryKeys = { all: ['inventory'] as const, warehouses: ['inventory', 'warehouses'] as const };

export function useWarehouses() {
  return useQuery({ queryKey: inventoryKeys.warehouses, queryFn: () => api.get<Warehouse[]>('/api/v1/warehouses') });
}
