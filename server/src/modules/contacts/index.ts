export { contactsRoutes } from './contacts.routes.ts';
export {
  contactsOwnership,
  contactSearchValues,
  insertContact,
  upcomingAnniversaries,
  contactOfCustomer,
  contactEmailOf,
  findVisibleContact,
  contactsForExport,
  contactAnniversaries,
  candidateAnniversaryRanges,
  anniversaryOccurrences,
  type ContactRow,
} from './contacts.service.ts';
export { anniversaryReminderSweep, remindAnniversary } from './anniversary-reminders.ts';
export { listContacts } from './contacts.service.ts';
export { contactLabels } from './contacts.labels.ts';
export { createContact, getContact, updateContact } from './contacts.service.ts';
