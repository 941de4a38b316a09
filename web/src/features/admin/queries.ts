import type {
  AuditQuery,
  Body,
  CustomFieldInput,
  DepartmentInput,
  DictionaryOptionInput,
  DictionaryType,
  MailSettingsInput,
  QueryOf,
  RecycleQuery,
  RoleInput,
  SettingsPatch,
  UserInput,
  UserQuery,
} from '@relate/common';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import {
  auditLogsApi,
  customFieldsApi,
  departmentsApi,
  dictionariesApi,
  type RecycleEntity,
  recycleBinApi,
  rolesApi,
  settingsApi,
  usersApi,
} from './api';

export const userKeys = keysFor('users');
export const roleKeys = keysFor('roles');
export const permissionKeys = keysFor('permissions');
export const customFieldKeys = keysFor('custom-fields');
export const settingsKeys = {
  ...keysFor('settings'),
  current: ['settings', 'current'] as const,
  mail: ['settings', 'mail'] as const,
};
export const auditLogKeys = keysFor('audit-logs');
export const recycleBinKeys = keysFor('recycle-bin');

// Users

export function useUsers(query: QueryOf<typeof UserQuery>) {
  return useQuery({
    queryKey: userKeys.list(query),
    queryFn: () => usersApi.list(query),
    placeholderData: keepPreviousData,
  });
}

/** Creates a user, or changes one: the username is fixed once created, and a password changes by a reset. */
export function useSaveUser() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof UserInput> }) => {
      if (!id) return usersApi.create(body);
      const { username: _username, password: _password, ...patch } = body;
      return usersApi.update(id, patch);
    },
    // A role's user count changes with the roles of its users.
    onSuccess: () => refresh('users', 'roles'),
  });
}

export function useSetUserStatus() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, status }: { id: number; status: 'active' | 'disabled' }) => usersApi.update(id, { status }),
    onSuccess: () => refresh('users'),
  });
}

/** Sets a user's password; the server revokes their API keys. */
export function useResetUserPassword() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, password }: { id: number; password: string }) => usersApi.resetPassword(id, { password }),
    onSuccess: () => refresh('apikeys'),
  });
}

/** Moves everything a user owns to another user. */
export function useHandOverUser() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, toUserId }: { id: number; toUserId: number }) => usersApi.handOver(id, { toUserId }),
    onSuccess: () => refresh('customers', 'contacts', 'leads', 'opportunities', 'quotes', 'orders', 'tasks', 'tickets'),
  });
}

// Departments (read through useDepartments of components/users)

export function useSaveDepartment() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof DepartmentInput> }) =>
      id ? departmentsApi.update(id, body) : departmentsApi.create(body),
    onSuccess: () => refresh('departments'),
  });
}

export function useDeleteDepartment() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: departmentsApi.remove, onSuccess: () => refresh('departments') });
}

// Roles

export function useRoles({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: roleKeys.list(), queryFn: rolesApi.list, enabled });
}

export function usePermissionCatalogue() {
  return useQuery({ queryKey: permissionKeys.all, queryFn: rolesApi.catalogue });
}

export function useSaveRole() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof RoleInput> }) =>
      id ? rolesApi.update(id, body) : rolesApi.create(body),
    onSuccess: () => refresh('roles'),
  });
}

export function useDeleteRole() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: rolesApi.remove, onSuccess: () => refresh('roles') });
}

// Dictionaries (read through useDictionary of components/dictionaries)

/** Creates an option of a dictionary, or changes one: its code is fixed once created. */
export function useSaveDictionaryOption() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({
      type,
      id,
      body,
    }: {
      type: DictionaryType;
      id?: number;
      body: Body<typeof DictionaryOptionInput>;
    }) => {
      if (!id) return dictionariesApi.create(type, body);
      const { code: _code, ...patch } = body;
      return dictionariesApi.update(type, id, patch);
    },
    onSuccess: () => refresh('dictionaries'),
  });
}

export function useDeleteDictionaryOption() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ type, id }: { type: DictionaryType; id: number }) => dictionariesApi.remove(type, id),
    onSuccess: () => refresh('dictionaries'),
  });
}

// Custom fields

export function useCustomFields() {
  return useQuery({ queryKey: customFieldKeys.list(), queryFn: customFieldsApi.list });
}

/** Creates a custom field, or changes one: its record kind, key and type are fixed once created. */
export function useSaveCustomField() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof CustomFieldInput> }) => {
      if (!id) return customFieldsApi.create(body);
      const { entity: _entity, key: _key, type: _type, ...patch } = body;
      return customFieldsApi.update(id, patch);
    },
    onSuccess: () => refresh('custom-fields'),
  });
}

export function useDeleteCustomField() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: customFieldsApi.remove, onSuccess: () => refresh('custom-fields') });
}

// Settings

export function useSettings() {
  return useQuery({ queryKey: settingsKeys.current, queryFn: settingsApi.get });
}

export function useUpdateSettings() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Body<typeof SettingsPatch>) => settingsApi.update(body),
    onSuccess: () => refresh('settings'),
  });
}

export function useMailServer() {
  return useQuery({ queryKey: settingsKeys.mail, queryFn: settingsApi.mail });
}

export function useSaveMailServer() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Body<typeof MailSettingsInput>) => settingsApi.saveMail(body),
    onSuccess: () => refresh('settings'),
  });
}

export function useRemoveMailServer() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: settingsApi.removeMail, onSuccess: () => refresh('settings') });
}

export function useSendTestMail() {
  return useMutation({ mutationFn: (to: string) => settingsApi.sendTestMail({ to }) });
}

// The picture itself is no cached read: the card shows it by its URL and asks for it again after a change.

/** Whether there is a logo to show. */
export function useLogoInfo() {
  return useQuery({ queryKey: settingsKeys.part('logo'), queryFn: settingsApi.logoInfo });
}

export function useUploadLogo() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: settingsApi.uploadLogo, onSuccess: () => refresh('settings') });
}

export function useRemoveLogo() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: settingsApi.removeLogo, onSuccess: () => refresh('settings') });
}

// Audit log

export function useAuditLogs(query: QueryOf<typeof AuditQuery>) {
  return useQuery({
    queryKey: auditLogKeys.list(query),
    queryFn: () => auditLogsApi.list(query),
    placeholderData: keepPreviousData,
  });
}

// Recycle bin

export function useRecycleBin(query: QueryOf<typeof RecycleQuery>) {
  return useQuery({
    queryKey: recycleBinKeys.list(query),
    queryFn: () => recycleBinApi.list(query),
    placeholderData: keepPreviousData,
  });
}

export function useRestoreDeleted() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ entity, id }: { entity: RecycleEntity; id: number }) => recycleBinApi.restore(entity, id),
    onSuccess: (_, { entity }) => refresh('recycle-bin', entity),
  });
}

export function usePurgeDeleted() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ entity, id }: { entity: RecycleEntity; id: number }) => recycleBinApi.purge(entity, id),
    onSuccess: () => refresh('recycle-bin'),
  });
}
