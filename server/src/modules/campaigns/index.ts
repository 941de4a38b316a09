export { campaignsRoutes } from './campaigns.routes.ts';
export { assertCampaignExists, campaignsOwnership, findVisibleCampaign, getCampaign } from './campaigns.service.ts';
export {
  insertCampaignMembers,
  markLeadMembershipsConverted,
  onCampaignMembersAdded,
  recordCampaignResponse,
} from './members.service.ts';
