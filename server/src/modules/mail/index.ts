export { mailRoutes } from './mail.routes.ts';
export { readMailSettings, type StoredMailSettings } from './mail.settings.ts';
export { composeMail, type ComposedMail, type MailServer, sendMail, sendRawMail } from './mailer.ts';
