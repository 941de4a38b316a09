import { ContactQuery, CustomerQuery, LeadQuery, ProductQuery } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { requestLocale } from '../../platform/error-handler.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './exports.service.ts';
import { contentTypes } from './table-writer.ts';

const Format = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });

export function exportsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'exports';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/exports/customers',
      access: 'customers.export',
      tag,
      summary: 'Download the customers you may see that match the list filters',
      query: CustomerQuery.omit({ page: true, pageSize: true, sort: true }).extend(Format.shape),
      produces: contentTypes.xlsx,
    },
    async ({ actor, query, request, reply }) => {
      const { format, ...filter } = query;
      const locale = requestLocale(request);
      const stream = await service.exportCustomers(ctx, actor, locale, format, filter);
      const name = `${locale === 'en' ? 'customers' : '客户'}-${new Date().toISOString().slice(0, 10)}.${format}`;
      return reply
        .type(contentTypes[format])
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(stream);
    },
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/exports/contacts',
      access: 'contacts.export',
      tag,
      summary: 'Download the contacts you may see that match the list filters',
      query: ContactQuery.omit({ page: true, pageSize: true, sort: true }).extend(Format.shape),
      produces: contentTypes.xlsx,
    },
    async ({ actor, query, request, reply }) => {
      const { format, ...filter } = query;
      const locale = requestLocale(request);
      const stream = await service.exportContacts(ctx, actor, locale, format, filter);
      const name = `${locale === 'en' ? 'contacts' : '联系人'}-${new Date().toISOString().slice(0, 10)}.${format}`;
      return reply
        .type(contentTypes[format])
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(stream);
    },
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/exports/leads',
      access: 'leads.export',
      tag,
      summary: 'Download the leads you may see that match the list filters',
      query: LeadQuery.omit({ page: true, pageSize: true, sort: true }).extend(Format.shape),
      produces: contentTypes.xlsx,
    },
    async ({ actor, query, request, reply }) => {
      const { format, ...filter } = query;
      const locale = requestLocale(request);
      const stream = await service.exportLeads(ctx, actor, locale, format, filter);
      const name = `${locale === 'en' ? 'leads' : '线索'}-${new Date().toISOString().slice(0, 10)}.${format}`;
      return reply
        .type(contentTypes[format])
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(stream);
    },
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/exports/products',
      access: 'products.export',
      tag,
      summary: 'Download the product catalogue (optionally filtered)',
      query: ProductQuery.pick({ q: true, categoryId: true, status: true }).extend(Format.shape),
      produces: contentTypes.xlsx,
    },
    async ({ actor, query, request, reply }) => {
      const { format, ...filter } = query;
      const locale = requestLocale(request);
      const stream = await service.exportProducts(ctx, actor, locale, format, filter);
      const name = `${locale === 'en' ? 'products' : '产品'}-${new Date().toISOString().slice(0, 10)}.${format}`;
      return reply
        .type(contentTypes[format])
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(stream);
    },
  );
}
