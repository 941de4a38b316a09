export { tasksRoutes } from './tasks.routes.ts';
export { createTask, listTasks, remindTask, tasksOwnership, toTask, tasksOfCustomer } from './tasks.service.ts';
export { taskLabels } from './tasks.labels.ts';
