import type { BuiltInRoleCode } from '@relate/common';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredRoutes } from '../src/platform/route.ts';
import { type Client, injectWithin, createTestApp, type TestApp } from './app.ts';
import { testDialects } from './databases.ts';
import { createCustomer, createDepartment, createFollowup, createLead, createUserClient, roleId } from './factories.ts';
import { type JsonSchema, plausible } from './openapi-values.ts';

/**
 * Every state-changing route × every built-in role, in a small department tree. The records a route works
 * on belong to a sales rep of another department (West) than the callers (East), so each role either may
 * do it (the function permission, and a data scope that reaches West), is refused for lack of the permission
 * (403), or may not see the record (404, never 403 — that would confirm it exists). Nothing a refused
 * request touched may have changed. A new route must be added to `routeTargets`, naming what its `:id` is.
 */

type RecordKind =
  | 'customer'
  | 'contact'
  | 'lead'
  | 'followup'
  | 'opportunity'
  | 'task'
  | 'quote'
  | 'order'
  | 'contract'
  | 'receipt'
  | 'ticket'
  | 'workOrder';
/** What the route's `:id` names: a record of a data-scoped kind, another record (`other`: an id that does not exist is sent), or nothing. */
type Target = RecordKind | 'other' | 'none';

export const routeTargets: Record<string, Target> = {
  'POST /api/v1/auth/login': 'none',
  'POST /api/v1/auth/logout': 'none',
  'POST /api/v1/auth/password': 'none',
  'PATCH /api/v1/auth/me': 'none',
  'POST /api/v1/apikeys': 'none',
  'DELETE /api/v1/apikeys/:id': 'other',
  'POST /api/v1/settings/logo': 'none',
  'DELETE /api/v1/settings/logo': 'none',
  'PATCH /api/v1/settings': 'none',
  'PATCH /api/v1/setup/checklist': 'none',
  'POST /api/v1/backups': 'none',
  'POST /api/v1/dictionaries/:type/options': 'other',
  'PATCH /api/v1/dictionaries/:type/options/:id': 'other',
  'DELETE /api/v1/dictionaries/:type/options/:id': 'other',
  'POST /api/v1/departments': 'none',
  'PATCH /api/v1/departments/:id': 'other',
  'DELETE /api/v1/departments/:id': 'other',
  'POST /api/v1/users': 'none',
  'PATCH /api/v1/users/:id': 'other',
  'POST /api/v1/users/:id/password': 'other',
  'POST /api/v1/users/:id/handover': 'other',
  'POST /api/v1/roles': 'none',
  'PATCH /api/v1/roles/:id': 'other',
  'DELETE /api/v1/roles/:id': 'other',
  'POST /api/v1/custom-fields': 'none',
  'PATCH /api/v1/custom-fields/:id': 'other',
  'DELETE /api/v1/custom-fields/:id': 'other',
  'POST /api/v1/customers': 'none',
  'PATCH /api/v1/customers/:id': 'customer',
  'DELETE /api/v1/customers/:id': 'customer',
  'POST /api/v1/customers/duplicates': 'none',
  'POST /api/v1/customers/:id/merge': 'customer',
  'POST /api/v1/customers/bulk/assign': 'none',
  'POST /api/v1/customers/bulk/tags': 'none',
  'POST /api/v1/customers/bulk/delete': 'none',
  'POST /api/v1/customers/bulk/update': 'none',
  'POST /api/v1/contacts': 'none',
  'PATCH /api/v1/contacts/:id': 'contact',
  'DELETE /api/v1/contacts/:id': 'contact',
  'POST /api/v1/leads': 'none',
  'PATCH /api/v1/leads/:id': 'lead',
  'DELETE /api/v1/leads/:id': 'lead',
  'POST /api/v1/leads/duplicates': 'none',
  'POST /api/v1/leads/:id/convert': 'lead',
  'POST /api/v1/leads/assign': 'none',
  'POST /api/v1/leads/bulk/delete': 'none',
  'POST /api/v1/leads/bulk/update': 'none',
  'POST /api/v1/followups': 'none',
  'PATCH /api/v1/followups/:id': 'followup',
  'DELETE /api/v1/followups/:id': 'followup',
  'POST /api/v1/pipelines': 'none',
  'PUT /api/v1/pipelines/:id': 'other',
  'DELETE /api/v1/pipelines/:id': 'other',
  'POST /api/v1/opportunities': 'none',
  'POST /api/v1/opportunities/bulk/update': 'none',
  'PATCH /api/v1/opportunities/:id': 'opportunity',
  'DELETE /api/v1/opportunities/:id': 'opportunity',
  'POST /api/v1/pools': 'none',
  'DELETE /api/v1/pools/:id': 'other',
  'POST /api/v1/pools/customers/:id/claim': 'other',
  'POST /api/v1/customers/:id/release': 'customer',
  'POST /api/v1/tasks': 'none',
  'PATCH /api/v1/tasks/:id': 'task',
  'DELETE /api/v1/tasks/:id': 'task',
  'PUT /api/v1/targets': 'none',
  'PUT /api/v1/daily-reports/mine/:date': 'other',
  'PUT /api/v1/settings/mail': 'none',
  'PUT /api/v1/settings/sms': 'none',
  'POST /api/v1/sms/templates': 'none',
  'PUT /api/v1/sms/templates/:id': 'other',
  'DELETE /api/v1/sms/templates/:id': 'other',
  'POST /api/v1/contacts/:id/sms': 'contact',
  'PUT /api/v1/contacts/:id/consents': 'contact',
  'PUT /api/v1/leads/:id/consents': 'lead',
  'PUT /api/v1/customers/:id/consents': 'customer',
  'POST /api/v1/suppressions': 'none',
  'DELETE /api/v1/suppressions/:id': 'other',
  'POST /api/public/v1/sms/callbacks/:provider/:kind': 'none',
  'DELETE /api/v1/settings/mail': 'none',
  'POST /api/v1/settings/mail/test': 'none',
  'POST /api/v1/webhooks': 'none',
  'PATCH /api/v1/webhooks/:id': 'other',
  'DELETE /api/v1/webhooks/:id': 'other',
  'POST /api/v1/webhooks/:id/secret': 'other',
  'POST /api/v1/webhooks/:id/test': 'other',
  'POST /api/v1/webhooks/deliveries/:id/resend': 'other',
  'POST /api/v1/product-categories': 'none',
  'PATCH /api/v1/product-categories/:id': 'other',
  'DELETE /api/v1/product-categories/:id': 'other',
  'POST /api/v1/products': 'none',
  'PATCH /api/v1/products/:id': 'other',
  'DELETE /api/v1/products/:id': 'other',
  'POST /api/v1/products/:id/restore': 'other',
  'POST /api/v1/price-books': 'none',
  'PUT /api/v1/price-books/:id': 'other',
  'DELETE /api/v1/price-books/:id': 'other',
  'PUT /api/v1/price-books/:id/entries': 'other',
  'POST /api/v1/quotes': 'none',
  'PATCH /api/v1/quotes/:id': 'quote',
  'POST /api/v1/quotes/:id/status': 'quote',
  'DELETE /api/v1/quotes/:id': 'quote',
  'POST /api/v1/quotes/:id/email': 'quote',
  'POST /api/v1/contracts': 'none',
  'PATCH /api/v1/contracts/:id': 'contract',
  'POST /api/v1/contracts/:id/submit': 'contract',
  'POST /api/v1/contracts/:id/renew': 'contract',
  'POST /api/v1/contracts/:id/terminate': 'contract',
  'DELETE /api/v1/contracts/:id': 'contract',
  'POST /api/v1/orders': 'none',
  'POST /api/v1/orders/from-quote': 'none',
  'PATCH /api/v1/orders/:id': 'order',
  'POST /api/v1/orders/:id/submit': 'order',
  'POST /api/v1/orders/:id/deliveries': 'order',
  'POST /api/v1/orders/:id/complete': 'order',
  'POST /api/v1/orders/:id/cancel': 'order',
  'DELETE /api/v1/orders/:id': 'order',
  'POST /api/v1/warehouses': 'none',
  'PATCH /api/v1/warehouses/:id': 'other',
  'DELETE /api/v1/warehouses/:id': 'other',
  'POST /api/v1/stock/in': 'none',
  'POST /api/v1/stock/transfer': 'none',
  'POST /api/v1/stock/count': 'none',
  'POST /api/public/v1/tickets': 'none',
  'POST /api/v1/cti/connections': 'none',
  'PATCH /api/v1/cti/connections/:id': 'other',
  'DELETE /api/v1/cti/connections/:id': 'other',
  'PUT /api/v1/cti/seats/:userId': 'other',
  'PUT /api/v1/cti/seat': 'none',
  'POST /api/v1/cti/seat/state': 'none',
  'POST /api/v1/calls/dial': 'none',
  'POST /api/v1/calls/:id/wrap-up': 'other',
  'POST /api/v1/calls/:id/hangup': 'other',
  'POST /api/v1/calls/:id/transfer': 'other',
  'POST /api/public/v1/cti/:connectionId/events': 'other',
  'POST /api/v1/call-lists/preview': 'none',
  'POST /api/v1/call-lists': 'none',
  'PATCH /api/v1/call-lists/:id': 'other',
  'DELETE /api/v1/call-lists/:id': 'other',
  'POST /api/v1/call-lists/:id/refresh': 'other',
  'POST /api/v1/call-lists/:id/assign': 'other',
  'POST /api/v1/call-entries/:id/dial': 'other',
  'POST /api/v1/call-entries/:id/outcome': 'other',
  'POST /api/v1/tickets': 'none',
  'POST /api/v1/tickets/bulk/update': 'none',
  'PATCH /api/v1/tickets/:id': 'ticket',
  'DELETE /api/v1/tickets/:id': 'ticket',
  'POST /api/v1/tickets/:id/messages': 'ticket',
  'POST /api/v1/tickets/:id/transition': 'ticket',
  'POST /api/v1/tickets/:id/usage': 'ticket',
  'POST /api/v1/tickets/:id/callback': 'ticket',
  'POST /api/v1/tickets/:id/assign': 'ticket',
  'POST /api/v1/tickets/:id/escalate': 'ticket',
  'POST /api/v1/tickets/:id/merge': 'ticket',
  'POST /api/v1/canned-answers': 'none',
  'PUT /api/v1/canned-answers/:id': 'other',
  'DELETE /api/v1/canned-answers/:id': 'other',
  'POST /api/v1/sla-policies': 'none',
  'PUT /api/v1/sla-policies/:id': 'other',
  'DELETE /api/v1/sla-policies/:id': 'other',
  'POST /api/v1/kb/articles': 'none',
  'PUT /api/v1/kb/articles/:id': 'other',
  'POST /api/v1/kb/articles/:id/publish': 'other',
  'POST /api/v1/kb/articles/:id/unpublish': 'other',
  'DELETE /api/v1/kb/articles/:id': 'other',
  'POST /api/v1/kb/articles/:id/vote': 'other',
  'POST /api/v1/tickets/:id/articles': 'ticket',
  'DELETE /api/v1/tickets/:id/articles/:articleId': 'ticket',
  'POST /api/v1/assets': 'none',
  'PATCH /api/v1/assets/:id': 'other',
  'DELETE /api/v1/assets/:id': 'other',
  'POST /api/v1/service-contracts': 'none',
  'PUT /api/v1/service-contracts/:id': 'other',
  'DELETE /api/v1/service-contracts/:id': 'other',
  'POST /api/v1/work-orders': 'none',
  'POST /api/v1/work-orders/:id/dispatch': 'workOrder',
  'POST /api/v1/work-orders/:id/accept': 'workOrder',
  'POST /api/v1/work-orders/:id/check-in': 'workOrder',
  'POST /api/v1/work-orders/:id/check-out': 'workOrder',
  'POST /api/v1/work-orders/:id/cancel': 'workOrder',
  'POST /api/v1/work-orders/my-position': 'none',
  'PUT /api/v1/users/:id/skills': 'other',
  'POST /api/v1/service-strategies': 'none',
  'PUT /api/v1/service-strategies/:id': 'other',
  'DELETE /api/v1/service-strategies/:id': 'other',
  'POST /api/v1/implementation-plans': 'none',
  'PUT /api/v1/implementation-plans/:id': 'other',
  'POST /api/v1/implementation-plans/:id/notes': 'other',
  'POST /api/v1/requirements': 'none',
  'PATCH /api/v1/requirements/:id': 'other',
  'POST /api/portal/v1/login': 'none',
  'POST /api/portal/v1/accept': 'none',
  'POST /api/portal/v1/password-reset': 'none',
  'POST /api/portal/v1/logout': 'none',
  'PATCH /api/portal/v1/me': 'none',
  'POST /api/portal/v1/password': 'none',
  'POST /api/portal/v1/tickets': 'none',
  'POST /api/portal/v1/tickets/:id/messages': 'other',
  'POST /api/portal/v1/tickets/:id/rating': 'other',
  'POST /api/portal/v1/tickets/:id/attachments': 'other',
  'POST /api/portal/v1/kb/:id/vote': 'other',
  'POST /api/v1/contacts/:id/portal-access/invite': 'contact',
  'POST /api/v1/contacts/:id/portal-access/disable': 'contact',
  'POST /api/v1/contacts/:id/portal-access/enable': 'contact',
  'POST /api/v1/surveys': 'none',
  'PUT /api/v1/surveys/:id': 'other',
  'DELETE /api/v1/surveys/:id': 'other',
  'POST /api/v1/surveys/:id/send': 'other',
  'POST /api/public/v1/surveys/:token': 'other',
  'POST /api/portal/v1/surveys/:id': 'other',
  'PUT /api/v1/orders/:id/payment-plan': 'order',
  'POST /api/v1/receipts': 'none',
  'POST /api/v1/receipts/:id/confirm': 'receipt',
  'POST /api/v1/receipts/:id/submit': 'receipt',
  'DELETE /api/v1/receipts/:id': 'receipt',
  'POST /api/v1/invoices': 'none',
  'POST /api/v1/invoices/:id/cancel': 'other',
  'POST /api/v1/invoices/:id/red-letter': 'other',
  'POST /api/v1/invoices/:id/attachments': 'other',
  'POST /api/v1/customers/:id/billing-profiles': 'customer',
  'PUT /api/v1/billing-profiles/:id': 'other',
  'DELETE /api/v1/billing-profiles/:id': 'other',
  'POST /api/v1/invoice-requests': 'none',
  'POST /api/v1/invoice-requests/:id/submit': 'other',
  'POST /api/v1/invoice-requests/:id/register': 'other',
  'POST /api/v1/approval-flows': 'none',
  'PUT /api/v1/approval-flows/:id': 'other',
  'DELETE /api/v1/approval-flows/:id': 'other',
  'POST /api/v1/approvals': 'none',
  'POST /api/v1/approvals/:id/approve': 'other',
  'POST /api/v1/approvals/:id/reject': 'other',
  'POST /api/v1/approvals/:id/withdraw': 'other',
  'POST /api/v1/notifications/:id/read': 'other',
  'POST /api/v1/notifications/read-all': 'none',
  'POST /api/v1/recycle-bin/:entity/:id/restore': 'other',
  'DELETE /api/v1/recycle-bin/:entity/:id': 'other',
  'POST /api/v1/imports/customers/preview': 'none',
  'POST /api/v1/imports/customers': 'none',
  'POST /api/v1/imports/contacts/preview': 'none',
  'POST /api/v1/imports/contacts': 'none',
  'POST /api/v1/imports/leads/preview': 'none',
  'POST /api/v1/imports/leads': 'none',
  'POST /api/v1/imports/products/preview': 'none',
  'POST /api/v1/imports/products': 'none',
  'POST /api/v1/customers/:id/attachments': 'customer',
  'POST /api/v1/followups/:id/attachments': 'followup',
  'POST /api/v1/contracts/:id/attachments': 'contract',
  'POST /api/v1/tickets/:id/attachments': 'ticket',
  'POST /api/v1/work-orders/:id/attachments': 'workOrder',
  'POST /api/v1/kb/articles/:id/attachments': 'other',
  'POST /api/v1/campaigns/:id/attachments': 'other',
  'DELETE /api/v1/attachments/:id': 'other',
  'POST /api/v1/mailboxes': 'none',
  'DELETE /api/v1/mailboxes/:id': 'other',
  'POST /api/v1/mailboxes/:id/sync': 'other',
  'PATCH /api/v1/mailboxes/:id': 'other',
  'POST /api/v1/mailboxes/:id/unmatched/:uid/log': 'other',
  'POST /api/v1/email-messages': 'none',
  'POST /api/v1/saved-filters': 'none',
  'PATCH /api/v1/saved-filters/:id': 'other',
  'DELETE /api/v1/saved-filters/:id': 'other',
  'POST /api/v1/reports/run': 'none',
  'POST /api/v1/reports/records': 'none',
  'POST /api/v1/reports/pdf': 'none',
  'POST /api/v1/reports': 'none',
  'PATCH /api/v1/reports/:id': 'other',
  'DELETE /api/v1/reports/:id': 'other',
  'PUT /api/v1/reports/:id/schedule': 'other',
  'DELETE /api/v1/reports/:id/schedule': 'other',
  'POST /api/v1/dashboards': 'none',
  'POST /api/v1/analyses/rfm/recompute': 'none',
  'POST /api/v1/analyses/churn-risk/recompute': 'none',
  'POST /api/v1/commission/plans': 'none',
  'PUT /api/v1/commission/plans/:id': 'other',
  'DELETE /api/v1/commission/plans/:id': 'other',
  'POST /api/v1/commission/statements/generate': 'none',
  'POST /api/v1/commission/statements/:id/recompute': 'other',
  'POST /api/v1/commission/statements/:id/submit': 'other',
  'POST /api/v1/campaigns': 'none',
  'PATCH /api/v1/campaigns/:id': 'other',
  'DELETE /api/v1/campaigns/:id': 'other',
  'POST /api/v1/campaigns/:id/costs': 'other',
  'DELETE /api/v1/campaigns/:id/costs/:costId': 'other',
  'POST /api/v1/campaigns/:id/members': 'other',
  'PATCH /api/v1/campaigns/:id/members/:memberId': 'other',
  'DELETE /api/v1/campaigns/:id/members/:memberId': 'other',
  'POST /api/v1/campaigns/:id/segment-members': 'other',
  'POST /api/v1/web-forms': 'none',
  'PATCH /api/v1/web-forms/:id': 'other',
  'DELETE /api/v1/web-forms/:id': 'other',
  'POST /api/public/v1/forms/:slug/submit': 'other',
  'POST /api/v1/assignment-rules': 'none',
  'PUT /api/v1/assignment-rules/order': 'none',
  'PUT /api/v1/assignment-rules/default-owner': 'none',
  'PATCH /api/v1/assignment-rules/:id': 'other',
  'DELETE /api/v1/assignment-rules/:id': 'other',
  'POST /api/v1/leads/assign-by-rules': 'none',
  'POST /api/v1/scoring/groups': 'none',
  'PATCH /api/v1/scoring/groups/:id': 'other',
  'DELETE /api/v1/scoring/groups/:id': 'other',
  'POST /api/v1/scoring/rules': 'none',
  'PATCH /api/v1/scoring/rules/:id': 'other',
  'DELETE /api/v1/scoring/rules/:id': 'other',
  'POST /api/v1/scoring/recompute': 'none',
  'POST /api/v1/membership/levels': 'none',
  'PATCH /api/v1/membership/levels/:id': 'other',
  'DELETE /api/v1/membership/levels/:id': 'other',
  'PUT /api/v1/membership/settings': 'none',
  'POST /api/v1/customers/:id/membership': 'customer',
  'PATCH /api/v1/customers/:id/membership': 'customer',
  'DELETE /api/v1/customers/:id/membership': 'customer',
  'POST /api/v1/customers/:id/membership/adjustments': 'customer',
  'POST /api/v1/email-templates': 'none',
  'POST /api/public/v1/unsubscribe/:token': 'other',
  'POST /api/v1/campaigns/:id/email-audience': 'other',
  'POST /api/v1/campaigns/:id/email-sends': 'other',
  'PATCH /api/v1/campaigns/:id/email-sends/:sendId': 'other',
  'POST /api/v1/campaigns/:id/email-test': 'other',
  'PUT /api/v1/campaigns/:id/sequence': 'other',
  'PATCH /api/v1/campaigns/:id/sequence': 'other',
  'DELETE /api/v1/campaigns/:id/sequence': 'other',
  'POST /api/public/v1/campaign-emails/unsubscribe/:token': 'other',
  'POST /api/v1/email-templates/preview': 'none',
  'PATCH /api/v1/email-templates/:id': 'other',
  'DELETE /api/v1/email-templates/:id': 'other',
  'POST /api/v1/email-templates/:id/duplicate': 'other',
  'POST /api/v1/email-templates/:id/render': 'other',
  'POST /api/v1/segments': 'none',
  'POST /api/v1/segments/count': 'none',
  'PATCH /api/v1/segments/:id': 'other',
  'DELETE /api/v1/segments/:id': 'other',
  'POST /api/v1/segments/:id/members': 'other',
  'DELETE /api/v1/segments/:id/members/:entityId': 'other',
  'PATCH /api/v1/dashboards/:id': 'other',
  'DELETE /api/v1/dashboards/:id': 'other',
};

