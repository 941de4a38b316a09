import { MailSettings, MailSettingsInput, MailTest } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { defineRoute } from '../../platform/route.ts';
import { publicMailSettings, readMailSettings, removeMailSettings, saveMailSettings } from './mail.settings.ts';
import { sendMail } from './mailer.ts';

export function mailRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'settings';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/settings/mail',
      access: 'settings.manage',
      tag,
      summary: 'The outgoing mail server (without its password), or null',
      response: MailSettings.nullable(),
    },
    async () => publicMailSettings(ctx.db),
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/settings/mail',
      access: 'settings.manage',
      tag,
      summary: 'Set the outgoing mail server',
      body: MailSettingsInput,
      response: MailSettings,
    },
    async ({ actor, body }) => saveMailSettings(ctx.db, actor, body, ctx.config.sessionSecret),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/settings/mail',
      access: 'settings.manage',
      tag,
      summary: 'Stop sending email',
      status: 204,
    },
    async ({ actor }) => removeMailSettings(ctx.db, actor),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/settings/mail/test',
      access: 'settings.manage',
      tag,
      summary: 'Send a test message through the configured server',
      body: MailTest,
      status: 204,
    },
    async ({ body }) => {
      const settings = await readMailSettings(ctx.db, ctx.config.sessionSecret);
      if (!settings) throw new AppError('CONFLICT', 'mailNotConfigured');
      try {
        await sendMail(settings, {
          to: body.to,
          subject: 'Relate: test message / 测试邮件',
          text: 'The mail server works. 邮件服务器配置正确。',
        });
      } catch (error) {
        throw new AppError('UPSTREAM_FAILED', 'mailRefused', undefined, {
          reason: (error as Error).message.slice(0, 200),
        });
      }
    },
  );
}
