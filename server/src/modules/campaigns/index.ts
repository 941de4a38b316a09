export { campaignsRoutes } from './campaigns.routes.ts';
export { assertCampaignExists, campaignsOwnership, findVisibleCampaign, getCampaign } from './campaigns.service.ts';
export {
  advanceCampaignMember,
  campaignMembersOf,
  insertCampaignMembers,
  markLeadMembershipsConverted,
  onCampaignMembersAdded,
  recordCampaignResponse,
} from './members.service.ts';
// A campaign's figures as SQL over a set of campaigns: the reports' campaigns source reads them per campaign.
export {
  campaignFigure,
  campaignFigureNames,
  campaignFigureTables,
  type CampaignFigureName,
} from './figures.repository.ts';
