import { CustomField, CustomFieldInput, CustomFieldPatch, CustomFieldQuery, IdParams } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './custom-fields.service.ts';

export function customFieldsRoutes(app: FastifyInstance, { db }: AppContext): void {
  const tag = 'customFields';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/custom-fields',
      access: 'authenticated',
      tag,
      summary: 'Custom field definitions',
      query: CustomFieldQuery,
      response: z.array(CustomField),
    },
    async ({ query }) => service.listCustomFields(db, query.entity),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/custom-fields',
      access: 'customFields.manage',
      tag,
      summary: 'Define a custom field',
      body: CustomFieldInput,
      response: CustomField,
      status: 201,
    },
    async ({ actor, body }) => service.createCustomField(db, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/custom-fields/:id',
      access: 'customFields.manage',
      tag,
      summary: 'Change a custom field',
      params: IdParams,
      body: CustomFieldPatch,
      response: CustomField,
    },
    async ({ actor, params, body }) => service.updateCustomField(db, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/custom-fields/:id',
      access: 'customFields.manage',
      tag,
      summary: 'Delete a custom field',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.deleteCustomField(db, actor, params.id),
  );
}
