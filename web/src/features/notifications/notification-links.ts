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
};

/** The page a notification is about, where the app has one. */
export function notificationLink(n: Pick<Notification, 'entity' | 'entityId'>): string | undefined {
  return n.entity && n.entityId ? links[n.entity]?.(n.entityId) : undefined;
}
