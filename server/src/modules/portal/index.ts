export { portalAccessRoutes } from './portal-access.routes.ts';
export { portalRoutes } from './portal.routes.ts';
