import {
  Aging,
  AgingQuery,
  IdParams,
  Instalment,
  InstalmentNoteList,
  Invoice,
  InvoiceCancel,
  InvoiceDetail,
  InvoiceInput,
  InvoiceQuery,
  InvoiceRedLetterInput,
  pageOf,
  PaymentPlanInput,
  Receipt,
  ReceiptInput,
  ReceiptQuery,
  Receivables,
  ReceivablesQuery,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { instalmentNotesOfOrder } from './instalment-notes.ts';
import * as invoices from './invoices.service.ts';
import * as plans from './payment-plans.service.ts';
import * as receipts from './receipts.service.ts';
import { aging, receivables } from './receivables.service.ts';
import { invoicingRoutes } from './invoicing.routes.ts';

export function paymentsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'payments';
  invoicingRoutes(app, ctx);
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/orders/:id/payment-plan',
      access: 'orders.view',
      tag,
      summary: 'The instalments of an order with what was received on each',
      params: IdParams,
      response: z.array(Instalment),
    },
    async ({ actor, params }) => plans.instalmentsOfOrder(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/orders/:id/payment-plan',
      access: 'orders.view',
      tag,
      summary:
        'Set the instalments of an order (by amount or percentage; they must add up to the total; needs orders.edit, checked after the order is found in scope)',
      params: IdParams,
      body: PaymentPlanInput,
      response: z.array(Instalment),
    },
    async ({ actor, params, body }) => plans.setPaymentPlan(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/orders/:id/instalment-notes',
      access: 'orders.view',
      tag,
      summary: 'Notes on the order’s instalments, such as a promise to pay made on a dunning call',
      params: IdParams,
      response: InstalmentNoteList,
    },
    async ({ actor, params }) => ({ items: await instalmentNotesOfOrder(ctx, actor, params.id) }),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/receipts',
      reads: 'replica',
      access: 'receipts.view',
      tag,
      summary: 'Payments received, in your data scope',
      query: ReceiptQuery,
      response: pageOf(Receipt),
    },
    async ({ actor, query }) => receipts.listReceipts(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/receipts/:id',
      access: 'receipts.view',
      tag,
      summary: 'One payment received',
      params: IdParams,
      response: Receipt,
    },
    async ({ actor, params }) => receipts.getReceipt(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/receipts',
      access: 'receipts.create',
      tag,
      summary: 'Record a payment received, matched to instalments; it counts once finance confirms it',
      body: ReceiptInput,
      response: Receipt,
      status: 201,
    },
    async ({ actor, body }) => receipts.createReceipt(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/receipts/:id/confirm',
      access: 'receipts.view',
      tag,
      summary:
        'Confirm a payment received (finance; needs receipts.confirm, checked after the payment is found in scope)',
      params: IdParams,
      response: Receipt,
    },
    async ({ actor, params }) => receipts.confirmReceipt(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/receipts/:id/submit',
      access: 'receipts.view',
      tag,
      summary: 'Submit a refund for approval (approved at once when no flow applies; needs receipts.create)',
      params: IdParams,
      response: Receipt,
    },
    async ({ actor, params }) => receipts.submitRefund(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/receipts/:id',
      access: 'receipts.view',
      tag,
      summary:
        'Delete an unconfirmed payment record (needs receipts.delete; a payment outside your scope is not found)',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => receipts.deleteReceipt(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/receivables',
      reads: 'replica',
      access: 'orders.view',
      tag,
      summary: 'Planned, received, outstanding and overdue amounts with their instalments',
      query: ReceivablesQuery,
      response: Receivables,
    },
    async ({ actor, query }) => receivables(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/receivables/aging',
      reads: 'replica',
      access: 'orders.view',
      tag,
      summary: 'Outstanding amounts by days overdue, per customer, owner or department',
      query: AgingQuery,
      response: Aging,
    },
    async ({ actor, query }) => aging(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/invoices',
      reads: 'replica',
      access: 'invoices.view',
      tag,
      summary: 'Invoices issued, in the data scope of the orders',
      query: InvoiceQuery,
      response: pageOf(Invoice),
    },
    async ({ actor, query }) => invoices.listInvoices(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/invoices/:id',
      access: 'invoices.view',
      tag,
      summary: 'One invoice with its lines, what red-letter invoices may still credit and its amount in capitals',
      params: IdParams,
      response: InvoiceDetail,
    },
    async ({ actor, params }) => invoices.getInvoiceDetail(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/invoices',
      access: 'invoices.create',
      tag,
      summary: 'Record an invoice issued (数电 or paper, special or ordinary), by lines or by amount and tax',
      body: InvoiceInput,
      response: Invoice,
      status: 201,
    },
    async ({ actor, body }) => invoices.createInvoice(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/invoices/:id/cancel',
      access: 'invoices.view',
      tag,
      summary: 'Void an invoice with a reason (needs invoices.cancel; an invoice outside your scope is not found)',
      params: IdParams,
      body: InvoiceCancel,
      response: Invoice,
    },
    async ({ actor, params, body }) => invoices.cancelInvoice(ctx, actor, params.id, body.reason),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/invoices/:id/red-letter',
      access: 'invoices.create',
      tag,
      summary:
        'Issue a red-letter invoice (红字发票) reversing all of an issued invoice or part of its lines (amounts positive, recorded negative)',
      params: IdParams,
      body: InvoiceRedLetterInput,
      response: Invoice,
      status: 201,
    },
    async ({ actor, params, body }) => invoices.issueRedLetter(ctx, actor, params.id, body),
  );
}
