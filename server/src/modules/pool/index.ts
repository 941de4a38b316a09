export { poolRoutes } from './pool.routes.ts';
export { seedPools } from './pool.service.ts';
export { autoReturnSweep } from './pool.auto-return.ts';
