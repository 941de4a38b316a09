import {
  BulkDeleteInput,
  BulkResult,
  IdParams,
  Lead,
  LeadAssignInput,
  LeadAssignResult,
  LeadConversion,
  LeadConvertInput,
  LeadDuplicate,
  LeadDuplicateInput,
  LeadInput,
  LeadPatch,
  LeadQuery,
  pageOf,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { leadsBulkEditRoutes } from './bulk-edit.routes.ts';
import { leadConsentRoutes } from './consent.routes.ts';
import { assignLeads } from './leads.assign.ts';
import { convertLead } from './leads.convert.ts';
import * as service from './leads.service.ts';

export function leadsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'leads';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/leads',
      reads: 'replica',
      access: 'leads.view',
      tag,
      summary: 'List leads in your data scope',
      query: LeadQuery,
      response: pageOf(Lead),
    },
    async ({ actor, query }) => service.listLeads(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/leads/:id',
      access: 'leads.view',
      tag,
      summary: 'One lead',
      params: IdParams,
      response: Lead,
    },
    async ({ actor, params }) => service.getLead(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/leads',
      access: 'leads.create',
      tag,
      summary: 'Create a lead',
      body: LeadInput,
      response: Lead,
      status: 201,
    },
    async ({ actor, body }) => service.createLead(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/leads/:id',
      access: 'leads.edit',
      tag,
      summary: 'Change a lead',
      params: IdParams,
      body: LeadPatch,
      response: Lead,
    },
    async ({ actor, params, body }) => service.updateLead(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/leads/:id',
      access: 'leads.delete',
      tag,
      summary: 'Move a lead to the recycle bin',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.deleteLead(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/leads/duplicates',
      access: 'leads.view',
      tag,
      summary: 'Possible duplicates among leads, customers and contacts',
      body: LeadDuplicateInput,
      response: z.array(LeadDuplicate),
    },
    async ({ actor, body }) => service.findLeadDuplicates(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/leads/:id/convert',
      access: 'leads.convert',
      tag,
      summary: 'Convert a lead into a customer and contact',
      params: IdParams,
      body: LeadConvertInput,
      response: LeadConversion,
    },
    async ({ actor, params, body }) => convertLead(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/leads/assign',
      access: 'leads.assign',
      tag,
      summary: 'Assign leads by hand, by turns or by load',
      body: LeadAssignInput,
      response: LeadAssignResult,
    },
    async ({ actor, body }) => assignLeads(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/leads/bulk/delete',
      access: 'leads.delete',
      tag,
      summary: 'Move leads to the recycle bin',
      body: BulkDeleteInput,
      response: BulkResult,
    },
    async ({ actor, body }) => ({ affected: await service.deleteLeads(ctx, actor, body.ids) }),
  );
  leadsBulkEditRoutes(app, ctx);
  leadConsentRoutes(app, ctx);
}
