import type {
  AgingQuery,
  Body,
  InvoiceInput,
  InvoiceRedLetterInput,
  InvoiceQuery,
  PaymentPlanInput,
  QueryOf,
  ReceiptInput,
  ReceiptQuery,
  ReceivablesQuery,
  ReconciliationQuery,
} from '@relate/common';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { financeApi, invoicesApi, receiptsApi, receivablesApi } from './api';

const orderKeys = keysFor('orders');
export const receivableKeys = {
  ...keysFor('receivables'),
  aging: (query: object) => keysFor('receivables').part('aging', query),
};
/** An order's payment plan is read under the order: a change to the order refreshes it too. */
export const paymentPlanKeys = { detail: (orderId: number) => orderKeys.part('payment-plan', orderId) };
export const receiptKeys = keysFor('receipts');
export const invoiceKeys = keysFor('invoices');
export const financeKeys = { reconciliation: (query: object) => keysFor('finance').part('reconciliation', query) };

export function usePaymentPlan(orderId: number) {
  return useQuery({ queryKey: paymentPlanKeys.detail(orderId), queryFn: () => receivablesApi.plan(orderId) });
}

/** The plan the server answers with is shown at once; what is owed is read again everywhere it shows. */
export function useSetPaymentPlan() {
  const queryClient = useQueryClient();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ orderId, body }: { orderId: number; body: Body<typeof PaymentPlanInput> }) =>
      receivablesApi.setPlan(orderId, body),
    onSuccess: (plan, { orderId }) => {
      queryClient.setQueryData(paymentPlanKeys.detail(orderId), plan);
      return refresh('receivables');
    },
  });
}

export function useReceivables(query: QueryOf<typeof ReceivablesQuery>) {
  return useQuery({ queryKey: receivableKeys.list(query), queryFn: () => receivablesApi.figures(query) });
}

export function useAging(query: QueryOf<typeof AgingQuery>) {
  return useQuery({
    queryKey: receivableKeys.aging(query),
    queryFn: () => receivablesApi.aging(query),
    placeholderData: keepPreviousData,
  });
}

export function useReceipts(query: QueryOf<typeof ReceiptQuery>, enabled = true) {
  return useQuery({ queryKey: receiptKeys.list(query), queryFn: () => receiptsApi.list(query), enabled });
}

export function useRecordReceipt() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Body<typeof ReceiptInput>) => receiptsApi.create(body),
    onSuccess: () => refresh('receipts'),
  });
}

export function useConfirmReceipt() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: receiptsApi.confirm, onSuccess: () => refresh('receipts') });
}

/** Sends a refund for approval: it then waits in the approvers' lists. */
export function useSubmitRefund() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: receiptsApi.submit, onSuccess: () => refresh('receipts', 'approvals') });
}

export function useInvoices(query: QueryOf<typeof InvoiceQuery>) {
  return useQuery({ queryKey: invoiceKeys.list(query), queryFn: () => invoicesApi.list(query) });
}

export function useInvoice(id: number | undefined) {
  return useQuery({ queryKey: invoiceKeys.detail(id), queryFn: () => invoicesApi.get(id!), enabled: Boolean(id) });
}

export function useIssueInvoice() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Body<typeof InvoiceInput>) => invoicesApi.create(body),
    onSuccess: () => refresh('invoices'),
  });
}

export function useCancelInvoice() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) => invoicesApi.cancel(id, { reason }),
    onSuccess: () => refresh('invoices'),
  });
}

export function useRedLetterInvoice() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: Body<typeof InvoiceRedLetterInput> }) =>
      invoicesApi.redLetter(id, body),
    onSuccess: () => refresh('invoices'),
  });
}

export function useReconciliation(query: QueryOf<typeof ReconciliationQuery>) {
  return useQuery({
    queryKey: financeKeys.reconciliation(query),
    queryFn: () => financeApi.reconciliation(query),
  });
}
