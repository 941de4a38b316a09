export { smsRoutes } from './sms.routes.ts';
export { enabledSmsTemplate, hasSmsProvider, sendMarketingSms, smsOfCustomer } from './sms.service.ts';
