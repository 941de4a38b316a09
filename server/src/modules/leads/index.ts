export { leadsRoutes } from './leads.routes.ts';
export {
  insertLeadBatch,
  leadScope,
  leadsOwnership,
  leadCode,
  leadSearchValues,
  findVisibleLead,
  leadEmailOf,
  leadsForExport,
  type LeadRow,
} from './leads.service.ts';
export { listLeads } from './leads.service.ts';
export { leadLabels } from './leads.labels.ts';
export { createLead, getLead, takeSourceCampaign } from './leads.service.ts';
export { insertLead } from './leads.service.ts';
export {
  findLeadForCapture,
  leadsForAssignment,
  openLeadCounts,
  setLeadOwners,
  updateCapturedLead,
  type LeadOwner,
} from './leads.capture.ts';