const detailUrl: Record<RecordKind, string> = {
  customer: '/api/v1/customers/',
  contact: '/api/v1/contacts/',
  lead: '/api/v1/leads/',
  followup: '/api/v1/followups/',
  opportunity: '/api/v1/opportunities/',
  task: '/api/v1/tasks/',
  quote: '/api/v1/quotes/',
  order: '/api/v1/orders/',
  contract: '/api/v1/contracts/',
  receipt: '/api/v1/receipts/',
  ticket: '/api/v1/tickets/',
  workOrder: '/api/v1/work-orders/',
};

const roles: BuiltInRoleCode[] = ['readonly', 'service_agent', 'sales_rep', 'sales_manager', 'admin'];
const missingId = 999_999;

/** Tables a refused request may still touch: the caller's session, and sign-in bookkeeping. */
const bookkeeping = new Set([
  'sessions',
  'portal_sessions',
  'captchas',
  'login_failures',
  'kysely_migration',
  'kysely_migration_lock',
  'rate_limits',
  'rate_limit_counts',
  'push_messages',
]);

/** The function permissions of each role, by its code (a custom role's under ''). */
async function permissionsByRole(t: TestApp): Promise<Map<string, Set<string>>> {
  const rows = await t.database.db.selectFrom('roles').select(['code', 'permissions']).execute();
  return new Map(rows.map((row) => [row.code ?? '', new Set(JSON.parse(String(row.permissions)) as string[])]));
}

