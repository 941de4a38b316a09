import type { ErrorCode } from '@relate/common';

const statusByCode: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  CAPTCHA_REQUIRED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  CSRF: 403,
  FORBIDDEN: 403,
  ACCOUNT_DISABLED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  STATEMENT_LOCKED: 409,
  DEPARTMENT_NOT_EMPTY: 409,
  POOL_LIMIT: 409,
  CURRENCY_MISMATCH: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  UPSTREAM_FAILED: 502,
  MAILBOX_LOGIN_FAILED: 400,
  INTERNAL: 500,
};

/**
 * The one error type of the application. `message` is a key into the server's message catalogue
 * (or literal text); `fields` maps field paths to message keys, translated when the reply is built.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly messageKey: string = code,
    readonly fields?: Record<string, FieldMessage>,
    readonly params: Record<string, string | number> = {},
  ) {
    super(messageKey);
    this.status = statusByCode[code];
  }
}

/** A message key with parameters, or text already translated. */
export type FieldMessage = string | { key: string; params?: Record<string, string | number> };

export const notFound = () => new AppError('NOT_FOUND');
export const forbidden = () => new AppError('FORBIDDEN');
export const fieldError = (field: string, key: string, params?: Record<string, string | number>) =>
  new AppError('VALIDATION_FAILED', 'VALIDATION_FAILED', { [field]: { key, params } });

/** The value, or NOT_FOUND when there is none (also for records outside the caller's scope). */
export function orNotFound<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw notFound();
  return value;
}
