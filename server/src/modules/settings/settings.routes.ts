import { Settings, SettingsPatch } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { getSettings, updateSettings } from './settings.service.ts';

export function settingsRoutes(app: FastifyInstance, { db }: AppContext): void {
  defineRoute(
    app,
    { method: 'GET', url: '/api/v1/settings', access: 'authenticated', tag: 'settings', summary: 'Read system settings', response: Settings },
    async () => getSettings(db),
  );
  defineRoute(
    app,
    { method: 'PATCH', url: '/api/v1/settings', access: 'settings.manage', tag: 'settings', summary: 'Change system settings', body: SettingsPatch, response: Settings },
    async ({ actor, body }) => updateSettings(db, actor, body),
  );
}
