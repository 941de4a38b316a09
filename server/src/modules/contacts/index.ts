export { contactsRoutes } from './contacts.routes.ts';
export { contactsOwnership, contactSearchValues, insertContact, upcomingAnniversaries } from './contacts.service.ts';
export * as contactsRepository from './contacts.repository.ts';
