export { ordersRoutes } from './orders.routes.ts';
export { ordersOwnership } from './orders.service.ts';
export { orderApprovable } from './order-approvable.ts';
export { listOrders } from './orders.service.ts';
export { orderLabels } from './orders.labels.ts';
export { customerRevenue } from './orders.figures.ts';
export { getOrder } from './orders.service.ts';
