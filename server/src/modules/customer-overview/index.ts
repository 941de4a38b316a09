export { customerOverviewRoutes } from './customer-overview.routes.ts';
