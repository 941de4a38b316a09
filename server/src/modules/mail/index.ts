export { mailRoutes } from './mail.routes.ts';
export { readMailSettings } from './mail.settings.ts';
export { sendMail } from './mailer.ts';
