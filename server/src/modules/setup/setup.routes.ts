import { SetupChecklist, SetupChecklistPatch } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './setup.service.ts';

export function setupRoutes(app: FastifyInstance, { db }: AppContext): void {
  const tag = 'settings';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/setup/checklist',
      access: 'settings.manage',
      tag,
      summary:
        "A new install's set-up steps (company, departments, users, dictionaries, SLA policy, mail server), each ticked when done",
      response: SetupChecklist,
    },
    async () => service.setupChecklist(db),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/setup/checklist',
      access: 'settings.manage',
      tag,
      summary: 'Hide or show the set-up checklist; tick the steps only an administrator can judge done (dictionaries)',
      body: SetupChecklistPatch,
      response: SetupChecklist,
    },
    async ({ body }) => service.updateSetupChecklist(db, body),
  );
}
