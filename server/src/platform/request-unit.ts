import type { FastifyInstance } from 'fastify';
import { runAsUnitOfWork } from '../db/unit-of-work.ts';

declare module 'fastify' {
  interface FastifyRequest {
    unitOfWork: object;
  }
}

/**
 * Makes each request one unit of work for the database guard. The unit is entered again just before
 * the handler: reading a body runs in the socket's async context, which would otherwise lose it.
 */
export function installUnitOfWork(app: FastifyInstance): void {
  app.decorateRequest('unitOfWork', null as unknown as object);
  app.addHook('onRequest', (request, _reply, done) => {
    request.unitOfWork = {};
    runAsUnitOfWork(done, request.unitOfWork);
  });
  app.addHook('preHandler', (request, _reply, done) => {
    runAsUnitOfWork(done, request.unitOfWork);
  });
}