async function idOf(client: Client, url: string, body: unknown): Promise<number | null> {
  const response = await client.post(url, body);
  return response.statusCode < 300 ? response.json().id : null;
}

type Fingerprint = () => Promise<string>;

/**
 * A whole-database fingerprint: rows, newest id and newest change of every table, in one query. On PostgreSQL
 * the query is a prepared statement on a connection of the test's own (it sees what requests have committed):
 * parsing and planning the union of every table anew for each of the thousand requests took most of the run.
 */
async function fingerprinter(
  t: TestApp,
  tables: Array<{ name: string; columns: string[] }>,
): Promise<{ fingerprint: Fingerprint; close: () => Promise<void> }> {
  const parts = tables.map(({ name, columns }) => {
    const newest = columns.includes('updated_at') ? sql`cast(max(${sql.ref('updated_at')}) as text)` : sql`''`;
    const lastId = columns.includes('id') ? sql`cast(max(${sql.ref('id')}) as text)` : sql`''`;
    return sql`select ${name} as t, count(*) as n, ${lastId} as i, ${newest} as u from ${sql.table(name)}`;
  });
  const query = sql.join(parts, sql` union all `);
  // Sorted: a union of this many tables may be run in parallel by PostgreSQL, its parts in any order.
  const text = (rows: unknown[]) =>
    JSON.stringify(
      rows.map((row) => Object.values(row as object).map(String)).sort((a, b) => a[0].localeCompare(b[0])),
    );
  if (t.dialect === 'sqlite')
    return { fingerprint: async () => text((await query.execute(t.database.db)).rows), close: async () => {} };
  const compiled = query.compile(t.database.db);
  const observer = new pg.Client({ connectionString: t.databaseUrl });
  await observer.connect();
  return {
    fingerprint: async () =>
      text((await observer.query({ name: 'fingerprint', text: compiled.sql, values: [...compiled.parameters] })).rows),
    close: () => observer.end(),
  };
}

