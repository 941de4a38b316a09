import type {
  Body,
  MarginQuery,
  MarginReport,
  Page,
  QueryOf,
  StockCountInput,
  StockInInput,
  StockLevel,
  StockMovement,
  StockMovementQuery,
  StockQuery,
  StockTransferInput,
  Warehouse,
  WarehouseInput,
  WarehousePatch,
} from '@relate/common';
import { api } from '../../app/api';

export const warehousesApi = {
  list: () => api.get<Warehouse[]>('/api/v1/warehouses'),
  create: (body: Body<typeof WarehouseInput>) => api.post<Warehouse>('/api/v1/warehouses', body),
  update: (id: number, body: Body<typeof WarehousePatch>) => api.patch<Warehouse>(`/api/v1/warehouses/${id}`, body),
  remove: (id: number) => api.delete(`/api/v1/warehouses/${id}`),
};

/** A change of stock: goods received, a transfer between warehouses, or a stock-take. */
export type StockChange =
  | { action: 'in'; body: Body<typeof StockInInput> }
  | { action: 'transfer'; body: Body<typeof StockTransferInput> }
  | { action: 'count'; body: Body<typeof StockCountInput> };

export const stockApi = {
  levels: ({ lowOnly, ...query }: QueryOf<typeof StockQuery>) =>
    api.get<Page<StockLevel>>('/api/v1/stock', { ...query, lowOnly: lowOnly ? 'true' : undefined }),
  movements: (query: QueryOf<typeof StockMovementQuery>) =>
    api.get<Page<StockMovement>>('/api/v1/stock/movements', query),
  change: ({ action, body }: StockChange) => api.post<void>(`/api/v1/stock/${action}`, body),
  margins: (query: QueryOf<typeof MarginQuery>) => api.get<MarginReport>('/api/v1/inventory/margins', query),
};
