import { z } from 'zod';
import { dataScopes, fieldAccessLevels, isPermission, scopedModules } from '../permissions.ts';
import { RecordId } from './common.ts';
import { HomeSectionCode } from './home.ts';

const PermissionName = z.string().refine(isPermission, { message: 'Unknown permission' });

export const RoleInput = z.object({
  name: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().max(100).nullish(),
  description: z.string().trim().max(500).nullish(),
  permissions: z.array(PermissionName).max(500),
  dataScopes: z.partialRecord(z.enum(scopedModules), z.enum(dataScopes)).default({}),
  fieldRules: z.record(z.string().regex(/^[a-z]+\.[a-zA-Z]+$/), z.enum(fieldAccessLevels)).default({}),
  /** The home page's sections for this role; left out or null, those its built-in code or permissions suggest. */
  homeSections: z.array(HomeSectionCode).max(50).nullish(),
  /**
   * A dashboard the role's users see on their home page: a built-in one or one shared with the role;
   * left out or null, none.
   */
  homeDashboardId: RecordId.nullish(),
});
export const RolePatch = z.object({
  name: RoleInput.shape.name.optional(),
  nameEn: RoleInput.shape.nameEn,
  description: RoleInput.shape.description,
  permissions: RoleInput.shape.permissions.optional(),
  dataScopes: z.partialRecord(z.enum(scopedModules), z.enum(dataScopes)).optional(),
  fieldRules: z.record(z.string().regex(/^[a-z]+\.[a-zA-Z]+$/), z.enum(fieldAccessLevels)).optional(),
  homeSections: RoleInput.shape.homeSections,
  homeDashboardId: RoleInput.shape.homeDashboardId,
});
export const Role = z.object({
  id: z.number(),
  code: z.string().nullable(),
  name: z.string(),
  nameEn: z.string().nullable(),
  description: z.string().nullable(),
  permissions: z.array(z.string()),
  dataScopes: z.record(z.string(), z.enum(dataScopes)),
  fieldRules: z.record(z.string(), z.enum(fieldAccessLevels)),
  /** Chosen by an administrator; null: the default sections (`defaultHomeSections`). */
  homeSections: z.array(HomeSectionCode).nullable(),
  /** The dashboard on its users' home page; null: none. */
  homeDashboardId: z.number().nullable(),
  userCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Role = z.infer<typeof Role>;
