import { z } from 'zod';
import { registeredRoutes, type RouteSpec } from './route.ts';

function schemaOf(schema: z.ZodType, io: 'input' | 'output') {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' });
}

function parametersOf(spec: RouteSpec<any, any, any>) {
  const parameters: unknown[] = [];
  for (const [location, schema] of [
    ['path', spec.params],
    ['query', spec.query],
  ] as const) {
    if (!schema) continue;
    const json = schemaOf(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      parameters.push({
        name,
        in: location,
        required: location === 'path' || (json.required ?? []).includes(name),
        schema: property,
      });
    }
  }
  return parameters;
}

const errorResponse = {
  description: 'Error',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              code: { type: 'string' },
              message: { type: 'string' },
              fields: { type: 'object', additionalProperties: { type: 'string' } },
            },
            required: ['code', 'message'],
          },
        },
      },
    },
  },
};

/** The OpenAPI 3 document, generated from the zod schemas every route declares. */
export function buildOpenApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of registeredRoutes) {
    const path = spec.url.replace(/:(\w+)/g, '{$1}');
    const status = String(spec.status ?? 200);
    const success =
      status === '204'
        ? { description: 'No content' }
        : {
            description: 'OK',
            content: spec.produces
              ? { [spec.produces]: { schema: { type: 'string', format: 'binary' } } }
              : spec.response
                ? { 'application/json': { schema: schemaOf(spec.response, 'output') } }
                : undefined,
          };
    paths[path] ??= {};
    paths[path][spec.method.toLowerCase()] = {
      tags: [spec.tag],
      summary: spec.summary,
      'x-permission': spec.access,
      security:
        spec.access === 'public'
          ? []
          : spec.access === 'portal'
            ? [{ portalSession: [] }]
            : [{ session: [] }, { apiKey: [] }],
      parameters: parametersOf(spec),
      ...(spec.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(spec.body, 'input') } } } }
        : {}),
      ...(spec.consumes
        ? {
            requestBody: {
              required: true,
              content: {
                [spec.consumes]: {
                  schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
                },
              },
            },
          }
        : {}),
      responses: { [status]: success, '4XX': errorResponse },
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Relate CRM API',
      version,
      description:
        'REST API of Relate. Sign in for a session cookie (send X-CSRF-Token on writes) or use `Authorization: Bearer rk_…`.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'relate_sid' },
        apiKey: { type: 'http', scheme: 'bearer' },
        portalSession: { type: 'apiKey', in: 'cookie', name: 'relate_portal_sid' },
      },
    },
    paths,
  };
}
