export { mailboxesRoutes } from './mailboxes.routes.ts';
export { emailsOfCustomer, pollMailboxes, repliedToMessages, runMailboxSync } from './mailboxes.service.ts';
export { syncMailbox, type SyncResult } from './mailboxes.sync.ts';
export { MailboxWatcher } from './mailboxes.idle.ts';
export { replyToTicketByEmail } from './mailboxes.tickets.ts';
export { type DeliveryReport, onDeliveryReport } from './delivery-report.ts';
export { onReceivedMail, type ReceivedMail } from './received-mail.ts';
