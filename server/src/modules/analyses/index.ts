export { analysesRoutes } from './analyses.routes.ts';
export { dailyRfm } from './rfm.service.ts';
