import {
  IdParams,
  ScoreReasons,
  ScoringGroup,
  ScoringGroupInput,
  ScoringRecomputeResult,
  ScoringRule,
  ScoringRuleInput,
  ScoringSetup,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './scoring.service.ts';

export function scoringRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'scoring';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/scoring',
      access: 'leads.view',
      tag,
      summary: 'The score groups with their field and behaviour rules',
      response: ScoringSetup,
    },
    async () => service.getScoringSetup(ctx),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/scoring/groups',
      access: 'scoring.manage',
      tag,
      summary: 'Add a score group (with its decay)',
      body: ScoringGroupInput,
      response: ScoringGroup,
      status: 201,
    },
    async ({ actor, body }) => service.createScoringGroup(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/scoring/groups/:id',
      access: 'scoring.manage',
      tag,
      summary: 'Change a score group (the whole group is sent)',
      params: IdParams,
      body: ScoringGroupInput,
      response: ScoringGroup,
    },
    async ({ actor, params, body }) => service.updateScoringGroup(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/scoring/groups/:id',
      access: 'scoring.manage',
      tag,
      summary: 'Delete a score group that is not the default, with its rules',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.deleteScoringGroup(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/scoring/rules',
      access: 'scoring.manage',
      tag,
      summary: 'Add a field or behaviour rule to a group',
      body: ScoringRuleInput,
      response: ScoringRule,
      status: 201,
    },
    async ({ actor, body }) => service.createScoringRule(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/scoring/rules/:id',
      access: 'scoring.manage',
      tag,
      summary: 'Change a rule (the whole rule is sent); scores are worked out again',
      params: IdParams,
      body: ScoringRuleInput,
      response: ScoringRule,
    },
    async ({ actor, params, body }) => service.updateScoringRule(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/scoring/rules/:id',
      access: 'scoring.manage',
      tag,
      summary: 'Delete a rule; the reasons it gave stop counting',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.deleteScoringRule(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/scoring/recompute',
      access: 'scoring.manage',
      tag,
      summary: 'Work every lead and contact score out again (a background job)',
      response: ScoringRecomputeResult,
      status: 202,
    },
    async ({ actor }) => service.requestRecompute(ctx, actor),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/leads/:id/score-reasons',
      access: 'leads.view',
      tag,
      summary: "A lead's score and its reasons per score group",
      params: IdParams,
      response: ScoreReasons,
    },
    async ({ actor, params }) => service.scoreReasons(ctx, actor, 'leads', params.id),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/contacts/:id/score-reasons',
      access: 'contacts.view',
      tag,
      summary: "A contact's score and its reasons per score group",
      params: IdParams,
      response: ScoreReasons,
    },
    async ({ actor, params }) => service.scoreReasons(ctx, actor, 'contacts', params.id),
  );
}
