import type { AppContext } from '../../platform/context.ts';

/**
 * What another module does once a ticket is resolved (the service survey goes out). Listeners are
 * registered at start-up (app.ts), so that tickets need not know the modules that listen.
 */
export type TicketResolvedListener = (ctx: AppContext, ticketId: number, origin: string) => Promise<void>;

const resolvedListeners = new Set<TicketResolvedListener>();

export function onTicketResolved(listener: TicketResolvedListener): void {
  resolvedListeners.add(listener);
}

export async function ticketResolved(ctx: AppContext, ticketId: number, origin: string): Promise<void> {
  for (const listener of resolvedListeners) await listener(ctx, ticketId, origin);
}
