import type { Notification } from '@relate/common';

const links: Record<string, (id: number) => string> = {
  leads: (id) => `/leads/${id}`,
  customers: (id) => `/customers/${id}`,
  tasks: () => '/tasks',
  approvals: () => '/approvals',
  orders: (id) => `/orders/${id}`,
  contracts: () => '/contracts',
  tickets: (id) => `/tickets/${id}`,
  work_orders: () => '/my-work-orders',
  workOrders: () => '/my-work-orders',
  products: () => '/inventory?tab=stock',
  // The working calendar, on the service desk's working-time tab (entityId: the year).
  calendar: () => '/admin/service?tab=calendar',
};

/** The page a notification is about, where the app has one. */
export function notificationLink(n: Pick<Notification, 'entity' | 'entityId'>): string | undefined {
  return n.entity && n.entityId ? links[n.entity]?.(n.entityId) : undefined;
}
