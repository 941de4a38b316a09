export { departmentsRoutes } from './departments.routes.ts';
