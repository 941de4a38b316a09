import {
  IdParams,
  SmsCallbackAnswer,
  SmsCallbackParams,
  SmsCallbackQuery,
  SmsMessage,
  SmsOutboxList,
  SmsOutboxQuery,
  SmsRecipient,
  SmsSendInput,
  SmsSettings,
  SmsSettingsInput,
  SmsTemplate,
  SmsTemplateInput,
  SmsTemplateList,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './sms.service.ts';
import { checkCallbackSignature, getSmsSettings, saveSmsSettings } from './sms.settings.ts';

/** A provider's push: Aliyun and Tencent's receipts are arrays, a Tencent reply one object. */
const CallbackBody = z.union([z.array(z.record(z.string(), z.unknown())).max(1000), z.record(z.string(), z.unknown())]);

export function smsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'sms';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/settings/sms',
      access: 'settings.manage',
      tag,
      summary: 'The SMS provider (key secrets never shown) and the callback URLs to give it',
      response: SmsSettings.nullable(),
    },
    async () => getSmsSettings(ctx),
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/settings/sms',
      access: 'settings.manage',
      tag,
      summary:
        'Set the SMS provider: Aliyun, Tencent Cloud or the local outbox; a secret left out keeps the stored one',
      body: SmsSettingsInput,
      response: SmsSettings,
    },
    async ({ actor, body }) => saveSmsSettings(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/sms/templates',
      access: 'authenticated',
      tag,
      summary: 'SMS templates: provider template code, signature (签名), text and variable length limits',
      response: SmsTemplateList,
    },
    async () => ({ items: await service.listTemplates(ctx) }),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/sms/templates',
      access: 'settings.manage',
      tag,
      summary: 'Add an SMS template as registered with the provider',
      body: SmsTemplateInput,
      response: SmsTemplate,
      status: 201,
    },
    async ({ actor, body }) => service.createTemplate(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/sms/templates/:id',
      access: 'settings.manage',
      tag,
      summary: 'Change an SMS template',
      params: IdParams,
      body: SmsTemplateInput,
      response: SmsTemplate,
    },
    async ({ actor, params, body }) => service.updateTemplate(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/sms/templates/:id',
      access: 'settings.manage',
      tag,
      summary: 'Delete an SMS template (messages sent with it keep their text)',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => service.deleteTemplate(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/contacts/:id/sms',
      access: 'sms.send',
      tag,
      summary: 'The contact’s mobile number and whether it unsubscribed, before sending an SMS',
      params: IdParams,
      response: SmsRecipient,
    },
    async ({ actor, params }) => service.smsRecipient(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/contacts/:id/sms',
      access: 'sms.send',
      tag,
      summary:
        'Send the contact an SMS from a template (logged on the timeline); 429 past the per-number hourly limit, 409 for an unsubscribed number unless confirmed',
      params: IdParams,
      body: SmsSendInput,
      response: SmsMessage,
      status: 201,
    },
    async ({ actor, params, body }) => service.sendToContact(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/sms/outbox',
      reads: 'replica',
      access: 'settings.manage',
      tag,
      summary: 'What the local outbox provider kept instead of sending (development and tests)',
      query: SmsOutboxQuery,
      response: SmsOutboxList,
    },
    async ({ query }) => service.listOutbox(ctx, query),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/public/v1/sms/callbacks/:provider/:kind',
      access: 'public',
      csrfExempt: true,
      tag,
      summary:
        'A provider’s delivery receipts or replies (“TD”/“退订” unsubscribes); public, signed by the `signature` of the URL shown in the SMS settings, rate-limited',
      params: SmsCallbackParams,
      query: SmsCallbackQuery,
      body: CallbackBody,
      response: SmsCallbackAnswer,
    },
    async ({ params, query, body }) => {
      if (!checkCallbackSignature(ctx.config.sessionSecret, params.provider, params.kind, query.signature))
        throw new AppError('FORBIDDEN', 'smsCallbackSignature');
      return service.handleCallback(ctx, params.provider, params.kind, body);
    },
  );
}
