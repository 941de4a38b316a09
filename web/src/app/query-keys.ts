import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';

/**
 * Every cached read's key starts with one of these: the API resource it shows (the path segment after
 * /api/v1/). A misspelt root is a type error, so a refresh cannot miss the view it means.
 */
export const queryRoots = [
  'analyses',
  'assignment-rules',
  'apikeys',
  'approval-flows',
  'approvals',
  'assets',
  'attachments',
  'audit-logs',
  'backups',
  'calendar',
  'call-center',
  'call-entries',
  'call-lists',
  'campaign-memberships',
  'campaigns',
  'calls',
  'canned-answers',
  'commission',
  'custom-fields',
  'contacts',
  'cti',
  'contracts',
  'customers',
  'daily-reports',
  'dashboards',
  'departments',
  'dictionaries',
  'email-messages',
  'email-templates',
  'finance',
  'followups',
  'home',
  'implementation-plans',
  'imports',
  'inventory',
  'invoice-requests',
  'invoices',
  'kb',
  'leads',
  'mailboxes',
  'membership',
  'notifications',
  'opportunities',
  'orders',
  'performance',
  'permissions',
  'pipelines',
  'pools',
  'portal',
  'price-books',
  'product-categories',
  'products',
  'public',
  'quotes',
  'receipts',
  'receivables',
  'recycle-bin',
  'reports',
  'requirements',
  'roles',
  'saved-filters',
  'search',
  'scoring',
  'segments',
  'service-contracts',
  'service-strategies',
  'settings',
  'setup',
  'sms',
  'sla-policies',
  'suppressions',
  'surveys',
  'targets',
  'tasks',
  'tickets',
  'users',
  'warehouses',
  'web-forms',
  'webhooks',
  'work-orders',
] as const;
export type QueryRoot = (typeof queryRoots)[number];

/**
 * Where else a record of each kind is shown. A change to one refreshes these views too: approving an
 * order from the approval panel updates the order page, a receipt updates the order's paid amount and
 * the customer's figures, and so on. One table, so that a new view is added in one place.
 */
const alsoShownIn: Partial<Record<QueryRoot, readonly QueryRoot[]>> = {
  // The working calendar is read from the settings (weekdays, the statutory calendar, the company's own days).
  settings: ['calendar'],
  // Refunds are receipts; an approved order reserves its stock; an approved commission statement is locked.
  approvals: [
    'quotes',
    'orders',
    'contracts',
    'receipts',
    'inventory',
    'commission',
    'invoice-requests',
    'home',
    'notifications',
  ],
  commission: ['approvals'],
  // A campaign's figures count its leads, opportunities and the money received on their orders; its members
  // show on their records, and a lead added to one takes it as its source.
  campaigns: ['campaign-memberships', 'leads'],
  quotes: ['approvals', 'opportunities', 'customers', 'home'],
  // An order holds the member points it redeems, and gives them back when cancelled or deleted.
  orders: [
    'approvals',
    'quotes',
    'receivables',
    'receipts',
    'invoices',
    'inventory',
    'customers',
    'home',
    'membership',
  ],
  contracts: ['approvals', 'orders', 'customers', 'home'],
  receivables: ['orders', 'receipts', 'invoices', 'customers', 'finance', 'home'],
  // A confirmed payment that settles an order earns its member's points; a refund reverses them.
  receipts: ['orders', 'receivables', 'customers', 'finance', 'home', 'campaigns', 'membership'],
  invoices: ['orders', 'receivables', 'customers', 'finance', 'home'],
  // A request goes to approval and, once registered, becomes an invoice of its order.
  'invoice-requests': ['approvals', 'invoices', 'orders', 'receivables', 'home'],
  // The board is read through its pipeline; a day's report lists the opportunities moved that day.
  opportunities: ['pipelines', 'customers', 'performance', 'daily-reports', 'home', 'campaigns'],
  customers: ['contacts', 'pools', 'home'],
  contacts: ['customers', 'home'],
  // A message sent or received shows on its customer's timeline; a reply “TD” changes the contact's consent.
  sms: ['customers', 'contacts'],
  suppressions: ['contacts', 'sms'],
  leads: ['customers', 'home', 'campaigns', 'campaign-memberships'],
  // Rules change every lead's and contact's score (worked out again in the background).
  scoring: ['leads', 'contacts'],
  // A follow-up takes a customer off the churn risk list at once.
  followups: ['customers', 'leads', 'opportunities', 'daily-reports', 'calendar', 'home', 'analyses'],
  tasks: ['calendar', 'daily-reports', 'home'],
  tickets: ['customers', 'work-orders', 'home'],
  // A call shows on its customer's timeline; a seat's state follows its calls.
  calls: ['customers', 'cti'],
  // A call list's progress is in the call-center report; an outcome moves its list, ends the after-call work,
  // and may note a promise on an order's instalment or update the contact.
  'call-lists': ['call-center'],
  'call-entries': ['call-lists', 'call-center', 'cti', 'orders', 'contacts'],
  'work-orders': ['tickets', 'customers', 'home'],
  inventory: ['warehouses', 'products'],
  warehouses: ['inventory'],
  products: ['product-categories', 'price-books', 'inventory'],
  'product-categories': ['products'],
  'price-books': ['products'],
  pools: ['customers'],
  'daily-reports': ['home'],
  // A role's home page shows the dashboard chosen for it; deleting a dashboard takes it from the roles.
  dashboards: ['home', 'roles'],
  roles: ['home'],
  kb: ['tickets'],
  targets: ['performance', 'home'],
  // A ticket shows its asset's warranty and what its service contract still covers.
  assets: ['tickets'],
  'service-contracts': ['tickets'],
};

