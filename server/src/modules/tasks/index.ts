export { tasksRoutes } from './tasks.routes.ts';
export { remindTask, tasksOwnership } from './tasks.service.ts';
