export { departmentsRoutes } from './departments.routes.ts';
export { departmentCount, findDepartment, listDepartments } from './departments.service.ts';
