export { slaSweep } from './sla.ts';
export { ticketsRoutes } from './tickets.routes.ts';
export { getTicket, ticketsOwnership } from './tickets.service.ts';
