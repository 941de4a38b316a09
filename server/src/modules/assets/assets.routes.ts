import {
  Asset,
  AssetInput,
  AssetPatch,
  AssetQuery,
  IdParams,
  pageOf,
  ServiceContract,
  ServiceContractInput,
  ServiceContractQuery,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as assets from './assets.service.ts';
import * as contracts from './service-contracts.service.ts';

export function assetsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'assets';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/assets',
      reads: 'replica',
      access: 'assets.view',
      tag,
      summary: 'Installed products of customers you can see, with their warranty',
      query: AssetQuery,
      response: pageOf(Asset),
    },
    async ({ actor, query }) => assets.listAssets(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/assets/:id',
      access: 'assets.view',
      tag,
      summary: 'One asset',
      params: IdParams,
      response: Asset,
    },
    async ({ actor, params }) => assets.getAsset(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/assets',
      access: 'assets.manage',
      tag,
      summary: 'Record an installed product at a customer',
      body: AssetInput,
      response: Asset,
      status: 201,
    },
    async ({ actor, body }) => assets.createAsset(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/assets/:id',
      access: 'assets.manage',
      tag,
      summary: 'Change an asset',
      params: IdParams,
      body: AssetPatch,
      response: Asset,
    },
    async ({ actor, params, body }) => assets.updateAsset(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/assets/:id',
      access: 'assets.manage',
      tag,
      summary: 'Delete an asset',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => assets.deleteAsset(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/service-contracts',
      reads: 'replica',
      access: 'assets.view',
      tag,
      summary: 'Service contracts (entitlements) with what has been used of them',
      query: ServiceContractQuery,
      response: pageOf(ServiceContract),
    },
    async ({ actor, query }) => contracts.listServiceContracts(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/service-contracts/:id',
      access: 'assets.view',
      tag,
      summary: 'One service contract',
      params: IdParams,
      response: ServiceContract,
    },
    async ({ actor, params }) => contracts.getServiceContract(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/service-contracts',
      access: 'assets.manage',
      tag,
      summary: 'Add a service contract: period, covered assets (none: all), visits or hours, response promise',
      body: ServiceContractInput,
      response: ServiceContract,
      status: 201,
    },
    async ({ actor, body }) => contracts.saveServiceContract(ctx, actor, null, body),
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/service-contracts/:id',
      access: 'assets.manage',
      tag,
      summary: 'Change a service contract',
      params: IdParams,
      body: ServiceContractInput,
      response: ServiceContract,
    },
    async ({ actor, params, body }) => contracts.saveServiceContract(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/service-contracts/:id',
      access: 'assets.manage',
      tag,
      summary: 'Delete a service contract',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => contracts.deleteServiceContract(ctx, actor, params.id),
  );
}
