import { ContactQuery, CustomerQuery, type Locale, LeadQuery, ProductQuery } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { requestLocale } from '../../platform/error-handler.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './exports.service.ts';
import { contentTypes, type TableFormat } from './table-writer.ts';

const Format = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });

/** One download: the list's filters (without paging) plus the file format, and the file's name in each language. */
function defineExport<S extends z.ZodObject>(
  app: FastifyInstance,
  ctx: AppContext,
  entity: 'customers' | 'contacts' | 'leads' | 'products',
  spec: {
    summary: string;
    filters: S;
    fileName: Record<Locale, string>;
    write: (
      ctx: AppContext,
      actor: Actor,
      locale: Locale,
      format: TableFormat,
      filter: Omit<z.output<S>, 'format'>,
    ) => Promise<Readable>;
  },
) {
  defineRoute(
    app,
    {
      method: 'GET',
      url: `/api/v1/exports/${entity}`,
      reads: 'replica',
      access: `${entity}.export`,
      tag: 'exports',
      summary: spec.summary,
      query: spec.filters.extend(Format.shape),
      produces: contentTypes.xlsx,
    },
    async ({ actor, query, request, reply }) => {
      const { format, ...filter } = query as z.output<S> & z.output<typeof Format>;
      const locale = requestLocale(request);
      const stream = await spec.write(ctx, actor, locale, format, filter);
      const name = `${spec.fileName[locale]}-${new Date().toISOString().slice(0, 10)}.${format}`;
      return reply
        .type(contentTypes[format])
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(stream);
    },
  );
}

export function exportsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const listFilters = { page: true, pageSize: true, sort: true } as const;
  defineExport(app, ctx, 'customers', {
    summary: 'Download the customers you may see that match the list filters',
    filters: CustomerQuery.omit(listFilters),
    fileName: { 'zh-CN': '客户', en: 'customers' },
    write: service.exportCustomers,
  });
  defineExport(app, ctx, 'contacts', {
    summary: 'Download the contacts you may see that match the list filters',
    filters: ContactQuery.omit(listFilters),
    fileName: { 'zh-CN': '联系人', en: 'contacts' },
    write: service.exportContacts,
  });
  defineExport(app, ctx, 'leads', {
    summary: 'Download the leads you may see that match the list filters',
    filters: LeadQuery.omit(listFilters),
    fileName: { 'zh-CN': '线索', en: 'leads' },
    write: service.exportLeads,
  });
  defineExport(app, ctx, 'products', {
    summary: 'Download the product catalogue (optionally filtered)',
    filters: ProductQuery.pick({ q: true, categoryId: true, status: true }),
    fileName: { 'zh-CN': '产品', en: 'products' },
    write: service.exportProducts,
  });
}
