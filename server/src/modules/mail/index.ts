export { mailRoutes } from './mail.routes.ts';
export {
  dkimOf,
  hasMailSettings,
  readMailSettings,
  sealKeptMailPassword,
  type StoredMailSettings,
} from './mail.settings.ts';
export {
  composeMail,
  type ComposedMail,
  type MailPool,
  type MailServer,
  openMailPool,
  sendMail,
  sendRawMail,
} from './mailer.ts';
