export { campaignEmailsRoutes } from './campaign-emails.routes.ts';
export { sendJobKind } from './campaign-emails.service.ts';
export { deliverEmailSend, giveUpEmailSend, runEmailSendJob } from './delivery.ts';
export { recordDeliveryReport } from './bounces.ts';
