import {
  Campaign,
  CampaignCost,
  CampaignCostInput,
  CampaignDetail,
  CampaignInput,
  CampaignMember,
  CampaignMemberPatch,
  CampaignMemberQuery,
  CampaignMembersInput,
  CampaignMembersResult,
  CampaignMembership,
  CampaignMembershipQuery,
  CampaignPatch,
  CampaignQuery,
  Id,
  IdParams,
  PageQuery,
  pageOf,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as campaigns from './campaigns.service.ts';
import * as costs from './costs.service.ts';
import * as members from './members.service.ts';

const CostParams = z.object({ id: Id, costId: Id });
const MemberParams = z.object({ id: Id, memberId: Id });
const LinesQuery = PageQuery.pick({ page: true, pageSize: true });

export function campaignsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'campaigns';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/campaigns',
      reads: 'replica',
      access: 'campaigns.view',
      tag,
      summary: 'List campaigns in your data scope',
      query: CampaignQuery,
      response: pageOf(Campaign),
    },
    async ({ actor, query }) => campaigns.listCampaigns(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/campaigns/:id',
      access: 'campaigns.view',
      tag,
      summary: 'One campaign with its figures, rolled up through the campaigns below it',
      params: IdParams,
      response: CampaignDetail,
    },
    async ({ actor, params }) => campaigns.getCampaign(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/campaigns',
      access: 'campaigns.manage',
      tag,
      summary: 'Create a campaign',
      body: CampaignInput,
      response: CampaignDetail,
      status: 201,
    },
    async ({ actor, body }) => campaigns.createCampaign(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/campaigns/:id',
      access: 'campaigns.manage',
      tag,
      summary: 'Change a campaign (its status moves planned → active → completed, or to cancelled)',
      params: IdParams,
      body: CampaignPatch,
      response: CampaignDetail,
    },
    async ({ actor, params, body }) => campaigns.updateCampaign(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/campaigns/:id',
      access: 'campaigns.manage',
      tag,
      summary: 'Delete a campaign with no campaigns below it',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => campaigns.deleteCampaign(ctx, actor, params.id),
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/campaigns/:id/costs',
      reads: 'replica',
      access: 'campaigns.view',
      tag,
      summary: "A campaign's cost lines",
      params: IdParams,
      query: LinesQuery,
      response: pageOf(CampaignCost),
    },
    async ({ actor, params, query }) => costs.listCampaignCosts(ctx, actor, params.id, query),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/campaigns/:id/costs',
      access: 'campaigns.manage',
      tag,
      summary: 'Add a cost line to a campaign',
      params: IdParams,
      body: CampaignCostInput,
      response: CampaignCost,
      status: 201,
    },
    async ({ actor, params, body }) => costs.addCampaignCost(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/campaigns/:id/costs/:costId',
      access: 'campaigns.manage',
      tag,
      summary: 'Remove a cost line',
      params: CostParams,
      status: 204,
    },
    async ({ actor, params }) => costs.deleteCampaignCost(ctx, actor, params.id, params.costId),
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/campaigns/:id/members',
      reads: 'replica',
      access: 'campaigns.view',
      tag,
      summary: "A campaign's members (leads, contacts and customers) with their status",
      params: IdParams,
      query: CampaignMemberQuery,
      response: pageOf(CampaignMember),
    },
    async ({ actor, params, query }) => members.listCampaignMembers(ctx, actor, params.id, query),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/campaigns/:id/members',
      access: 'campaigns.manage',
      tag,
      summary: 'Add leads, contacts or customers you see to a campaign (those already in it stay as they are)',
      params: IdParams,
      body: CampaignMembersInput,
      response: CampaignMembersResult,
    },
    async ({ actor, params, body }) => members.addCampaignMembers(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/campaigns/:id/members/:memberId',
      access: 'campaigns.manage',
      tag,
      summary: "Change a member's status",
      params: MemberParams,
      body: CampaignMemberPatch,
      status: 204,
    },
    async ({ actor, params, body }) =>
      members.setCampaignMemberStatus(ctx, actor, params.id, params.memberId, body.status),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/campaigns/:id/members/:memberId',
      access: 'campaigns.manage',
      tag,
      summary: 'Remove a member from a campaign',
      params: MemberParams,
      status: 204,
    },
    async ({ actor, params }) => members.removeCampaignMember(ctx, actor, params.id, params.memberId),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/campaign-memberships',
      access: 'campaigns.view',
      tag,
      summary:
        'The campaigns a lead, contact, customer or opportunity (through its lead, customer and contacts) was in',
      query: CampaignMembershipQuery,
      response: z.array(CampaignMembership),
    },
    async ({ actor, query }) => members.membershipsOfRecord(ctx, actor, query.entity, query.id),
  );
}
