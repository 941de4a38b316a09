import {
  DeliveryInput,
  IdParams,
  locales,
  Order,
  OrderClose,
  OrderDetail,
  OrderInput,
  OrderPatch,
  OrderQuery,
  pageOf,
  RecordId,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { recordDelivery } from './deliveries.service.ts';
import * as service from './orders.service.ts';

export function ordersRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'orders';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/orders',
      reads: 'replica',
      access: 'orders.view',
      tag,
      summary: 'Sales orders in your data scope',
      query: OrderQuery,
      response: pageOf(Order),
    },
    async ({ actor, query }) => service.listOrders(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/orders/:id',
      access: 'orders.view',
      tag,
      summary: 'One order with its lines (delivered and remaining) and deliveries',
      params: IdParams,
      response: OrderDetail,
    },
    async ({ actor, params }) => service.getOrder(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/orders',
      access: 'orders.create',
      tag,
      summary: 'Create an order (a draft)',
      body: OrderInput,
      response: OrderDetail,
      status: 201,
    },
    async ({ actor, body }) => service.createOrder(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/orders/from-quote',
      access: 'orders.create',
      tag,
      summary: 'Create the order of an accepted quote, with its lines and prices',
      body: z.object({ quoteId: RecordId }),
      response: OrderDetail,
      status: 201,
    },
    async ({ actor, body }) => service.createOrderFromQuote(ctx, actor, body.quoteId),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/orders/:id/pdf',
      access: 'orders.view',
      tag,
      summary: 'The order as a PDF, in the customer’s language unless `locale` is given',
      params: IdParams,
      query: z.object({ locale: z.enum(locales).optional() }),
      produces: 'application/pdf',
    },
    async ({ actor, params, query, reply }) => {
      const { number, pdf } = await service.orderPdf(ctx, actor, params.id, query.locale);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${number}.pdf`)}`)
        .send(pdf);
    },
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/orders/:id',
      access: 'orders.edit',
      tag,
      summary: 'Change a draft order',
      params: IdParams,
      body: OrderPatch,
      response: OrderDetail,
    },
    async ({ actor, params, body }) => service.updateOrder(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/orders/:id/submit',
      access: 'orders.edit',
      tag,
      summary: 'Submit a draft: into its approval flow, or approved at once when none applies',
      params: IdParams,
      response: OrderDetail,
    },
    async ({ actor, params }) => service.submitOrder(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/orders/:id/deliveries',
      access: 'orders.deliver',
      tag,
      summary: 'Record a delivery of some or all remaining quantities',
      params: IdParams,
      body: DeliveryInput,
      response: OrderDetail,
      status: 201,
    },
    async ({ actor, params, body }) => recordDelivery(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/orders/:id/complete',
      access: 'orders.edit',
      tag,
      summary: 'Complete a delivered order',
      params: IdParams,
      response: OrderDetail,
    },
    async ({ actor, params }) => service.completeOrder(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/orders/:id/cancel',
      access: 'orders.edit',
      tag,
      summary: 'Cancel (or, once partly delivered, terminate) with a reason',
      params: IdParams,
      body: OrderClose,
      response: OrderDetail,
    },
    async ({ actor, params, body }) => service.closeOrder(ctx, actor, params.id, body.reason),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/orders/:id',
      access: 'orders.delete',
      tag,
      summary: 'Delete a draft or cancelled order',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.deleteOrder(ctx, actor, params.id),
  );
}
