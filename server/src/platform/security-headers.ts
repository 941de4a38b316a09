import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Pages meant to be embedded in customers' own websites: the public ticket form, and web-to-lead forms
 * (whose own allowed origins narrow this, see the web-forms routes).
 */
export const embeddablePaths = ['/forms/', '/f/'];

const directives = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  // antd and ECharts set style attributes and inject <style> elements at run time.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'self'"],
  // Relate is often reached over plain HTTP on an office network: upgrading its requests would break it.
  upgradeInsecureRequests: null,
};

const embeddableCsp = Object.entries({ ...directives, frameAncestors: ['*'] })
  .filter(([, value]) => value !== null)
  .map(([name, value]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${(value as string[]).join(' ')}`)
  .join(';');

/**
 * Security headers on every answer: a content security policy fit for the built web app and the API
 * docs (scripts only from the server itself), no framing by other sites except the embeddable public
 * form, and referrers (which may carry survey or invitation tokens) kept within the site.
 */
export async function installSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives },
    frameguard: { action: 'sameorigin' },
    referrerPolicy: { policy: 'same-origin' },
  });
  app.addHook('onRequest', async (request, reply) => {
    if (!embeddablePaths.some((prefix) => request.url.startsWith(prefix))) return;
    reply.raw.setHeader('content-security-policy', embeddableCsp);
    reply.raw.removeHeader('x-frame-options');
  });
}
