export { dashboardRoutes } from './dashboards.routes.ts';
export { seedBuiltinDashboards } from './dashboards.service.ts';
