import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';

/**
 * The address for links sent to customers (invitations, surveys, replies): PUBLIC_URL when it is
 * set, otherwise the address the signed-in staff member reached the server at.
 */
export const originOf = (request: FastifyRequest, config: Pick<Config, 'publicUrl'>) =>
  config.publicUrl ?? `${request.protocol}://${request.host}`;