/** The views to refresh after a change to records of these kinds: the kinds themselves and where they show. */
export function viewsOf(roots: readonly QueryRoot[]): QueryRoot[] {
  return [...new Set(roots.flatMap((root) => [root, ...(alsoShownIn[root] ?? [])]))];
}

/** Keys of one resource: `all` to refresh everything of it, `list` and `detail` for the common reads. */
export function keysFor<R extends QueryRoot>(root: R) {
  return {
    all: [root] as const,
    list: (filters: object = {}) => [root, 'list', filters] as const,
    detail: (id: number | string | undefined) => [root, 'detail', id] as const,
    part: <P extends readonly unknown[]>(...parts: P) => [root, ...parts] as const,
  };
}

/**
 * Refreshes every view that shows records of the given kinds (for a mutation's onSuccess). The promise
 * waits for the kinds' own views only; the other places they show are read again beside it, so a save
 * is not held up by a page that merely mentions the record.
 */
export function useRefresh() {
  const queryClient = useQueryClient();
  return useCallback(
    (...roots: QueryRoot[]) => {
      const own = new Set<QueryRoot>(roots);
      const refresh = (root: QueryRoot) => queryClient.invalidateQueries({ queryKey: [root] });
      for (const root of viewsOf(roots)) if (!own.has(root)) void refresh(root);
      return Promise.all([...own].map(refresh)).then(() => undefined);
    },
    [queryClient],
  );
}

/**
 * Refreshes after records were deleted. The deleted records' own reads (a key naming one of the ids: the
 * record's page, its approval panel) are only marked out of date, not read again: their page is being
 * left, and reading them would fail. Everything else that shows these kinds is read again as usual.
 */
export function useRefreshAfterDelete() {
  const queryClient = useQueryClient();
  return useCallback(
    (ids: readonly (number | string)[], ...roots: QueryRoot[]) => {
      const namesDeleted = (key: readonly unknown[]) => ids.some((id) => key.includes(id));
      return Promise.all(
        viewsOf(roots).flatMap((root) => [
          queryClient.invalidateQueries({ queryKey: [root], predicate: (q) => !namesDeleted(q.queryKey) }),
          queryClient.invalidateQueries({
            queryKey: [root],
            predicate: (q) => namesDeleted(q.queryKey),
            refetchType: 'none',
          }),
        ]),
      ).then(() => undefined);
    },
    [queryClient],
  );
}
