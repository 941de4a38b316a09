export { leadsRoutes } from './leads.routes.ts';
export { leadScope, leadsOwnership, leadCode, leadSearchValues } from './leads.service.ts';
export * as leadsRepository from './leads.repository.ts';
