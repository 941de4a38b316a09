import {
  ClaimResult,
  IdParams,
  pageOf,
  Pool,
  PoolCustomer,
  PoolCustomerQuery,
  PoolInput,
  ReleaseInput,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './pool.service.ts';

export function poolRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'pool';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/pools',
      access: 'pool.view',
      tag,
      summary: 'The public pools open to you, with how many customers each holds',
      response: z.array(Pool),
    },
    async ({ actor }) => service.listPools(ctx, actor),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/pools',
      access: 'pool.manage',
      tag,
      summary: 'Create a department pool',
      body: PoolInput,
      response: Pool,
      status: 201,
    },
    async ({ actor, body }) => service.createPool(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/pools/:id',
      access: 'pool.manage',
      tag,
      summary: 'Delete an empty department pool',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.deletePool(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/pools/:id/customers',
      reads: 'replica',
      access: 'pool.view',
      tag,
      summary: 'Customers waiting in a pool',
      params: IdParams,
      query: PoolCustomerQuery,
      response: pageOf(PoolCustomer),
    },
    async ({ actor, params, query }) => service.poolCustomers(ctx, actor, params.id, query),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/pools/customers/:id/claim',
      access: 'pool.claim',
      tag,
      summary: 'Take a customer from the pool (within the limits)',
      params: IdParams,
      response: ClaimResult,
    },
    async ({ actor, params }) => service.claimCustomer(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/customers/:id/release',
      access: 'pool.release',
      tag,
      summary: 'Put a customer back into the pool, with a reason',
      params: IdParams,
      body: ReleaseInput,
      status: 204,
    },
    async ({ actor, params, body }) => service.releaseCustomer(ctx, actor, params.id, body),
  );
}
