export { tasksRoutes } from './tasks.routes.ts';
export { listTasks, remindTask, tasksOwnership, toTask } from './tasks.service.ts';
export { tasksOfCustomer } from './tasks.repository.ts';
