import type { FastifyRequest } from 'fastify';

/** The address the caller reached the server at, for links sent to customers (invitations, surveys, replies). */
export const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;
