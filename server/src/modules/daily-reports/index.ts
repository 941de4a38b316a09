export { dailyReportsRoutes } from './daily-reports.routes.ts';
