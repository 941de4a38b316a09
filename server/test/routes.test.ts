import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTestApp } from './app.ts';

describe('route declarations', () => {
  it('gives every route a declared access rule and publishes the API in OpenAPI', async () => {
    const t = await createTestApp('sqlite');
    try {
      const undeclared = t.app.routeTable.filter((route) => !route.access).map((r) => `${r.method} ${r.url}`);
      expect(undeclared).toEqual([]);
      const apiRoutes = t.app.routeTable.filter((r) => r.url.startsWith('/api/v1/'));
      expect(apiRoutes.length).toBeGreaterThan(50);

      const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
      expect(document.openapi).toBe('3.0.3');
      const operations = Object.values(document.paths as Record<string, object>).flatMap((methods) =>
        Object.keys(methods),
      );
      const documented = t.app.routeTable.filter(
        (r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.url !== '/api/openapi.json',
      );
      expect(operations.length).toBe(
        new Set(documented.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`)).size,
      );
      expect(document.paths['/api/v1/customers'].get['x-permission']).toBe('customers.view');
      const docs = await t.app.inject({ method: 'GET', url: '/api/docs' });
      expect(docs.body).toContain('swagger-ui');
    } finally {
      await t.close();
    }
  });

  // `npm test` builds the web app first; a run of this file alone without a build has nothing to serve.
  it.skipIf(!existsSync(new URL('../../web/dist/assets', import.meta.url)))(
    'opens a page of the app whose address is also a folder of the build (/assets)',
    async () => {
      const t = await createTestApp('sqlite', { serveWeb: true });
      try {
        const page = await t.app.inject({ method: 'GET', url: '/assets' });
        expect(page.statusCode).toBe(200);
        expect(page.headers['content-type']).toContain('text/html');
      } finally {
        await t.close();
      }
    },
  );

  it.skipIf(!existsSync(new URL('../../web/dist/assets', import.meta.url)))(
    'sends the build compressed, and its content-named files to be kept by the browser',
    async () => {
      const t = await createTestApp('sqlite', { serveWeb: true });
      try {
        const html = await t.app.inject({ method: 'GET', url: '/login' });
        expect(html.headers['cache-control']).toBe('no-cache');
        const script = /src="(\/assets\/[^"]+\.js)"/.exec(html.body)?.[1];
        expect(script).toBeDefined();
        const brotli = await t.app.inject({ method: 'GET', url: script!, headers: { 'accept-encoding': 'br, gzip' } });
        expect(brotli.statusCode, brotli.body.slice(0, 300)).toBe(200);
        expect(brotli.headers['content-encoding']).toBe('br');
        expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        const plain = await t.app.inject({ method: 'GET', url: script! });
        expect(plain.headers['content-encoding']).toBeUndefined();
        expect(brotli.rawPayload.length).toBeLessThan(plain.rawPayload.length);
      } finally {
        await t.close();
      }
    },
  );

  it('answers an unknown API path with a JSON 404', async () => {
    const t = await createTestApp('sqlite');
    try {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    } finally {
      await t.close();
    }
  });
});
