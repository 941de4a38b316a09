import {
  AssignByRulesInput,
  AssignByRulesResult,
  AssignmentDefaultOwner,
  AssignmentRule,
  AssignmentRuleInput,
  AssignmentRuleOrder,
  AssignmentRules,
  IdParams,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './assignment-rules.service.ts';

export function assignmentRulesRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'assignment-rules';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/assignment-rules',
      access: 'assignmentRules.manage',
      tag,
      summary: 'The lead assignment rules in their order (first match wins) and the default owner',
      response: AssignmentRules,
    },
    async () => service.listAssignmentRules(ctx),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/assignment-rules',
      access: 'assignmentRules.manage',
      tag,
      summary: 'Add a rule at the end: conditions (territory, industry, source, score band), a team and a method',
      body: AssignmentRuleInput,
      response: AssignmentRule,
      status: 201,
    },
    async ({ actor, body }) => service.createAssignmentRule(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/assignment-rules/order',
      access: 'assignmentRules.manage',
      tag,
      summary: 'Put the rules in a new order (every rule, once)',
      body: AssignmentRuleOrder,
      response: AssignmentRules,
    },
    async ({ actor, body }) => service.orderAssignmentRules(ctx, actor, body.ids),
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/assignment-rules/default-owner',
      access: 'assignmentRules.manage',
      tag,
      summary: 'Who gets a lead no rule matches (null: nobody by rules)',
      body: AssignmentDefaultOwner,
      response: AssignmentRules,
    },
    async ({ actor, body }) => service.setDefaultOwner(ctx, actor, body.ownerId),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/assignment-rules/:id',
      access: 'assignmentRules.manage',
      tag,
      summary: 'Change a rule (the whole rule is sent)',
      params: IdParams,
      body: AssignmentRuleInput,
      response: AssignmentRule,
    },
    async ({ actor, params, body }) => service.updateAssignmentRule(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/assignment-rules/:id',
      access: 'assignmentRules.manage',
      tag,
      summary: 'Delete a rule',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.deleteAssignmentRule(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/leads/assign-by-rules',
      access: 'leads.assign',
      tag,
      summary: 'Give the chosen leads in your data scope owners by the assignment rules',
      body: AssignByRulesInput,
      response: AssignByRulesResult,
    },
    async ({ actor, body }) => service.assignLeadsByRules(ctx, actor, body.ids),
  );
}
