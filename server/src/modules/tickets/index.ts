export { slaSweep } from './sla.ts';
export { ticketsRoutes } from './tickets.routes.ts';
export { onTicketResolved } from './ticket-events.ts';
export { getTicket, ticketsOwnership } from './tickets.service.ts';
export { addCustomerMessage, applyCallback } from './ticket-workflow.ts';
export { requesterActor } from './requester-actor.ts';
export { createTicket, toTicket, findTicketInScope, listTicketsInScope, ticketMessages } from './tickets.service.ts';
export { listTickets } from './tickets.service.ts';
export { customerOpenTickets } from './tickets.figures.ts';
