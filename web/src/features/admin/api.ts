import type {
  AuditLog,
  CompanyLogoInfo,
  AuditQuery,
  Body,
  CustomField,
  CustomFieldInput,
  CustomFieldPatch,
  Department,
  DepartmentInput,
  DepartmentPatch,
  DictionaryOption,
  DictionaryOptionInput,
  DictionaryOptionPatch,
  DictionaryType,
  HandoverInput,
  MailSettings,
  MailSettingsInput,
  MailTest,
  Page,
  QueryOf,
  RecycleQuery,
  ResetPasswordInput,
  Role,
  RoleInput,
  RolePatch,
  Settings,
  SettingsPatch,
  User,
  UserInput,
  UserPatch,
  UserQuery,
  recycleEntities,
} from '@relate/common';
import { api } from '../../app/api';

export const usersApi = {
  list: (query: QueryOf<typeof UserQuery>) => api.get<Page<User>>('/api/v1/users', query),
  create: (body: Body<typeof UserInput>) => api.post<User>('/api/v1/users', body),
  update: (id: number, body: Body<typeof UserPatch>) => api.patch<User>(`/api/v1/users/${id}`, body),
  resetPassword: (id: number, body: Body<typeof ResetPasswordInput>) =>
    api.post<{ apiKeysRevoked: number }>(`/api/v1/users/${id}/password`, body),
  /** Moves everything the user owns to another user; `moved` counts the records of each kind. */
  handOver: (id: number, body: Body<typeof HandoverInput>) =>
    api.post<{ moved: Record<string, number> }>(`/api/v1/users/${id}/handover`, body),
};

export const departmentsApi = {
  create: (body: Body<typeof DepartmentInput>) => api.post<Department>('/api/v1/departments', body),
  update: (id: number, body: Body<typeof DepartmentPatch>) => api.patch<Department>(`/api/v1/departments/${id}`, body),
  remove: (id: number) => api.delete(`/api/v1/departments/${id}`),
};

/** What the role editor offers: each module's actions, every permission, and the fields a role can restrict. */
export type PermissionCatalogue = {
  modules: Record<string, string[]>;
  permissions: string[];
  fields: Record<string, string[]>;
};

export const rolesApi = {
  list: () => api.get<Role[]>('/api/v1/roles'),
  catalogue: () => api.get<PermissionCatalogue>('/api/v1/permissions'),
  create: (body: Body<typeof RoleInput>) => api.post<Role>('/api/v1/roles', body),
  update: (id: number, body: Body<typeof RolePatch>) => api.patch<Role>(`/api/v1/roles/${id}`, body),
  remove: (id: number) => api.delete(`/api/v1/roles/${id}`),
};

export const dictionariesApi = {
  create: (type: DictionaryType, body: Body<typeof DictionaryOptionInput>) =>
    api.post<DictionaryOption>(`/api/v1/dictionaries/${type}/options`, body),
  update: (type: DictionaryType, id: number, body: Body<typeof DictionaryOptionPatch>) =>
    api.patch<DictionaryOption>(`/api/v1/dictionaries/${type}/options/${id}`, body),
  remove: (type: DictionaryType, id: number) => api.delete(`/api/v1/dictionaries/${type}/options/${id}`),
};

export const customFieldsApi = {
  list: () => api.get<CustomField[]>('/api/v1/custom-fields'),
  create: (body: Body<typeof CustomFieldInput>) => api.post<CustomField>('/api/v1/custom-fields', body),
  update: (id: number, body: Body<typeof CustomFieldPatch>) =>
    api.patch<CustomField>(`/api/v1/custom-fields/${id}`, body),
  remove: (id: number) => api.delete(`/api/v1/custom-fields/${id}`),
};

export const settingsApi = {
  get: () => api.get<Settings>('/api/v1/settings'),
  update: (body: Body<typeof SettingsPatch>) => api.patch<Settings>('/api/v1/settings', body),
  /** The outgoing mail server, or null when none is set. */
  mail: () => api.get<MailSettings | null>('/api/v1/settings/mail'),
  saveMail: (body: Body<typeof MailSettingsInput>) => api.put<MailSettings>('/api/v1/settings/mail', body),
  removeMail: () => api.delete('/api/v1/settings/mail'),
  sendTestMail: (body: Body<typeof MailTest>) => api.post('/api/v1/settings/mail/test', body),
  /** The logo is shown by its URL; `version` makes the browser fetch it again after a change. */
  logoUrl: (version: number) => `/api/v1/settings/logo?v=${version}`,
  logoInfo: () => api.get<CompanyLogoInfo>('/api/v1/settings/logo/info'),
  uploadLogo: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api.post('/api/v1/settings/logo', form);
  },
  removeLogo: () => api.delete('/api/v1/settings/logo'),
};

export const auditLogsApi = {
  list: (query: QueryOf<typeof AuditQuery>) => api.get<Page<AuditLog>>('/api/v1/audit-logs', query),
};

export type RecycleEntity = (typeof recycleEntities)[number];
/** A deleted customer or contact, kept until `purgeAt`; `detail` is the customer's code or the contact's customer. */
export type RecycleItem = {
  id: number;
  entity: RecycleEntity;
  name: string;
  detail: string | null;
  deletedAt: string;
  deletedByName: string | null;
  purgeAt: string;
};

export const recycleBinApi = {
  list: (query: QueryOf<typeof RecycleQuery>) => api.get<Page<RecycleItem>>('/api/v1/recycle-bin', query),
  restore: (entity: RecycleEntity, id: number) => api.post(`/api/v1/recycle-bin/${entity}/${id}/restore`),
  purge: (entity: RecycleEntity, id: number) => api.delete(`/api/v1/recycle-bin/${entity}/${id}`),
};
