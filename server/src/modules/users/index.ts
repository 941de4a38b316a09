export { usersRoutes } from './users.routes.ts';
export { activeMembersOf, activeUserCount, displayNamesOf, findUserDepartmentAndStatus } from './users.service.ts';
