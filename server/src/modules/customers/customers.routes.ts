import {
  BulkAssignInput,
  BulkDeleteInput,
  BulkResult,
  BulkTagsInput,
  Customer,
  CustomerInput,
  CustomerPatch,
  CustomerQuery,
  DuplicateCheckInput,
  DuplicateMatch,
  IdParams,
  MergeInput,
  pageOf,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { customersBulkEditRoutes } from './bulk-edit.routes.ts';
import { mergeCustomers } from './customers.merge.ts';
import * as service from './customers.service.ts';

export function customersRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'customers';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/customers',
      reads: 'replica',
      access: 'customers.view',
      tag,
      summary: 'List customers in your data scope',
      query: CustomerQuery,
      response: pageOf(Customer),
    },
    async ({ actor, query }) => service.listCustomers(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/customers/:id',
      access: 'customers.view',
      tag,
      summary: 'One customer',
      params: IdParams,
      response: Customer,
    },
    async ({ actor, params }) => service.getCustomer(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/customers',
      access: 'customers.create',
      tag,
      summary: 'Create a customer',
      body: CustomerInput,
      response: Customer,
      status: 201,
    },
    async ({ actor, body }) => service.createCustomer(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/customers/:id',
      access: 'customers.edit',
      tag,
      summary: 'Change a customer',
      params: IdParams,
      body: CustomerPatch,
      response: Customer,
    },
    async ({ actor, params, body }) => service.updateCustomer(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/customers/:id',
      access: 'customers.delete',
      tag,
      summary: 'Move a customer to the recycle bin',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.deleteCustomer(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/customers/duplicates',
      access: 'customers.view',
      tag,
      summary: 'Possible duplicates by name, phone or email',
      body: DuplicateCheckInput,
      response: z.array(DuplicateMatch),
    },
    async ({ actor, body }) => service.findDuplicates(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/customers/:id/merge',
      access: 'customers.edit',
      tag,
      summary: 'Merge another customer into this one',
      params: IdParams,
      body: MergeInput,
      response: Customer,
    },
    async ({ actor, params, body }) => mergeCustomers(ctx, actor, params.id, body.sourceId, body.takeFromSource),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/customers/bulk/assign',
      access: 'customers.assign',
      tag,
      summary: 'Give customers to another owner',
      body: BulkAssignInput,
      response: BulkResult,
    },
    async ({ actor, body }) => ({ affected: await service.bulkAssign(ctx, actor, body.ids, body.ownerId) }),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/customers/bulk/tags',
      access: 'customers.edit',
      tag,
      summary: 'Add or remove tags on customers',
      body: BulkTagsInput,
      response: BulkResult,
    },
    async ({ actor, body }) => ({ affected: await service.bulkTags(ctx, actor, body.ids, body.add, body.remove) }),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/customers/bulk/delete',
      access: 'customers.delete',
      tag,
      summary: 'Move customers to the recycle bin',
      body: BulkDeleteInput,
      response: BulkResult,
    },
    async ({ actor, body }) => ({ affected: await service.deleteCustomers(ctx, actor, body.ids) }),
  );
  customersBulkEditRoutes(app, ctx);
}
