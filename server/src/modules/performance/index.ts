export { performanceRoutes } from './performance.routes.ts';
export { amountWonAgainstTarget, listTargets, performance } from './performance.service.ts';
export { currentMonth, periodBounds } from './periods.ts';
