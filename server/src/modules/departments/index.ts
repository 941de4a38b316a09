export { departmentsRoutes } from './departments.routes.ts';
export { findDepartment } from './departments.service.ts';
