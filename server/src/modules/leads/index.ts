export { leadsRoutes } from './leads.routes.ts';
export {
  insertLeadBatch,
  leadScope,
  leadsOwnership,
  leadCode,
  leadSearchValues,
  findVisibleLead,
  leadsForExport,
  type LeadRow,
} from './leads.service.ts';
export { listLeads } from './leads.service.ts';
export { leadLabels } from './leads.labels.ts';
export { createLead, getLead, takeSourceCampaign } from './leads.service.ts';
