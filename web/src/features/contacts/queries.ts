import type { Body, ContactInput, Locale } from '@relate/common';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { type ContactFilters, contactsApi, portalAccessApi } from './api';

export const contactKeys = {
  ...keysFor('contacts'),
  anniversaries: (days: number) => ['contacts', 'anniversaries', days] as const,
  portalAccess: (contactId: number) => ['contacts', 'portal-access', contactId] as const,
};

export function useContacts(filters: ContactFilters) {
  return useQuery({
    queryKey: contactKeys.list(filters),
    queryFn: () => contactsApi.list(filters),
    placeholderData: keepPreviousData,
  });
}

/** The contacts of one customer (all of them: a customer has few). */
export function useCustomerContacts(customerId: number) {
  const filters = { customerId, pageSize: 200 };
  return useQuery({ queryKey: contactKeys.list(filters), queryFn: () => contactsApi.list(filters) });
}

export function useUpcomingAnniversaries(days: number) {
  return useQuery({
    queryKey: contactKeys.anniversaries(days),
    queryFn: () => contactsApi.upcomingAnniversaries(days),
  });
}

export function useSaveContact() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof ContactInput> }) =>
      id ? contactsApi.update(id, body) : contactsApi.create(body),
    onSuccess: () => refresh('contacts'),
  });
}

export function useDeleteContact() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: contactsApi.remove, onSuccess: () => refresh('contacts') });
}

/** A contact's portal account (null when none); asked for only while `enabled`. */
export function usePortalAccess(contactId: number, enabled: boolean) {
  return useQuery({
    queryKey: contactKeys.portalAccess(contactId),
    queryFn: () => portalAccessApi.get(contactId),
    enabled,
  });
}

/** Invites the contact to the portal (again); the mail is in the given language. */
export function useInviteToPortal(contactId: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (locale: Locale) => portalAccessApi.invite(contactId, { locale }),
    // Not waited for: the reply holds the link the dialog shows, and the views that show the contact can
    // catch up behind it.
    onSuccess: () => void refresh('contacts'),
  });
}

/** Turns a contact's portal account off (`enabled: false`) or on again. */
export function useSwitchPortalAccess(contactId: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (enabled: boolean) =>
      enabled ? portalAccessApi.enable(contactId) : portalAccessApi.disable(contactId),
    onSuccess: () => refresh('contacts'),
  });
}
