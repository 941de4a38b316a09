export { slaSweep } from './sla.ts';
export { ticketsRoutes } from './tickets.routes.ts';
export { ticketsOwnership } from './tickets.service.ts';
