import type { DictionaryType } from '@relate/common';
import { useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, type QueryRoot, useRefresh } from '../app/query-keys';
import {
  type AttachmentHolder,
  attachmentsApi,
  type CustomFieldEntity,
  customFieldsApi,
  customerSearchApi,
  departmentsApi,
  dictionariesApi,
  settingsApi,
  usersApi,
} from './api';

export const dictionaryKeys = {
  ...keysFor('dictionaries'),
  options: (type: DictionaryType) => ['dictionaries', 'options', type] as const,
};
export const userKeys = { ...keysFor('users'), everyone: ['users', 'everyone'] as const };
export const departmentKeys = keysFor('departments');
export const customFieldKeys = keysFor('custom-fields');
export const attachmentKeys = keysFor('attachments');
const customerSearchKey = (q: string) => keysFor('customers').part('search', q);

/** The options of a dictionary, disabled ones included (a record may still hold one). */
export function useDictionary(type: DictionaryType) {
  return useQuery({
    queryKey: dictionaryKeys.options(type),
    queryFn: () => dictionariesApi.options(type),
    staleTime: 5 * 60_000,
  });
}

export function useUsers() {
  return useQuery({ queryKey: userKeys.everyone, queryFn: usersApi.all, staleTime: 60_000 });
}

export function useDepartments() {
  return useQuery({ queryKey: departmentKeys.list(), queryFn: departmentsApi.list, staleTime: 60_000 });
}

/** The enabled custom fields of an entity. */
export function useCustomFields(entity: CustomFieldEntity) {
  return useQuery({
    queryKey: customFieldKeys.list({ entity }),
    queryFn: () => customFieldsApi.list(entity),
    staleTime: 5 * 60_000,
    select: (fields) => fields.filter((f) => f.enabled),
  });
}

/** The company's time zone from the settings (the same cached read as the company's name). */
export function useCompanyTimeZone() {
  return useQuery({
    queryKey: keysFor('settings').part('current'),
    queryFn: settingsApi.get,
    staleTime: 5 * 60_000,
    select: (settings) => settings.timezone,
  });
}

/** Customers matching a search as one types (by name or code), for pickers. */
export function useCustomerSearch(q: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: customerSearchKey(q),
    queryFn: () => customerSearchApi.search(q),
    enabled: options.enabled ?? true,
  });
}

export function useAttachments(holder: AttachmentHolder, id: number, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: attachmentKeys.list({ holder, id }),
    queryFn: () => attachmentsApi.list(holder, id),
    enabled: options.enabled ?? true,
  });
}

/** A file added or removed is also in its record's history (audit entries), so its record's views refresh too. */
const holderRoots: Record<AttachmentHolder, QueryRoot> = {
  customers: 'customers',
  followups: 'followups',
  contracts: 'contracts',
  tickets: 'tickets',
  'work-orders': 'work-orders',
  'kb/articles': 'kb',
  campaigns: 'campaigns',
  invoices: 'invoices',
};

export function useUploadAttachment(holder: AttachmentHolder, id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (file: File) => attachmentsApi.upload(holder, id, file),
    onSuccess: () => refresh('attachments', holderRoots[holder]),
  });
}

export function useDeleteAttachment(holder: AttachmentHolder) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: attachmentsApi.remove,
    onSuccess: () => refresh('attachments', holderRoots[holder]),
  });
}

/** The company's name from the settings (the same cached read as the settings page), once signed in. */
export function useCompanyName(enabled: boolean) {
  return useQuery({
    queryKey: keysFor('settings').part('current'),
    queryFn: settingsApi.get,
    enabled,
    staleTime: 5 * 60_000,
    select: (settings) => settings.companyName,
  });
}
