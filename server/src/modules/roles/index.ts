export { rolesRoutes } from './roles.routes.ts';
export { seedRoles } from './roles.service.ts';
export { homeSectionsOfRoles } from './roles.service.ts';
