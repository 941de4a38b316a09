import {
  IdParams,
  MarginQuery,
  MarginReport,
  pageOf,
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
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { marginReport } from './margins.service.ts';
import * as stock from './stock.service.ts';
import * as warehouses from './warehouses.service.ts';

export function inventoryRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'inventory';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/warehouses',
      access: 'inventory.view',
      tag,
      summary: 'All warehouses, the default first',
      response: z.array(Warehouse),
    },
    async () => warehouses.listWarehouses(ctx),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/warehouses',
      access: 'inventory.manage',
      tag,
      summary: 'Add a warehouse (the first one becomes the default)',
      body: WarehouseInput,
      response: Warehouse,
      status: 201,
    },
    async ({ actor, body }) => warehouses.createWarehouse(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/warehouses/:id',
      access: 'inventory.manage',
      tag,
      summary: 'Change a warehouse',
      params: IdParams,
      body: WarehousePatch,
      response: Warehouse,
    },
    async ({ actor, params, body }) => warehouses.updateWarehouse(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/warehouses/:id',
      access: 'inventory.manage',
      tag,
      summary: 'Delete a warehouse that never held stock',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => warehouses.deleteWarehouse(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/stock',
      reads: 'replica',
      access: 'inventory.view',
      tag,
      summary:
        'Stock of tracked products: on hand, reserved, available, per warehouse; `lowOnly` lists those below their reorder level',
      query: StockQuery,
      response: pageOf(StockLevel),
    },
    async ({ actor, query }) => stock.listStock(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/stock/movements',
      reads: 'replica',
      access: 'inventory.view',
      tag,
      summary: 'Stock movements, newest first, with who, when and why',
      query: StockMovementQuery,
      response: pageOf(StockMovement),
    },
    async ({ actor, query }) => stock.listMovements(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/stock/in',
      access: 'inventory.manage',
      tag,
      summary: 'Receive goods into a warehouse at a unit cost',
      body: StockInInput,
      status: 204,
    },
    async ({ actor, body }) => stock.receiveStock(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/stock/transfer',
      access: 'inventory.manage',
      tag,
      summary: 'Move free units from one warehouse to another',
      body: StockTransferInput,
      status: 204,
    },
    async ({ actor, body }) => stock.transferStock(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/stock/count',
      access: 'inventory.manage',
      tag,
      summary: 'Record a stock-take: the counted quantity replaces the quantity on hand',
      body: StockCountInput,
      status: 204,
    },
    async ({ actor, body }) => stock.countStock(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/inventory/margins',
      reads: 'replica',
      access: 'inventory.costs',
      tag,
      summary: 'Gross margin per product of what was delivered in a period',
      query: MarginQuery,
      response: MarginReport,
    },
    async ({ actor, query }) => marginReport(ctx, actor, query),
  );
}
