/**
 * Function permissions are `<module>.<action>`; the role editor shows them as a grid.
 * Data scopes apply per module to records that have an owner.
 */
export const permissionModules = {
  customers: ['view', 'create', 'edit', 'delete', 'import', 'export', 'assign'],
  contacts: ['view', 'create', 'edit', 'delete', 'import', 'export', 'assign'],
  leads: ['view', 'create', 'edit', 'delete', 'import', 'export', 'assign', 'convert'],
  followups: ['view', 'create', 'edit', 'delete'],
  opportunities: ['view', 'create', 'edit', 'delete', 'export', 'assign'],
  pipelines: ['manage'],
  pool: ['view', 'claim', 'release', 'manage'],
  tasks: ['view', 'create', 'edit', 'delete'],
  performance: ['view'],
  targets: ['manage'],
  /** view: commission statements (提成单) in one's data scope, and submitting them; manage: plans, generating statements. */
  commission: ['view', 'manage'],
  /** view: calls in one's data scope (and their recordings), a seat, click-to-dial and the screen pop; manage: the telephony connections, seats and queue. */
  calls: ['view', 'manage'],
  /** view: outbound call lists in one's data scope, their entries and the call-center report; manage: build, assign, pause and close them. Agents work the entries given to them with calls.view. */
  callLists: ['view', 'manage'],
  dailyReports: ['view', 'submit'],
  /** view: campaigns in one's data scope and their figures; manage: create and change them, their costs and members. */
  campaigns: ['view', 'manage'],
  /** view: segments and their members as one's data scope shows them; manage: create, change and delete segments. */
  segments: ['view', 'manage'],
  /** view: web-to-lead forms and their submissions; manage: build, change and delete them. */
  webForms: ['view', 'manage'],
  /** manage: the rules that give new leads an owner (territory, industry, source, score band). */
  assignmentRules: ['manage'],
  /** manage: score groups and their field and behaviour rules, and recomputing scores (scores and their reasons are read with leads.view). */
  scoring: ['manage'],
  /** view: use shared email templates and write one's own personal ones; manage: create, change and delete shared templates. */
  emailTemplates: ['view', 'manage'],
  /** view: a visible customer's membership, points ledger and level history; edit: enrol, remove, set the level and adjust points; admin: member levels and the loyalty rules. */
  membership: ['view', 'edit', 'admin'],
  products: ['view', 'create', 'edit', 'delete', 'import', 'export'],
  pricebooks: ['manage'],
  quotes: ['view', 'create', 'edit', 'delete'],
  approvals: ['manage'],
  orders: ['view', 'create', 'edit', 'delete', 'deliver'],
  receipts: ['view', 'create', 'confirm', 'delete'],
  /** request: ask finance for an invoice (开票申请); create: record an issued invoice or register a request's; cancel: void one. */
  invoices: ['view', 'create', 'cancel', 'request'],
  contracts: ['view', 'create', 'edit', 'delete'],
  /** costs: average costs, stock value and margins. */
  inventory: ['view', 'manage', 'costs'],
  tickets: ['view', 'create', 'edit', 'delete', 'assign'],
  /** SLA policies, canned answers and the service set-up. */
  service: ['manage'],
  /** manage: write and edit articles; review: publish them. */
  knowledge: ['view', 'manage', 'review'],
  /** Installed base and service contracts (entitlements). */
  assets: ['view', 'manage'],
  /** dispatch: create and assign work orders; work: accept, check in and out as a technician. */
  workOrders: ['view', 'dispatch', 'work'],
  /** Service strategies, implementation plans and customer requirements. */
  strategies: ['view', 'manage'],
  /** view: survey results (CSAT, NPS); manage: write surveys and send them. */
  surveys: ['view', 'manage'],
  /** send: a person-to-person SMS from a record (providers, templates and the outbox are settings.manage). */
  sms: ['send'],
  /** Invite contacts to the customer portal and revoke their access. */
  portal: ['manage'],
  org: ['view', 'manage'],
  roles: ['view', 'manage'],
  dictionaries: ['manage'],
  settings: ['manage'],
  customFields: ['manage'],
  audit: ['view'],
} as const;

export type PermissionModule = keyof typeof permissionModules;
export type Permission = {
  [M in PermissionModule]: `${M}.${(typeof permissionModules)[M][number]}`;
}[PermissionModule];

export const allPermissions: Permission[] = Object.entries(permissionModules).flatMap(([module, actions]) =>
  actions.map((action) => `${module}.${action}` as Permission),
);

export function isPermission(value: string): value is Permission {
  return (allPermissions as string[]).includes(value);
}

export const dataScopes = ['own', 'department', 'department_tree', 'all'] as const;
export type DataScope = (typeof dataScopes)[number];

/** Modules whose records have an owner and therefore a data scope. */
export const scopedModules = [
  'customers',
  'contacts',
  'leads',
  'followups',
  'opportunities',
  'tasks',
  'dailyReports',
  'quotes',
  'orders',
  'receipts',
  'contracts',
  'tickets',
  'workOrders',
  'commission',
  'campaigns',
  'calls',
  'callLists',
] as const;
export type ScopedModule = (typeof scopedModules)[number];

/** Fields a role may hide or make read-only, per module. */
export const protectableFields = {
  customers: ['phone', 'email'],
  contacts: ['mobile', 'phone', 'email'],
  leads: ['mobile', 'phone', 'email'],
  followups: [],
  opportunities: [],
  tasks: [],
  dailyReports: [],
  quotes: [],
  orders: [],
  receipts: [],
  contracts: [],
  tickets: [],
  workOrders: [],
  commission: [],
  campaigns: [],
  calls: [],
  callLists: [],
} as const satisfies Record<ScopedModule, readonly string[]>;

export const fieldAccessLevels = ['hidden', 'readonly'] as const;
export type FieldAccess = (typeof fieldAccessLevels)[number];

export const builtInRoleCodes = [
  'admin',
  'sales_manager',
  'sales_rep',
  'service_agent',
  'readonly',
  'finance',
  'marketing',
] as const;
export type BuiltInRoleCode = (typeof builtInRoleCodes)[number];
