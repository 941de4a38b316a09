export { usersRoutes } from './users.routes.ts';
export { activeMembersOf, findUserDepartmentAndStatus } from './users.service.ts';
