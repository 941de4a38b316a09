import { BulkEditResult, CustomerBulkEdit } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { bulkEditCustomers } from './bulk-edit.service.ts';

export function customersBulkEditRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/customers/bulk/update',
      access: 'customers.edit',
      tag: 'customers',
      summary: 'Change the same fields of many customers (those outside your data scope are skipped)',
      body: CustomerBulkEdit,
      response: BulkEditResult,
    },
    async ({ actor, body }) => bulkEditCustomers(ctx, actor, body),
  );
}
