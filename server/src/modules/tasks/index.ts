export { tasksRoutes } from './tasks.routes.ts';
export { listTasks, remindTask, tasksOwnership } from './tasks.service.ts';
