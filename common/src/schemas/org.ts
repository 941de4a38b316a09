import { z } from 'zod';
import { locales } from '../locale.ts';
import { OptionalEmail, CheckedMobile, PageQuery, Id, RecordId } from './common.ts';

export const DepartmentInput = z.object({
  name: z.string().trim().min(1).max(100),
  parentId: RecordId.nullish(),
  managerId: RecordId.nullish(),
  sortOrder: z.number().int().min(0).max(100000).optional(),
});
export const DepartmentPatch = DepartmentInput.partial();
export const Department = z.object({
  id: z.number(),
  name: z.string(),
  parentId: z.number().nullable(),
  managerId: z.number().nullable(),
  sortOrder: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Department = z.infer<typeof Department>;

export const userStatuses = ['active', 'disabled'] as const;

export const UserInput = z.object({
  username: z
    .string()
    .trim()
    .min(2)
    .max(64)
    .regex(/^[a-zA-Z0-9._-]+$/),
  displayName: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
  departmentId: RecordId,
  roleIds: z.array(RecordId).min(1),
  email: OptionalEmail,
  mobile: CheckedMobile,
  managerId: RecordId.nullish(),
  locale: z.enum(locales).optional(),
});
export const UserPatch = UserInput.omit({ password: true, username: true })
  .partial()
  .extend({ status: z.enum(userStatuses).optional() });
export const ResetPasswordInput = z.object({ password: z.string().min(1).max(200) });
export const HandoverInput = z.object({ toUserId: RecordId });
export const UserQuery = PageQuery.extend({
  departmentId: Id.optional(),
  status: z.enum(userStatuses).optional(),
});

export const User = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  departmentId: z.number().nullable(),
  managerId: z.number().nullable(),
  roleIds: z.array(z.number()),
  status: z.enum(userStatuses),
  locale: z.enum(locales),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type User = z.infer<typeof User>;

export const HandoverResult = z.object({ moved: z.record(z.string(), z.number()) });
