export { smsRoutes } from './sms.routes.ts';
export { smsOfCustomer } from './sms.service.ts';
