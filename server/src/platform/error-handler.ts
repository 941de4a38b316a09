import { type Locale, resolveLocale } from '@relate/common';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { constraintError } from './database-errors.ts';
import { AppError, type FieldMessage } from './errors.ts';
import { translate } from './messages.ts';
import { isMalformedMultipart, malformedUpload } from './upload.ts';

export function requestLocale(request: FastifyRequest): Locale {
  return request.actor?.locale ?? request.portalActor?.locale ?? resolveLocale(request.headers['accept-language']);
}

function toAppError(error: FastifyError | Error): AppError {
  if (error instanceof AppError) return error;
  const constraint = constraintError(error);
  if (constraint) return constraint;
  if (isMalformedMultipart(error)) return malformedUpload();
  const fastifyError = error as FastifyError;
  const code = fastifyError.code ?? '';
  const status = fastifyError.statusCode ?? 500;
  if (status === 413 || code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT')
    return new AppError('PAYLOAD_TOO_LARGE');
  if (status === 415 || code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new AppError('UNSUPPORTED_MEDIA_TYPE');
  if (code.startsWith('FST_ERR_CTP') || error instanceof SyntaxError)
    return new AppError('BAD_REQUEST', 'MALFORMED_JSON');
  if (status === 429) return new AppError('RATE_LIMITED');
  if (status >= 400 && status < 500) return new AppError('BAD_REQUEST');
  return new AppError('INTERNAL');
}

function translateField(locale: Locale, message: FieldMessage): string {
  return typeof message === 'string' ? translate(locale, message) : translate(locale, message.key, message.params);
}

/** Every error leaves as `{ error: { code, message, fields? } }` in the caller's language; 5xx details stay in the log. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error as Error);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    const locale = requestLocale(request);
    const fields = appError.fields
      ? Object.fromEntries(Object.entries(appError.fields).map(([k, v]) => [k, translateField(locale, v)]))
      : undefined;
    return reply.code(appError.status).send({
      error: {
        code: appError.code,
        message: translate(locale, appError.messageKey, appError.params),
        ...(fields ? { fields } : {}),
      },
    });
  });
  app.setNotFoundHandler((request, reply) => {
    const locale = requestLocale(request);
    return reply.code(404).send({ error: { code: 'NOT_FOUND', message: translate(locale, 'NOT_FOUND') } });
  });
}
