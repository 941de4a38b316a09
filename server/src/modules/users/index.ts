export { usersRoutes } from './users.routes.ts';
export { userSearchText } from './users.search.ts';
export {
  activeMembersOf,
  activeUserCount,
  displayNamesOf,
  findUserDepartmentAndStatus,
  getUser,
} from './users.service.ts';
