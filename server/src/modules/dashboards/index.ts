export { dashboardRoutes } from './dashboards.routes.ts';
export { dashboardsSeenBy, homeDashboardRefusal, seedBuiltinDashboards } from './dashboards.service.ts';