describe.each(testDialects)('state-changing routes × built-in roles on %s', (dialect) => {
  let t: TestApp;
  const callers = {} as Record<BuiltInRoleCode, Client>;
  const records = {} as Record<RecordKind, number>;
  let fingerprint: Fingerprint;
  let closeFingerprints = async () => {};

  beforeAll(async () => {
    // Every role calls every sign-in and password route from one address: more than the rate limits allow a person.
    const generous = '100000';
    t = await createTestApp(dialect, {
      env: {
        RATE_LIMIT_SIGN_IN_PER_IP: generous,
        RATE_LIMIT_SIGN_IN_PER_ACCOUNT: generous,
        RATE_LIMIT_PASSWORD_PER_IP: generous,
        RATE_LIMIT_PASSWORD_PER_ACCOUNT: generous,
        RATE_LIMIT_PUBLIC_FORM_PER_IP: generous,
        RATE_LIMIT_SMS_CALLBACK_PER_IP: generous,
      },
    });
    const sales = await createDepartment(t, '销售部');
    const east = await createDepartment(t, '华东区', sales);
    const west = await createDepartment(t, '华西区', sales);
    for (const role of roles) callers[role] = role === 'admin' ? t.admin : await createUserClient(t, role, east);
    const owner = await createUserClient(t, 'sales_rep', west);
    const westAgent = await createUserClient(t, 'service_agent', west);
    const customer = await createCustomer(owner, { name: '西部客户' });
    records.customer = customer.id;
    records.contact =
      (await idOf(owner, '/api/v1/contacts', { customerId: customer.id, name: '西部联系人' })) ?? missingId;
    records.lead = (await createLead(owner, { name: '西部线索' })).id;
    records.followup = (await createFollowup(owner, { customerId: customer.id, content: '电话沟通' })).id;
    records.opportunity =
      (await idOf(owner, '/api/v1/opportunities', { name: '西部商机', customerId: customer.id })) ?? missingId;
    records.task =
      (await idOf(owner, '/api/v1/tasks', {
        subject: '回访',
        type: 'todo',
        priority: 'normal',
        dueAt: '2027-01-05T02:00:00.000Z',
        assigneeId: owner.userId,
        relatedEntity: 'customers',
        relatedId: customer.id,
      })) ?? missingId;
    records.quote =
      (await idOf(owner, '/api/v1/quotes', {
        title: '西部报价',
        customerId: customer.id,
        lines: [{ name: '主机', quantity: '1', unitPrice: '100', taxRate: '13' }],
      })) ?? missingId;
    records.order =
      (await idOf(owner, '/api/v1/orders', {
        title: '西部订单',
        customerId: customer.id,
        lines: [{ name: '设备', quantity: '1', unitPrice: '1000', taxRate: '13' }],
      })) ?? missingId;
    records.contract =
      (await idOf(owner, '/api/v1/contracts', {
        name: '西部合同',
        customerId: customer.id,
        amount: '5000',
        signedOn: '2026-10-15',
        startsOn: '2026-10-15',
        endsOn: '2027-10-14',
      })) ?? missingId;
    records.receipt = missingId;
    const ticket = await idOf(westAgent, '/api/v1/tickets', {
      type: 'repair',
      customerId: customer.id,
      subject: '西部工单',
    });
    records.ticket = ticket ?? missingId;
    records.workOrder = ticket
      ? ((await idOf(westAgent, '/api/v1/work-orders', {
          ticketId: ticket,
          appointmentStart: '2027-01-05T02:00:00.000Z',
          appointmentEnd: '2027-01-05T04:00:00.000Z',
        })) ?? missingId)
      : missingId;
    const created = Object.entries(records)
      .filter(([, id]) => id !== missingId)
      .map(([kind]) => kind);
    expect(created.sort()).toEqual([
      'contact',
      'contract',
      'customer',
      'followup',
      'lead',
      'opportunity',
      'order',
      'quote',
      'task',
      'ticket',
      'workOrder',
    ]);
    const introspected = await t.database.db.introspection.getTables();
    const tables = introspected
      .filter((table) => !bookkeeping.has(table.name))
      .map((table) => ({ name: table.name, columns: table.columns.map((c) => c.name) }));
    ({ fingerprint, close: closeFingerprints } = await fingerprinter(t, tables));
  }, 120_000);
  afterAll(async () => {
    await closeFingerprints();
    await t?.close();
  });

  it('lists every state-changing route, and only those', () => {
    const registered = registeredRoutes
      .filter((r) => r.method !== 'GET')
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(registered).toEqual(Object.keys(routeTargets).sort());
  });

  it('answers each role with what its permissions and data scope imply, and a refusal changes nothing', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const bodyOf = (method: string, url: string): unknown => {
      const schema = document.paths[url.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()]?.requestBody?.content?.[
        'application/json'
      ]?.schema as JsonSchema | undefined;
      return schema ? plausible(schema) : undefined;
    };
    const permissions = await permissionsByRole(t);
    const visible = new Map<string, boolean>();
    for (const role of roles) {
      for (const kind of Object.keys(detailUrl) as RecordKind[]) {
        if (records[kind] === missingId) continue;
        visible.set(
          `${role}/${kind}`,
          (await callers[role].get(`${detailUrl[kind]}${records[kind]}`)).statusCode === 200,
        );
      }
    }
    // Sign-in, sign-out and password changes end sessions: they go last, and deletes just before them.
    const weight = (key: string) => (/\/auth\/|\/portal\/v1\//.test(key) ? 2 : key.startsWith('DELETE') ? 1 : 0);
    const routes = registeredRoutes
      .filter((r) => r.method !== 'GET')
      .sort((a, b) => weight(`${a.method} ${a.url}`) - weight(`${b.method} ${b.url}`));
    const failures: string[] = [];
    let current = await fingerprint();
    // Requests that were allowed change the fingerprint: it sees what they wrote.
    let changed = 0;
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      const target = routeTargets[key];
      const url = route.url.replace(/:(\w+)/g, (_, name: string) =>
        String(
          name === 'id' && target !== 'other' && target !== 'none'
            ? records[target]
            : name === 'type' || name === 'entity' || name === 'documentType'
              ? 'fuzz'
              : missingId,
        ),
      );
      for (const role of roles) {
        const client = callers[role];
        let status: number;
        let code: string | undefined;
        try {
          const response = await injectWithin(t.app, {
            method: route.method,
            url,
            payload: bodyOf(route.method, route.url) as object | undefined,
            headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken, 'accept-language': 'en' },
          });
          status = response.statusCode;
          code = status >= 400 ? response.json().error?.code : undefined;
        } catch (error) {
          failures.push(`${role} ${key} → ${(error as Error).message}`);
          continue;
        }
        const access = route.access;
        const needsPermission = !['public', 'authenticated', 'portal'].includes(access);
        const permitted = !needsPermission || permissions.get(role)!.has(access);
        const kindOfRecord = target !== 'other' && target !== 'none' && records[target] !== missingId ? target : null;
        const sees = kindOfRecord ? visible.get(`${role}/${kindOfRecord}`) : true;
        // A mail server that refuses the test message is another server's answer (502 with its reason).
        if (status >= 500 && code !== 'UPSTREAM_FAILED') failures.push(`${role} ${key} → ${status}`);
        else if (access === 'portal' && status !== 401)
          failures.push(`${role} ${key} → ${status}, expected 401 for a staff session on the portal`);
        else if (!permitted && status !== 403)
          failures.push(`${role} ${key} → ${status}, expected 403 without ${access}`);
        else if (permitted && !sees && (status < 400 || status === 403))
          failures.push(`${role} ${key} → ${status}, expected 404 (or 400) for a record outside the scope`);
        const after = await fingerprint();
        // A failed sign-in is itself recorded (failure count, audit row): that is what refusing it means.
        const recordsFailures = /\/login$/.test(route.url);
        if (status >= 400 && after !== current && !recordsFailures)
          failures.push(`${role} ${key} → ${status}, but the database changed`);
        if (after !== current) changed++;
        current = after;
      }
    }
    expect(failures).toEqual([]);
    expect(changed).toBeGreaterThan(50);
  }, 600_000);
});

