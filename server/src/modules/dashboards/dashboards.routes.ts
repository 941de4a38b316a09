import {
  Dashboard,
  DashboardInput,
  DashboardPatch,
  HomeDashboardChoice,
  HomeDashboardChoicesQuery,
  IdParams,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import {
  createDashboard,
  deleteDashboardOf,
  getDashboard,
  listDashboards,
  listHomeDashboardChoices,
  updateDashboardOf,
} from './dashboards.service.ts';

export function dashboardRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'dashboards';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/dashboards',
      access: 'authenticated',
      tag,
      summary: 'The dashboards the caller sees: built in, their own, and those shared with their roles or department',
      response: z.array(Dashboard),
    },
    async ({ actor }) => listDashboards(ctx, actor),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/dashboards/home-choices',
      access: 'roles.view',
      tag,
      summary:
        'The dashboards a role’s home page may show: the built-in ones and those shared with the role (without roleId, a role not yet saved: the built-in ones)',
      query: HomeDashboardChoicesQuery,
      response: z.array(HomeDashboardChoice),
    },
    async ({ query }) => listHomeDashboardChoices(ctx.db, query.roleId ?? null),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/dashboards/:id',
      access: 'authenticated',
      tag,
      summary: 'One dashboard: its widgets (each a report run in the viewer’s own scope), period and refresh',
      params: IdParams,
      response: Dashboard,
    },
    async ({ actor, params }) => getDashboard(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/dashboards',
      access: 'authenticated',
      tag,
      summary: 'Saves a dashboard, optionally shared with roles or departments',
      body: DashboardInput,
      response: Dashboard,
      status: 201,
    },
    async ({ actor, body }) => createDashboard(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/dashboards/:id',
      access: 'authenticated',
      tag,
      summary: 'Changes a dashboard (its owner only; a built-in one is copied to be changed)',
      params: IdParams,
      body: DashboardPatch,
      response: Dashboard,
    },
    async ({ actor, params, body }) => updateDashboardOf(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/dashboards/:id',
      access: 'authenticated',
      tag,
      summary: 'Deletes a dashboard (its owner only)',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => deleteDashboardOf(ctx, actor, params.id),
  );
}
