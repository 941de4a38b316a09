/** Machine-readable error codes shared by the API and the web app. */
export const errorCodes = [
  'BAD_REQUEST',
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'CAPTCHA_REQUIRED',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'CSRF',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'DEPARTMENT_NOT_EMPTY',
  'POOL_LIMIT',
  'CURRENCY_MISMATCH',
  /** A commission statement submitted, approved or locked: never computed again. */
  'STATEMENT_LOCKED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'UPSTREAM_FAILED',
  'MAILBOX_LOGIN_FAILED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export type ErrorBody = {
  error: { code: ErrorCode; message: string; fields?: Record<string, string> };
};
