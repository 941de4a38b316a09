export { campaignEmailsRoutes } from './campaign-emails.routes.ts';
export { sendJobKind } from './campaign-emails.service.ts';
export { deliverEmailSend, runEmailSendJob } from './delivery.ts';
