import type {
  Body,
  BillingProfileInput,
  InvoiceRegisterInput,
  InvoiceRequestInput,
  InvoiceRequestQuery,
  QueryOf,
} from '@relate/common';
import { useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { billingProfilesApi, invoiceRequestsApi } from './api';

/** A customer's billing profiles are read under the customer: a change to it refreshes them too. */
export const billingProfileKeys = {
  ofCustomer: (customerId: number) => keysFor('customers').part('billing-profiles', customerId),
};
export const invoiceRequestKeys = keysFor('invoice-requests');

export function useBillingProfiles(customerId: number | undefined) {
  return useQuery({
    queryKey: billingProfileKeys.ofCustomer(customerId ?? 0),
    queryFn: () => billingProfilesApi.list(customerId!),
    enabled: Boolean(customerId),
  });
}

export function useSaveBillingProfile(customerId: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof BillingProfileInput> }) =>
      id ? billingProfilesApi.update(id, body) : billingProfilesApi.create(customerId, body),
    onSuccess: () => refresh('customers'),
  });
}

export function useDeleteBillingProfile() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: billingProfilesApi.remove, onSuccess: () => refresh('customers') });
}

export function useInvoiceRequests(query: QueryOf<typeof InvoiceRequestQuery>) {
  return useQuery({ queryKey: invoiceRequestKeys.list(query), queryFn: () => invoiceRequestsApi.list(query) });
}

export function useRequestInvoice() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Body<typeof InvoiceRequestInput>) => invoiceRequestsApi.create(body),
    onSuccess: () => refresh('invoice-requests'),
  });
}

export function useSubmitInvoiceRequest() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: invoiceRequestsApi.submit, onSuccess: () => refresh('invoice-requests') });
}

/** Registers the issued invoice, then attaches its file when one was chosen. */
export function useRegisterInvoice() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async ({ id, body, file }: { id: number; body: Body<typeof InvoiceRegisterInput>; file?: File }) => {
      const invoice = await invoiceRequestsApi.register(id, body);
      if (file) await invoiceRequestsApi.attachFile(invoice.id, file);
      return invoice;
    },
    onSuccess: () => refresh('invoice-requests', 'invoices', 'attachments'),
  });
}
