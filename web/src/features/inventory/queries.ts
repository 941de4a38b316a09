import type { Body, MarginQuery, QueryOf, StockMovementQuery, StockQuery, WarehouseInput } from '@relate/common';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { stockApi, warehousesApi } from './api';

/** Stock levels, movements and margins: what the inventory pages show. */
export const inventoryKeys = {
  ...keysFor('inventory'),
  stock: (query: object) => keysFor('inventory').part('stock', query),
  movements: (query: object) => keysFor('inventory').part('movements', query),
  margins: (query: object) => keysFor('inventory').part('margins', query),
};
export const warehouseKeys = keysFor('warehouses');

export function useWarehouses() {
  return useQuery({ queryKey: warehouseKeys.all, queryFn: warehousesApi.list });
}

export function useSaveWarehouse() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof WarehouseInput> }) =>
      id ? warehousesApi.update(id, body) : warehousesApi.create(body),
    onSuccess: () => refresh('warehouses'),
  });
}

export function useDeleteWarehouse() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: warehousesApi.remove, onSuccess: () => refresh('warehouses') });
}

export function useStockLevels(query: QueryOf<typeof StockQuery>) {
  return useQuery({
    queryKey: inventoryKeys.stock(query),
    queryFn: () => stockApi.levels(query),
    placeholderData: keepPreviousData,
  });
}

export function useStockMovements(query: QueryOf<typeof StockMovementQuery>) {
  return useQuery({
    queryKey: inventoryKeys.movements(query),
    queryFn: () => stockApi.movements(query),
    placeholderData: keepPreviousData,
  });
}

export function useChangeStock() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: stockApi.change, onSuccess: () => refresh('inventory') });
}

export function useMargins(query: QueryOf<typeof MarginQuery>) {
  return useQuery({ queryKey: inventoryKeys.margins(query), queryFn: () => stockApi.margins(query) });
}
