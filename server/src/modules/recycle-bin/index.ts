export { recycleBinRoutes } from './recycle-bin.routes.ts';
export { purgeExpired } from './recycle-bin.service.ts';
