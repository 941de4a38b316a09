export { analysesRoutes } from './analyses.routes.ts';
export { dailyRfm } from './rfm.service.ts';
export { dailyChurnRisks } from './churn.service.ts';
export { dailyForecastSnapshot } from './forecast-accuracy.service.ts';
