import {
  Contract,
  ContractInput,
  ContractPatch,
  ContractQuery,
  ContractRenewal,
  ContractTermination,
  IdParams,
  pageOf,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './contracts.service.ts';

export function contractsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'contracts';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/contracts',
      reads: 'replica',
      access: 'contracts.view',
      tag,
      summary: 'Contracts in your data scope; `endingWithinDays` lists those in force that end soon',
      query: ContractQuery,
      response: pageOf(Contract),
    },
    async ({ actor, query }) => service.listContracts(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/contracts/:id',
      access: 'contracts.view',
      tag,
      summary: 'One contract',
      params: IdParams,
      response: Contract,
    },
    async ({ actor, params }) => service.getContract(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/contracts',
      access: 'contracts.create',
      tag,
      summary: 'Create a contract (a draft)',
      body: ContractInput,
      response: Contract,
      status: 201,
    },
    async ({ actor, body }) => service.createContract(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/contracts/:id',
      access: 'contracts.edit',
      tag,
      summary: 'Change a draft contract',
      params: IdParams,
      body: ContractPatch,
      response: Contract,
    },
    async ({ actor, params, body }) => service.updateContract(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/contracts/:id/submit',
      access: 'contracts.edit',
      tag,
      summary: 'Submit a draft: through its approval flow, or in force at once',
      params: IdParams,
      response: Contract,
    },
    async ({ actor, params }) => service.submitContract(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/contracts/:id/renew',
      access: 'contracts.create',
      tag,
      summary: 'Renew: a linked successor that starts when this one ends',
      params: IdParams,
      body: ContractRenewal,
      response: Contract,
      status: 201,
    },
    async ({ actor, params, body }) => service.renewContract(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/contracts/:id/terminate',
      access: 'contracts.edit',
      tag,
      summary: 'Terminate a contract in force, with a reason',
      params: IdParams,
      body: ContractTermination,
      response: Contract,
    },
    async ({ actor, params, body }) => service.terminateContract(ctx, actor, params.id, body.reason),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/contracts/:id',
      access: 'contracts.delete',
      tag,
      summary: 'Delete a draft contract',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.deleteContract(ctx, actor, params.id),
  );
}
