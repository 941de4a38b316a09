import {
  CustomerMembership,
  IdParams,
  LevelChange,
  LoyaltySettings,
  LoyaltySetup,
  MemberEnrolment,
  MemberLevel,
  MemberLevelChoice,
  MemberLevelInput,
  pageOf,
  PointsAdjustment,
  PointsEntry,
  PointsLedgerQuery,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as levels from './levels.service.ts';
import * as members from './members.service.ts';

export function membershipRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'membership';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/membership/levels',
      access: 'membership.view',
      tag,
      summary: 'Member levels, lowest spend first, with their active members',
      response: z.array(MemberLevel),
    },
    async () => levels.listMemberLevels(ctx),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/membership/levels',
      access: 'membership.admin',
      tag,
      summary: 'Add a member level (discount, points multiplier, the 12-month spend that reaches it)',
      body: MemberLevelInput,
      response: MemberLevel,
      status: 201,
    },
    async ({ actor, body }) => levels.createMemberLevel(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/membership/levels/:id',
      access: 'membership.admin',
      tag,
      summary: 'Change a member level (the whole level is sent)',
      params: IdParams,
      body: MemberLevelInput,
      response: MemberLevel,
    },
    async ({ actor, params, body }) => levels.updateMemberLevel(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/membership/levels/:id',
      access: 'membership.admin',
      tag,
      summary: 'Delete a member level no member is or was at',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => levels.deleteMemberLevel(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/membership/settings',
      access: 'membership.view',
      tag,
      summary: 'The loyalty rules: points per unit paid, what points are worth, when they expire',
      response: LoyaltySetup,
    },
    async () => levels.getLoyaltySetup(ctx),
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/membership/settings',
      access: 'membership.admin',
      tag,
      summary: 'Replace the loyalty rules',
      body: LoyaltySettings,
      response: LoyaltySetup,
    },
    async ({ actor, body }) => levels.updateLoyaltySettings(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/customers/:id/membership',
      access: 'membership.view',
      tag,
      summary: 'A customer’s membership: level, points balance and 12-month spend (member null when none)',
      params: IdParams,
      response: CustomerMembership,
    },
    async ({ actor, params }) => members.getCustomerMembership(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/customers/:id/membership',
      access: 'membership.edit',
      tag,
      summary: 'Enrol the customer as a member (at the lowest level unless one is named)',
      params: IdParams,
      body: MemberEnrolment,
      response: CustomerMembership,
      status: 201,
    },
    async ({ actor, params, body }) => members.enrolMember(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/customers/:id/membership',
      access: 'membership.edit',
      tag,
      summary: 'Set the member’s level by hand, and whether the nightly review keeps it',
      params: IdParams,
      body: MemberLevelChoice,
      response: CustomerMembership,
    },
    async ({ actor, params, body }) => members.chooseMemberLevel(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/customers/:id/membership',
      access: 'membership.edit',
      tag,
      summary: 'End the membership (its number, ledger and balance are kept)',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => members.removeMember(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/customers/:id/membership/ledger',
      reads: 'replica',
      access: 'membership.view',
      tag,
      summary: 'The member’s points ledger, latest first',
      params: IdParams,
      query: PointsLedgerQuery,
      response: pageOf(PointsEntry),
    },
    async ({ actor, params, query }) => members.memberLedger(ctx, actor, params.id, query),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/customers/:id/membership/adjustments',
      access: 'membership.edit',
      tag,
      summary: 'Add or take off points by hand, with a reason (never below zero)',
      params: IdParams,
      body: PointsAdjustment,
      response: CustomerMembership,
      status: 201,
    },
    async ({ actor, params, body }) => members.adjustPoints(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/customers/:id/membership/level-history',
      access: 'membership.view',
      tag,
      summary: 'The member’s level changes, latest first',
      params: IdParams,
      response: z.array(LevelChange),
    },
    async ({ actor, params }) => members.memberLevelHistory(ctx, actor, params.id),
  );
}