/**
 * Read routes of analyses that sum records of a data-scoped kind × every built-in role: each answers 200
 * with its permission and 403 without, and counts the record of a rep of another department (West) only
 * for the roles whose scope reaches it (what the record's own page answers).
 */
const readTargets: Record<
  string,
  {
    kind: RecordKind;
    counted: (body: unknown) => boolean;
    /** What else the role's permissions imply for the answer: a message when it does not fit. */
    alsoChecks?: (client: Client, body: unknown, permissions: Set<string>) => Promise<string | null>;
  }
> = {
  // Revenue for orders.view; cost and margin only with inventory.costs, and sorting by them refused without.
  'GET /api/v1/analyses/profitability': {
    kind: 'order',
    counted: (body) => (body as { totals: { orders: number } }).totals.orders === 1,
    alsoChecks: async (client, body, permissions) => {
      const costs = permissions.has('inventory.costs');
      if (costs !== 'cost' in (body as { totals: object }).totals) return `cost ${costs ? 'missing' : 'shown'}`;
      const sorted = await client.get('/api/v1/analyses/profitability', { sort: 'margin:desc' });
      return sorted.statusCode === (costs ? 200 : 400) ? null : `sort by margin → ${sorted.statusCode}`;
    },
  },
  'GET /api/v1/analyses/demand-forecast': {
    kind: 'order',
    counted: (body) =>
      (body as { totals: { history: Array<{ quantity: string }> } }).totals.history.at(-1)!.quantity === '7',
  },
};

