import {
  BillingProfile,
  BillingProfileInput,
  IdParams,
  Invoice,
  InvoiceRegisterInput,
  InvoiceRequest,
  InvoiceRequestDetail,
  InvoiceRequestInput,
  InvoiceRequestQuery,
  pageOf,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as profiles from './billing-profiles.service.ts';
import * as requests from './invoice-requests.service.ts';

/** Billing profiles of customers and invoice requests (开票信息, 开票申请). */
export function invoicingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'payments';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/customers/:id/billing-profiles',
      access: 'customers.view',
      tag,
      summary: 'The billing profiles (开票信息) of a customer, the default first',
      params: IdParams,
      response: z.array(BillingProfile),
    },
    async ({ actor, params }) => profiles.listBillingProfiles(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/customers/:id/billing-profiles',
      access: 'customers.view',
      tag,
      summary:
        'Add a billing profile to a customer (needs customers.edit, checked after the customer is found in scope)',
      params: IdParams,
      body: BillingProfileInput,
      response: BillingProfile,
      status: 201,
    },
    async ({ actor, params, body }) => profiles.createBillingProfile(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/billing-profiles/:id',
      access: 'customers.view',
      tag,
      summary: 'Change a billing profile (needs customers.edit, checked after its customer is found in scope)',
      params: IdParams,
      body: BillingProfileInput,
      response: BillingProfile,
    },
    async ({ actor, params, body }) => profiles.updateBillingProfile(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/billing-profiles/:id',
      access: 'customers.view',
      tag,
      summary: 'Remove a billing profile (needs customers.edit; requests made out to it keep their copy)',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => profiles.deleteBillingProfile(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/invoice-requests',
      reads: 'replica',
      access: 'invoices.view',
      tag,
      summary: 'Invoice requests (开票申请), in the data scope of the orders',
      query: InvoiceRequestQuery,
      response: pageOf(InvoiceRequest),
    },
    async ({ actor, query }) => requests.listInvoiceRequests(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/invoice-requests/:id',
      access: 'invoices.view',
      tag,
      summary: 'One invoice request with its lines and its amount in capitals',
      params: IdParams,
      response: InvoiceRequestDetail,
    },
    async ({ actor, params }) => requests.getInvoiceRequest(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/invoice-requests',
      access: 'invoices.request',
      tag,
      summary: 'Ask finance for an invoice, made out to a billing profile; it goes to approval at once',
      body: InvoiceRequestInput,
      response: InvoiceRequestDetail,
      status: 201,
    },
    async ({ actor, body }) => requests.createInvoiceRequest(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/invoice-requests/:id/submit',
      access: 'invoices.request',
      tag,
      summary: 'Send a draft or rejected invoice request (again) for approval',
      params: IdParams,
      response: InvoiceRequestDetail,
    },
    async ({ actor, params }) => requests.submitInvoiceRequest(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/invoice-requests/:id/register',
      access: 'invoices.create',
      tag,
      summary: 'Register the invoice issued for an approved request (its number and day; attach its PDF/OFD after)',
      params: IdParams,
      body: InvoiceRegisterInput,
      response: Invoice,
      status: 201,
    },
    async ({ actor, params, body }) => requests.registerInvoice(ctx, actor, params.id, body),
  );
}
