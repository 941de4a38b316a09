export { usersRoutes } from './users.routes.ts';
export { activeMembersOf, activeUserCount, findUserDepartmentAndStatus } from './users.service.ts';
