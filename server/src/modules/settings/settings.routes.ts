import { CompanyLogoInfo, Settings, SettingsPatch } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { notFound } from '../../platform/errors.ts';
import { readLogo, removeLogo, saveLogo } from './company-logo.ts';
import { getSettings, updateSettings } from './settings.service.ts';
import { uploadedFile } from '../../platform/upload.ts';

export function settingsRoutes(app: FastifyInstance, { db }: AppContext): void {
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/settings/logo/info',
      access: 'authenticated',
      tag: 'settings',
      summary: 'Whether the company has a logo',
      response: CompanyLogoInfo,
    },
    async () => ({ hasLogo: Boolean(await readLogo(db)) }),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/settings/logo',
      access: 'authenticated',
      tag: 'settings',
      summary: 'The company logo printed on documents (404 when there is none)',
      produces: 'image/png',
    },
    async ({ reply }) => {
      const logo = await readLogo(db);
      if (!logo) throw notFound();
      return reply.type(logo.contentType).header('cache-control', 'no-cache').send(logo.data);
    },
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/settings/logo',
      access: 'settings.manage',
      tag: 'settings',
      summary: 'Set the company logo (multipart field `file`: PNG or JPEG, at most 512 KB)',
      consumes: 'multipart/form-data',
      status: 204,
    },
    async ({ actor, request }) => {
      await saveLogo(db, actor, await uploadedFile(request));
    },
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/settings/logo',
      access: 'settings.manage',
      tag: 'settings',
      summary: 'Remove the company logo',
      status: 204,
    },
    async ({ actor }) => removeLogo(db, actor),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/settings',
      access: 'authenticated',
      tag: 'settings',
      summary: 'Read system settings',
      response: Settings,
    },
    async () => getSettings(db),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/settings',
      access: 'settings.manage',
      tag: 'settings',
      summary: 'Change system settings',
      body: SettingsPatch,
      response: Settings,
    },
    async ({ actor, body }) => updateSettings(db, actor, body),
  );
}
