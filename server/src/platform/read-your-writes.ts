import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hasWritten, readOwnWritesFromPrimary } from '../db/replica-reads.ts';
import { sessionCookieOptions } from './authenticate.ts';

/** Holds the time (ms since the epoch) until which the browser's reads go to the primary, signed. */
export const readYourWritesCookie = 'relate_wrote';

const changing = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Read-your-writes with a read replica, across instances: a change by a signed-in user (a request that
 * wrote to the database) answers with a signed cookie naming when the window ends; until then every read
 * of that browser goes to the primary, on whichever instance it lands (they share SESSION_SECRET). A read
 * such as a report sent by POST writes nothing and sets nothing, so dashboards keep reading the replica.
 */
export function installReadYourWrites(app: FastifyInstance, windowMs: number): void {
  app.addHook('onRequest', async (request) => {
    if (inWindow(request, windowMs)) readOwnWritesFromPrimary(request.unitOfWork);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const signedIn = Boolean(request.actor ?? request.portalActor);
    if (signedIn && changing.has(request.method) && hasWritten(request.unitOfWork)) {
      const maxAge = Math.ceil(windowMs / 1000);
      reply.setCookie(readYourWritesCookie, String(Date.now() + windowMs), sessionCookieOptions(request, maxAge));
    }
    return payload;
  });
}

function inWindow(request: FastifyRequest, windowMs: number): boolean {
  const raw = request.cookies[readYourWritesCookie];
  if (!raw) return false;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid) return false;
  const until = Number(unsigned.value);
  const now = Date.now();
  // A time further off than one window was not set by this configuration: ignored rather than honoured for long.
  return Number.isFinite(until) && until > now && until <= now + windowMs;
}
