export { timelineRoutes } from './timeline.routes.ts';
export { nameAuditRows } from './timeline.labels.ts';
