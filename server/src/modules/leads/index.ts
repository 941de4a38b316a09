export { leadsRoutes } from './leads.routes.ts';
export { insertLeadBatch, leadScope, leadsOwnership, leadCode, leadSearchValues } from './leads.service.ts';
export * as leadsRepository from './leads.repository.ts';
