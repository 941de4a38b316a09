import {
  Id,
  IdParams,
  PageQuery,
  pageOf,
  Segment,
  SegmentCount,
  SegmentCountInput,
  SegmentFreezeInput,
  SegmentFreezeResult,
  SegmentInput,
  SegmentMember,
  SegmentMembersInput,
  SegmentMembersResult,
  SegmentPatch,
  SegmentQuery,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as freeze from './freeze.service.ts';
import * as segments from './segments.service.ts';

const MemberParams = z.object({ id: Id, entityId: Id });
const MembersQuery = PageQuery.pick({ page: true, pageSize: true });

export function segmentsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'segments';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/segments',
      reads: 'replica',
      access: 'segments.view',
      tag,
      summary: 'List segments (dynamic and static) of customers, contacts and leads',
      query: SegmentQuery,
      response: pageOf(Segment),
    },
    async ({ actor, query }) => segments.listSegments(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/segments/:id',
      access: 'segments.view',
      tag,
      summary: 'One segment with its filter',
      params: IdParams,
      response: Segment,
    },
    async ({ actor, params }) => segments.getSegment(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/segments',
      access: 'segments.manage',
      tag,
      summary: 'Create a segment: a filter tree (dynamic) or chosen members (static)',
      body: SegmentInput,
      response: Segment,
      status: 201,
    },
    async ({ actor, body }) => segments.createSegment(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/segments/:id',
      access: 'segments.manage',
      tag,
      summary: "Rename a segment or change a dynamic segment's filter",
      params: IdParams,
      body: SegmentPatch,
      response: Segment,
    },
    async ({ actor, params, body }) => segments.updateSegment(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/segments/:id',
      access: 'segments.manage',
      tag,
      summary: 'Delete a segment (campaign members frozen from it stay)',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => segments.deleteSegment(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/segments/count',
      access: 'segments.view',
      tag,
      summary: 'Count the records a filter selects among those you see (the live count of the editor)',
      body: SegmentCountInput,
      response: SegmentCount,
    },
    async ({ actor, body }) => segments.countFilter(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/segments/:id/members',
      reads: 'replica',
      access: 'segments.view',
      tag,
      summary: "A page of a segment's members as you see them, in id order, with their total",
      params: IdParams,
      query: MembersQuery,
      response: pageOf(SegmentMember),
    },
    async ({ actor, params, query }) => segments.listSegmentMembers(ctx, actor, params.id, query),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/segments/:id/members',
      access: 'segments.manage',
      tag,
      summary: 'Add records you see to a static segment (those already in it stay as they are)',
      params: IdParams,
      body: SegmentMembersInput,
      response: SegmentMembersResult,
    },
    async ({ actor, params, body }) => segments.addStaticMembers(ctx, actor, params.id, body.ids),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/segments/:id/members/:entityId',
      access: 'segments.manage',
      tag,
      summary: 'Take a record out of a static segment',
      params: MemberParams,
      status: 204,
    },
    async ({ actor, params }) => segments.removeStaticMember(ctx, actor, params.id, params.entityId),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/campaigns/:id/segment-members',
      access: 'campaigns.manage',
      tag,
      summary:
        "Add a segment's members, as you see them now, to a campaign (a snapshot; those already in it stay as they are)",
      params: IdParams,
      body: SegmentFreezeInput,
      response: SegmentFreezeResult,
    },
    async ({ actor, params, body }) => freeze.addSegmentToCampaign(ctx, actor, params.id, body.segmentId),
  );
}
