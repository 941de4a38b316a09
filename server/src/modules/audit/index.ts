export { auditRoutes } from './audit.routes.ts';
export { customerChanges, purgedNames } from './audit.service.ts';
