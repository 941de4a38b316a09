import {
  allPermissions,
  IdParams,
  permissionModules,
  protectableFields,
  Role,
  RoleInput,
  RolePatch,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './roles.service.ts';

export function rolesRoutes(app: FastifyInstance, { db }: AppContext): void {
  const tag = 'roles';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/permissions',
      access: 'roles.view',
      tag,
      summary: 'The catalogue of function permissions and protectable fields',
      response: z.object({
        modules: z.record(z.string(), z.array(z.string())),
        permissions: z.array(z.string()),
        fields: z.record(z.string(), z.array(z.string())),
      }),
    },
    async () => ({ modules: permissionModules, permissions: allPermissions, fields: protectableFields }),
  );
  defineRoute(
    app,
    { method: 'GET', url: '/api/v1/roles', access: 'roles.view', tag, summary: 'List roles', response: z.array(Role) },
    async () => service.listRoles(db),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/roles/:id',
      access: 'roles.view',
      tag,
      summary: 'One role',
      params: IdParams,
      response: Role,
    },
    async ({ params }) => service.getRole(db, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/roles',
      access: 'roles.manage',
      tag,
      summary: 'Create a role',
      body: RoleInput,
      response: Role,
      status: 201,
    },
    async ({ actor, body }) => service.createRole(db, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/roles/:id',
      access: 'roles.manage',
      tag,
      summary: 'Edit a role',
      params: IdParams,
      body: RolePatch,
      response: Role,
    },
    async ({ actor, params, body }) => service.updateRole(db, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/roles/:id',
      access: 'roles.manage',
      tag,
      summary: 'Delete an unused custom role',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.deleteRole(db, actor, params.id),
  );
}
