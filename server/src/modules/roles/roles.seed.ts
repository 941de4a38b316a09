import { allPermissions, type BuiltInRoleCode, type DataScope, type Permission, type ScopedModule } from '@relate/common';

type SeedRole = {
  name: string;
  nameEn: string;
  description: string;
  permissions: Permission[];
  dataScopes: Record<ScopedModule, DataScope>;
};

const view: Permission[] = ['customers.view', 'contacts.view', 'leads.view', 'followups.view', 'opportunities.view', 'tasks.view', 'org.view', 'products.view'];
const taskWork: Permission[] = ['tasks.create', 'tasks.edit', 'tasks.delete'];
const quoteWork: Permission[] = ['quotes.view', 'quotes.create', 'quotes.edit', 'quotes.delete', 'orders.view', 'orders.create', 'orders.edit', 'orders.delete', 'receipts.view', 'receipts.create', 'invoices.view', 'contracts.view', 'contracts.create', 'contracts.edit', 'contracts.delete'];
const opportunityWork: Permission[] = ['opportunities.create', 'opportunities.edit', 'opportunities.delete', 'opportunities.export'];
const leadWork: Permission[] = ['leads.create', 'leads.edit', 'leads.delete', 'leads.import', 'leads.export', 'leads.convert'];
const followupWork: Permission[] = ['followups.create', 'followups.edit', 'followups.delete'];
const salesWork: Permission[] = [
  ...view,
  ...leadWork,
  ...followupWork,
  ...opportunityWork,
  ...taskWork,
  ...quoteWork,
  'performance.view',
  'dailyReports.view',
  'dailyReports.submit',
  'pool.view',
  'pool.claim',
  'pool.release',
  'customers.create',
  'customers.edit',
  'customers.import',
  'customers.export',
  'contacts.create',
  'contacts.edit',
  'contacts.import',
  'contacts.export',
];

/** The built-in roles, installed once and editable afterwards; `code` stays stable for integrations. */
export const builtInRoles: Record<BuiltInRoleCode, SeedRole> = {
  admin: {
    name: '系统管理员',
    nameEn: 'Administrator',
    description: '全部功能，全部数据 / Everything, all data',
    permissions: allPermissions,
    dataScopes: { customers: 'all', contacts: 'all', leads: 'all', followups: 'all', opportunities: 'all', tasks: 'all', dailyReports: 'all', quotes: 'all', orders: 'all', receipts: 'all', contracts: 'all', tickets: 'all', workOrders: 'all' },
  },
  sales_manager: {
    name: '销售经理',
    nameEn: 'Sales manager',
    description: '本部门及下级部门的数据 / Data of own department and below',
    permissions: [...salesWork, 'customers.delete', 'customers.assign', 'contacts.delete', 'contacts.assign', 'leads.assign', 'opportunities.assign', 'targets.manage', 'products.export', 'orders.deliver', 'inventory.view', 'inventory.costs', 'tickets.view', 'tickets.create', 'knowledge.view', 'assets.view', 'strategies.view', 'strategies.manage', 'surveys.view'],
    dataScopes: { customers: 'department_tree', contacts: 'department_tree', leads: 'department_tree', followups: 'department_tree', opportunities: 'department_tree', tasks: 'department_tree', dailyReports: 'department_tree', quotes: 'department_tree', orders: 'department_tree', receipts: 'department_tree', contracts: 'department_tree', tickets: 'department_tree', workOrders: 'department_tree' },
  },
  sales_rep: {
    name: '销售代表',
    nameEn: 'Sales rep',
    description: '本人负责的数据 / Own records',
    permissions: [...salesWork, 'customers.delete', 'contacts.delete', 'inventory.view', 'tickets.view', 'tickets.create', 'knowledge.view', 'assets.view', 'strategies.view'],
    dataScopes: { customers: 'own', contacts: 'own', leads: 'own', followups: 'own', opportunities: 'own', tasks: 'own', dailyReports: 'own', quotes: 'own', orders: 'own', receipts: 'own', contracts: 'own', tickets: 'own', workOrders: 'own' },
  },
  service_agent: {
    name: '客服',
    nameEn: 'Service agent',
    description: '查看全部客户（只读），记录跟进 / All customers read-only, logs follow-ups',
    permissions: [...view.filter((p) => p !== 'leads.view'), 'followups.create', ...taskWork, 'dailyReports.view', 'dailyReports.submit', 'tickets.view', 'tickets.create', 'tickets.edit', 'tickets.assign', 'knowledge.view', 'knowledge.manage', 'assets.view', 'assets.manage', 'workOrders.view', 'workOrders.dispatch', 'workOrders.work', 'strategies.view', 'strategies.manage', 'portal.manage', 'surveys.view', 'surveys.manage'],
    dataScopes: { customers: 'all', contacts: 'all', leads: 'own', followups: 'all', opportunities: 'own', tasks: 'own', dailyReports: 'own', quotes: 'own', orders: 'own', receipts: 'own', contracts: 'own', tickets: 'all', workOrders: 'all' },
  },
  readonly: {
    name: '只读',
    nameEn: 'Read-only',
    description: '查看全部数据 / View all data',
    permissions: [...view, 'performance.view', 'dailyReports.view', 'quotes.view', 'orders.view', 'receipts.view', 'invoices.view', 'contracts.view', 'inventory.view', 'tickets.view', 'knowledge.view', 'assets.view', 'workOrders.view', 'strategies.view', 'surveys.view'],
    dataScopes: { customers: 'all', contacts: 'all', leads: 'all', followups: 'all', opportunities: 'all', tasks: 'all', dailyReports: 'all', quotes: 'all', orders: 'all', receipts: 'all', contracts: 'all', tickets: 'all', workOrders: 'all' },
  },
};
