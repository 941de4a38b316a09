export { customerOverviewRoutes } from './customer-overview.routes.ts';
export { customerOverview } from './customer-overview.service.ts';