describe.each(testDialects)('analyses read routes × built-in roles on %s', (dialect) => {
  let t: TestApp;
  const callers = {} as Record<BuiltInRoleCode, Client>;
  let orderId: number;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const sales = await createDepartment(t, '销售部');
    const east = await createDepartment(t, '华东区', sales);
    const west = await createDepartment(t, '华西区', sales);
    for (const role of roles) callers[role] = role === 'admin' ? t.admin : await createUserClient(t, role, east);
    const owner = await createUserClient(t, 'sales_rep', west);
    const customer = await createCustomer(owner, { name: '西部客户' });
    const product = await t.admin.post('/api/v1/products', { code: 'WEST-1', name: '西部产品', listPrice: '10' });
    expect(product.statusCode, product.body).toBe(201);
    const order = await owner.post('/api/v1/orders', {
      title: '西部订单',
      customerId: customer.id,
      lines: [{ productId: product.json().id, name: '西部产品', quantity: '7', unitPrice: '10', taxRate: '13' }],
    });
    expect(order.statusCode, order.body).toBe(201);
    orderId = order.json().id;
    // Sold last month: approved, made in the middle of the month before this one.
    const lastMonth = new Date();
    lastMonth.setUTCDate(15);
    lastMonth.setUTCMonth(lastMonth.getUTCMonth() - 1);
    await t.database.db
      .updateTable('orders')
      .set({ status: 'approved', createdAt: lastMonth.toISOString() })
      .where('id', '=', orderId)
      .execute();
    // Delivered too, for the analyses of deliveries.
    const delivered = await t.admin.post(`/api/v1/orders/${orderId}/deliveries`, {
      deliveredOn: lastMonth.toISOString().slice(0, 10),
      lines: [{ orderLineId: order.json().lines[0].id, quantity: '7' }],
    });
    expect(delivered.statusCode, delivered.body).toBe(201);
  });
  afterAll(async () => t?.close());

  it('answers each role with what its permission and order scope imply', async () => {
    const failures: string[] = [];
    const permissions = await permissionsByRole(t);
    for (const [key, target] of Object.entries(readTargets)) {
      const route = registeredRoutes.find((r) => `${r.method} ${r.url}` === key);
      expect(route, key).toBeDefined();
      for (const role of roles) {
        const response = await callers[role].get(route!.url);
        const permitted = permissions.get(role)!.has(route!.access);
        if (!permitted) {
          if (response.statusCode !== 403) failures.push(`${role} ${key} → ${response.statusCode}, expected 403`);
          continue;
        }
        if (response.statusCode !== 200) {
          failures.push(`${role} ${key} → ${response.statusCode}`);
          continue;
        }
        const sees = (await callers[role].get(`${detailUrl[target.kind]}${orderId}`)).statusCode === 200;
        if (target.counted(response.json()) !== sees)
          failures.push(`${role} ${key}: counts the West record ${!sees}, sees it ${sees}`);
        const also = await target.alsoChecks?.(callers[role], response.json(), permissions.get(role)!);
        if (also) failures.push(`${role} ${key} → ${also}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

/**
 * The read routes of a role's home dashboard × every built-in role: the choices offered for a role answer
 * those who may read roles (403 otherwise), and the home page shows the dashboard chosen for a role to its
 * holders only — a West rep's dashboard shared with the sales managers, to the managers of East too.
 */
describe.each(testDialects)('home dashboard read routes × built-in roles on %s', (dialect) => {
  let t: TestApp;
  const callers = {} as Record<BuiltInRoleCode, Client>;
  let managers: number;
  let dashboardId: number;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const east = await createDepartment(t, '华东区');
    const west = await createDepartment(t, '华西区');
    for (const role of roles) callers[role] = role === 'admin' ? t.admin : await createUserClient(t, role, east);
    const owner = await createUserClient(t, 'sales_rep', west);
    managers = await roleId(t, 'sales_manager');
    const dashboard = await owner.post('/api/v1/dashboards', {
      name: '西部看板',
      widgets: [],
      sharedWithRoleIds: [managers],
    });
    expect(dashboard.statusCode, dashboard.body).toBe(201);
    dashboardId = dashboard.json().id;
    const chosen = await t.admin.patch(`/api/v1/roles/${managers}`, { homeDashboardId: dashboardId });
    expect(chosen.statusCode, chosen.body).toBe(200);
  });
  afterAll(async () => t?.close());

  it('answers each role with what its permissions and roles imply', async () => {
    const failures: string[] = [];
    const permissions = await permissionsByRole(t);
    const choices = registeredRoutes.find((r) => r.url === '/api/v1/dashboards/home-choices')!;
    for (const role of roles) {
      const offered = await callers[role].get(choices.url, { roleId: managers });
      if (!permissions.get(role)!.has(choices.access)) {
        if (offered.statusCode !== 403) failures.push(`${role} ${choices.url} → ${offered.statusCode}, expected 403`);
      } else if (!(offered.json() as Array<{ id: number }>).some((d) => d.id === dashboardId))
        failures.push(`${role} ${choices.url} → ${offered.statusCode}, without the managers' dashboard`);
      const home = await callers[role].get('/api/v1/home');
      const shown = home.statusCode === 200 ? (home.json().dashboards as Array<{ id: number }>).map((d) => d.id) : [];
      const expected = role === 'sales_manager' ? [dashboardId] : [];
      if (home.statusCode !== 200 || JSON.stringify(shown) !== JSON.stringify(expected))
        failures.push(`${role} /api/v1/home → ${home.statusCode}, dashboards ${JSON.stringify(shown)}`);
    }
    expect(failures).toEqual([]);
  });
});
