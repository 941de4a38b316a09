import type {
  Aging,
  AgingQuery,
  Body,
  Instalment,
  Invoice,
  InvoiceDetail,
  InvoiceCancel,
  InvoiceRedLetterInput,
  InvoiceInput,
  InvoiceQuery,
  Page,
  PaymentPlanInput,
  QueryOf,
  Receipt,
  ReceiptInput,
  ReceiptQuery,
  Receivables,
  ReceivablesQuery,
  Reconciliation,
  ReconciliationQuery,
} from '@relate/common';
import { api, download } from '../../app/api';

export const receivablesApi = {
  /** The instalments an order is to be paid in. */
  plan: (orderId: number) => api.get<Instalment[]>(`/api/v1/orders/${orderId}/payment-plan`),
  setPlan: (orderId: number, body: Body<typeof PaymentPlanInput>) =>
    api.put<Instalment[]>(`/api/v1/orders/${orderId}/payment-plan`, body),
  /** What is planned, invoiced, received and outstanding, summed by the server over every match. */
  figures: (query: QueryOf<typeof ReceivablesQuery>) => api.get<Receivables>('/api/v1/receivables', query),
  aging: (query: QueryOf<typeof AgingQuery>) => api.get<Aging>('/api/v1/receivables/aging', query),
};

export const receiptsApi = {
  list: (query: QueryOf<typeof ReceiptQuery>) => api.get<Page<Receipt>>('/api/v1/receipts', query),
  create: (body: Body<typeof ReceiptInput>) => api.post<Receipt>('/api/v1/receipts', body),
  confirm: (id: number) => api.post<Receipt>(`/api/v1/receipts/${id}/confirm`),
  /** Sends a refund for approval. */
  submit: (id: number) => api.post<Receipt>(`/api/v1/receipts/${id}/submit`),
};

export const invoicesApi = {
  list: (query: QueryOf<typeof InvoiceQuery>) => api.get<Page<Invoice>>('/api/v1/invoices', query),
  /** One invoice with its lines and what red-letter invoices may still credit of each. */
  get: (id: number) => api.get<InvoiceDetail>(`/api/v1/invoices/${id}`),
  create: (body: Body<typeof InvoiceInput>) => api.post<Invoice>('/api/v1/invoices', body),
  cancel: (id: number, body: Body<typeof InvoiceCancel>) => api.post<Invoice>(`/api/v1/invoices/${id}/cancel`, body),
  /** A red-letter invoice (红字发票) offsetting part or all of an issued one. */
  redLetter: (id: number, body: Body<typeof InvoiceRedLetterInput>) =>
    api.post<Invoice>(`/api/v1/invoices/${id}/red-letter`, body),
};

type ReconciliationFilters = QueryOf<typeof ReconciliationQuery>;

export const financeApi = {
  reconciliation: (query: ReconciliationFilters) => api.get<Reconciliation>('/api/v1/finance/reconciliation', query),
  /** Downloads the month's reconciliation as an Excel workbook. */
  downloadReconciliation: (query: ReconciliationFilters) => download('/api/v1/finance/reconciliation.xlsx', query),
};
