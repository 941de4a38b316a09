import { CampaignSequenceAnswer, CampaignSequenceInput, CampaignSequencePatch, IdParams } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { originOf } from '../../platform/origin.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './campaign-sequences.service.ts';

export function campaignSequencesRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'campaigns';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/campaigns/:id/sequence',
      access: 'campaigns.view',
      tag,
      summary:
        "A campaign's sequence (drip): its steps with how many members are at each, went through it or were skipped and why, and where its members stand",
      params: IdParams,
      response: CampaignSequenceAnswer,
    },
    async ({ actor, params }) => service.getSequence(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/campaigns/:id/sequence',
      access: 'campaigns.manage',
      tag,
      summary: "Write a campaign's draft sequence: its throttle and all its steps in order (409 once started)",
      params: IdParams,
      body: CampaignSequenceInput,
      response: CampaignSequenceAnswer,
    },
    async ({ actor, params, body }) => service.saveSequence(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/campaigns/:id/sequence',
      access: 'campaigns.manage',
      tag,
      summary: "Start a campaign's sequence, pause it or resume it",
      params: IdParams,
      body: CampaignSequencePatch,
      response: CampaignSequenceAnswer,
    },
    async ({ actor, params, body, request }) =>
      service.changeSequence(ctx, actor, params.id, body.action, originOf(request, ctx.config)),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/campaigns/:id/sequence',
      access: 'campaigns.manage',
      tag,
      summary: "Delete a campaign's draft sequence (409 once started)",
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.deleteSequence(ctx, actor, params.id),
  );
}
