export { workOrdersRoutes } from './work-orders.routes.ts';
export { workOrdersOwnership } from './work-orders.service.ts';
export { getWorkOrder } from './work-orders.service.ts';
export { workOrderLabels } from './work-orders.labels.ts';
