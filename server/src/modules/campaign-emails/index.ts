export { campaignEmailsRoutes } from './campaign-emails.routes.ts';
export {
  checkedTemplate,
  createSequenceSend,
  engagementOfSends,
  memberEngagement,
  sendJobKind,
} from './campaign-emails.service.ts';
export {
  type CampaignMailer,
  deliverEmailSend,
  type DeliveryHooks,
  failInterruptedMember,
  giveUpEmailSend,
  mailMember,
  openCampaignMailer,
  runEmailSendJob,
} from './delivery.ts';
export { recordDeliveryReport } from './bounces.ts';
export { takeMailedUnsubscribes } from './mailed-unsubscribe.ts';
