import { Reconciliation, ReconciliationQuery } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { requestLocale } from '../../platform/error-handler.ts';
import { defineRoute } from '../../platform/route.ts';
import { reconciliation, reconciliationWorkbook } from './reconciliation.service.ts';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function financeRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/finance/reconciliation',
      reads: 'replica',
      access: 'receipts.view',
      tag: 'finance',
      summary:
        'A month: contracts signed and orders delivered against payments confirmed and invoices issued, per rep or department',
      query: ReconciliationQuery,
      response: Reconciliation,
    },
    async ({ actor, query }) => reconciliation(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/finance/reconciliation.xlsx',
      reads: 'replica',
      access: 'receipts.view',
      tag: 'finance',
      summary: 'The same as an Excel workbook',
      query: ReconciliationQuery.extend({ format: z.literal('xlsx').optional() }),
      produces: xlsxType,
    },
    async ({ actor, query, request, reply }) => {
      const locale = requestLocale(request);
      const content = await reconciliationWorkbook(await reconciliation(ctx, actor, query), locale);
      return reply
        .type(xlsxType)
        .header('content-disposition', `attachment; filename="reconciliation-${query.month}.xlsx"`)
        .send(content);
    },
  );
}
