import {
  IdParams,
  pageOf,
  TechnicianSkills,
  TechnicianPosition,
  WorkOrder,
  WorkOrderCancel,
  WorkOrderCheckIn,
  WorkOrderCheckOut,
  WorkOrderDispatch,
  WorkOrderInput,
  WorkOrderQuery,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './work-orders.service.ts';

export function workOrdersRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'work orders';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/work-orders',
      reads: 'replica',
      access: 'workOrders.view',
      tag,
      summary: 'Work orders in your data scope by appointment; `mine` for a technician’s own',
      query: WorkOrderQuery,
      response: pageOf(WorkOrder),
    },
    async ({ actor, query }) => service.listWorkOrders(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/work-orders/:id',
      access: 'workOrders.view',
      tag,
      summary: 'One work order',
      params: IdParams,
      response: WorkOrder,
    },
    async ({ actor, params }) => service.getWorkOrder(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/work-orders',
      access: 'workOrders.dispatch',
      tag,
      summary: 'Create an on-site work order for a ticket, dispatched to the named or the best free technician',
      body: WorkOrderInput,
      response: WorkOrder,
      status: 201,
    },
    async ({ actor, body }) => service.createWorkOrder(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/work-orders/:id/dispatch',
      access: 'workOrders.dispatch',
      tag,
      summary: 'Dispatch (or re-dispatch) to a technician',
      params: IdParams,
      body: WorkOrderDispatch,
      response: WorkOrder,
    },
    async ({ actor, params, body }) => service.dispatchWorkOrder(ctx, actor, params.id, body.technicianId),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/work-orders/:id/accept',
      access: 'workOrders.work',
      tag,
      summary: 'The technician accepts the job',
      params: IdParams,
      response: WorkOrder,
    },
    async ({ actor, params }) => service.acceptWorkOrder(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/work-orders/:id/check-in',
      access: 'workOrders.work',
      tag,
      summary: 'The technician arrives on site (time and location)',
      params: IdParams,
      body: WorkOrderCheckIn,
      response: WorkOrder,
    },
    async ({ actor, params, body }) => service.checkIn(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/work-orders/:id/check-out',
      access: 'workOrders.work',
      tag,
      summary: 'The technician records the work, parts and signature, and leaves',
      params: IdParams,
      body: WorkOrderCheckOut,
      response: WorkOrder,
    },
    async ({ actor, params, body }) => service.checkOut(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/work-orders/:id/cancel',
      access: 'workOrders.dispatch',
      tag,
      summary: 'Cancel a work order with a reason',
      params: IdParams,
      body: WorkOrderCancel,
      response: WorkOrder,
    },
    async ({ actor, params, body }) => service.cancelWorkOrder(ctx, actor, params.id, body.reason),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/work-orders/:id/signature',
      access: 'workOrders.view',
      tag,
      summary: 'The customer’s signature (PNG)',
      params: IdParams,
      produces: 'image/png',
    },
    async ({ actor, params, reply }) => reply.type('image/png').send(await service.signatureOf(ctx, actor, params.id)),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/work-orders/my-position',
      access: 'workOrders.work',
      tag,
      summary: 'A technician’s phone reports where it is (for dispatch to the nearest free technician)',
      body: TechnicianPosition,
      status: 204,
    },
    async ({ actor, body }) => service.reportPosition(ctx.db, actor.userId, body),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/users/:id/skills',
      access: 'workOrders.view',
      tag,
      summary: 'A technician’s skills',
      params: IdParams,
      response: TechnicianSkills,
    },
    async ({ params }) => ({ skills: await service.skillsOf(ctx, params.id) }),
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/users/:id/skills',
      access: 'workOrders.dispatch',
      tag,
      summary: 'Set a technician’s skills',
      params: IdParams,
      body: TechnicianSkills,
      response: TechnicianSkills,
    },
    async ({ actor, params, body }) => ({ skills: await service.setSkills(ctx, actor, params.id, body.skills) }),
  );
}
