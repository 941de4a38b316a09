export { departmentsRoutes } from './departments.routes.ts';
export { departmentCount, findDepartment } from './departments.service.ts';
