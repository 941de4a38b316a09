import { Department, DepartmentInput, DepartmentPatch, IdParams } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './departments.service.ts';

export function departmentsRoutes(app: FastifyInstance, { db }: AppContext): void {
  const tag = 'departments';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/departments',
      access: 'org.view',
      tag,
      summary: 'All departments (flat; parentId builds the tree)',
      response: z.array(Department),
    },
    async () => service.listDepartments(db),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/departments/:id',
      access: 'org.view',
      tag,
      summary: 'One department',
      params: IdParams,
      response: Department,
    },
    async ({ params }) => service.getDepartment(db, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/departments',
      access: 'org.manage',
      tag,
      summary: 'Create a department',
      body: DepartmentInput,
      response: Department,
      status: 201,
    },
    async ({ actor, body }) => service.createDepartment(db, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/departments/:id',
      access: 'org.manage',
      tag,
      summary: 'Rename or move a department',
      params: IdParams,
      body: DepartmentPatch,
      response: Department,
    },
    async ({ actor, params, body }) => service.updateDepartment(db, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/departments/:id',
      access: 'org.manage',
      tag,
      summary: 'Delete an empty department',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.deleteDepartment(db, actor, params.id),
  );
}
