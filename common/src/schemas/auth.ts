import { z } from 'zod';
import { locales } from '../locale.ts';

export const LoginInput = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
  captchaId: z.string().max(64).optional(),
  captchaText: z.string().max(16).optional(),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const ChangePasswordInput = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});

export const Captcha = z.object({ id: z.string(), svg: z.string() });

export const SessionUser = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  departmentId: z.number().nullable(),
  locale: z.enum(locales),
  roleIds: z.array(z.number()),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const FieldRules = z.record(z.string(), z.enum(['hidden', 'readonly']));

export const SessionInfo = z.object({
  user: SessionUser,
  permissions: z.array(z.string()),
  dataScopes: z.record(z.string(), z.string()),
  fieldRules: FieldRules,
  csrfToken: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;
/** Whether the caller is signed in: the app asks this on every start, without a 401 for a visitor. */
export const SessionState = z.object({ session: SessionInfo.nullable() });
export type SessionState = z.infer<typeof SessionState>;

export const ApiKeyInput = z.object({ name: z.string().trim().min(1).max(100) });
export const ApiKey = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export type ApiKey = z.infer<typeof ApiKey>;
export const CreatedApiKey = z.object({ id: z.number(), name: z.string(), key: z.string() });
