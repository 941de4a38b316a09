export { contactsRoutes } from './contacts.routes.ts';
export { contactsOwnership, contactSearchValues, insertContact, upcomingAnniversaries } from './contacts.service.ts';
export * as contactsRepository from './contacts.repository.ts';
export { anniversaryReminderSweep, remindAnniversary } from './anniversary-reminders.ts';
