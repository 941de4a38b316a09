export { usersRoutes } from './users.routes.ts';
export { userSearchText } from './users.search.ts';
export { activeMembersOf, activeUserCount, displayNamesOf, findUserDepartmentAndStatus } from './users.service.ts';
