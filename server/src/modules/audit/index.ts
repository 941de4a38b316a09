export { auditRoutes } from './audit.routes.ts';
export { customerChanges } from './audit.service.ts';
