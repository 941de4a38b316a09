import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, injectWithin, type TestApp } from './app.ts';
import { testDialects } from './databases.ts';
import { createCustomer } from './factories.ts';
import { branch, type JsonSchema, plausible, schemaType } from './openapi-values.ts';

/**
 * Sends every operation of the OpenAPI document malformed ids, query strings and bodies (wrong types,
 * huge and NUL-bearing text, NaN-like and out-of-range numbers, unknown enum values, invalid JSON, the
 * wrong content type, broken multipart) as the administrator, so that validation — not the database —
 * is what answers. Nothing may answer 5xx, and every error is `{ error: { code, message } }`.
 * Seeded, so a failure names a request that fails again the same way.
 */

type Parameter = { name: string; in: 'path' | 'query'; schema: JsonSchema };
type Operation = {
  method: string;
  streams: boolean;
  path: string;
  parameters: Parameter[];
  body?: JsonSchema;
  multipart: boolean;
};
type Attempt = { method: string; url: string; payload?: string | Buffer; contentType?: string; label: string };

const seed = Number(process.env.FUZZ_SEED ?? 20261205);

function random(seedValue: number) {
  let state = seedValue >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] };
}

const megabyte = 'x'.repeat(1024 * 1024);
const badIds = ['0', '-1', '1e20', 'abc', '2147483648', '9007199254740993', '1.5', '%00', '1'];
const badQueryValues = ['abc', '-1', '1e20', '2147483648', 'NaN', '%00', 'x'.repeat(5000), '', '[]', 'true'];
/** Values put in place of one field of an otherwise plausible body. */
const badFieldValues: unknown[] = [
  'hello\u0000world',
  '',
  ' ',
  -1,
  0,
  1e308,
  -1e308,
  2147483648,
  9007199254740993,
  1.5,
  'NaN',
  'not-a-known-value',
  null,
  true,
  [],
  {},
  [null],
  'x'.repeat(10_000),
  '2026-02-30',
  '9999-99-99T99:99:99Z',
];

function operationsOf(document: { paths: Record<string, Record<string, any>> }): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const content = operation.requestBody?.content ?? {};
      operations.push({
        method: method.toUpperCase(),
        // Server-sent events stay open by design; they are checked by their own tests.
        streams: Object.values(operation.responses ?? {}).some((r: any) => r?.content?.['text/event-stream']),
        path,
        parameters: operation.parameters ?? [],
        body: content['application/json']?.schema,
        multipart: Boolean(content['multipart/form-data']),
      });
    }
  }
  // Operations that end the session or change the administrator's password go last, deletes just before them.
  const weight = (op: Operation) =>
    /\/auth\/|\/me\/password|\/portal\/v1\/auth/.test(op.path) ? 2 : op.method === 'DELETE' ? 1 : 0;
  return operations.sort((a, b) => weight(a) - weight(b));
}

function fillPath(op: Operation, id: string): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const parameter = op.parameters.find((p) => p.in === 'path' && p.name === name);
    const type = parameter ? schemaType(parameter.schema) : 'string';
    if (type === 'integer' || type === 'number' || /id$/i.test(name)) return id;
    const schema = parameter?.schema ?? {};
    return encodeURIComponent(String(schema.enum?.[0] ?? (id === '1' ? 'fuzz' : id)));
  });
}

function multipartBody(field: string, boundary: string, truncated: boolean): Buffer {
  const text = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\nname\r\nAcme\r\n--${boundary}--\r\n`;
  return Buffer.from(truncated ? text.slice(0, 60) : text);
}

function attemptsFor(op: Operation, rng: ReturnType<typeof random>): Attempt[] {
  const attempts: Attempt[] = [];
  const hasPathParams = /\{\w+\}/.test(op.path);
  const ids = hasPathParams ? badIds.filter((id) => !(id === '1' && op.method === 'DELETE')) : ['1'];
  for (const id of ids) attempts.push({ method: op.method, url: fillPath(op, id), label: `id ${id}` });
  const url = fillPath(op, '1');

  const queryParams = op.parameters.filter((p) => p.in === 'query');
  for (const parameter of queryParams.slice(0, 12)) {
    const value = rng.pick(badQueryValues);
    attempts.push({
      method: op.method,
      url: `${url}?${encodeURIComponent(parameter.name)}=${encodeURIComponent(value)}`,
      label: `query ${parameter.name}=${value.slice(0, 20)}`,
    });
  }
  if (queryParams.length) {
    attempts.push({
      method: op.method,
      url: `${url}?${queryParams.map((p) => `${encodeURIComponent(p.name)}=1&${encodeURIComponent(p.name)}=2`).join('&')}`,
      label: 'every query parameter twice',
    });
  }

  if (op.body) {
    const base = plausible(op.body);
    const json = (value: unknown, label: string) =>
      attempts.push({ method: op.method, url, payload: JSON.stringify(value), contentType: 'application/json', label });
    json(base, 'plausible body');
    json({}, 'empty object');
    json([], 'array body');
    json('text', 'string body');
    attempts.push({
      method: op.method,
      url,
      payload: '{"broken": ',
      contentType: 'application/json',
      label: 'invalid JSON',
    });
    attempts.push({
      method: op.method,
      url,
      payload: 'name=x',
      contentType: 'text/plain',
      label: 'wrong content type',
    });
    const schema = branch(op.body);
    const properties = Object.entries(schema.properties ?? {});
    for (const [name, property] of properties) {
      if (typeof base !== 'object' || base === null || Array.isArray(base)) break;
      json({ ...base, [name]: rng.pick(badFieldValues) }, `${name} spoilt`);
      const itemSchema = branch(property).items;
      if (itemSchema) json({ ...base, [name]: [rng.pick(badFieldValues)] }, `${name} item spoilt`);
      const nested = branch(property);
      if (schemaType(nested) === 'object' && nested.properties) {
        const [inner] = Object.keys(nested.properties);
        json(
          { ...base, [name]: { ...(plausible(nested) as object), [inner]: rng.pick(badFieldValues) } },
          `${name}.${inner} spoilt`,
        );
      }
    }
    const text = properties.find(([, p]) => schemaType(p) === 'string');
    if (text && typeof base === 'object' && base !== null) json({ ...base, [text[0]]: megabyte }, `${text[0]} of 1 MB`);
    if (typeof base === 'object' && base !== null) json({ ...base, unknownField: 1 }, 'unknown field');
  }

  if (op.multipart) {
    const boundary = 'fuzzBoundary7MA4YWxk';
    attempts.push({
      method: op.method,
      url,
      payload: multipartBody('file', boundary, false),
      contentType: 'multipart/form-data',
      label: 'multipart without boundary',
    });
    attempts.push({
      method: op.method,
      url,
      payload: multipartBody('file', boundary, true),
      contentType: `multipart/form-data; boundary=${boundary}`,
      label: 'truncated multipart',
    });
    attempts.push({
      method: op.method,
      url,
      payload: multipartBody('upload', boundary, false),
      contentType: `multipart/form-data; boundary=${boundary}`,
      label: 'file under another field name',
    });
    attempts.push({
      method: op.method,
      url,
      payload: Buffer.alloc(0),
      contentType: `multipart/form-data; boundary=${boundary}`,
      label: 'empty multipart',
    });
  }
  return attempts;
}

describe.each(testDialects)('OpenAPI fuzzing on %s', (dialect) => {
  let t: TestApp;
  let client: Client;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    client = t.admin;
    // A record of each kind with id 1 lets malformed bodies reach the update code, not only "not found".
    await createCustomer(t.admin, { name: '模糊测试客户' });
  });
  afterAll(async () => t?.close());

  it('answers every malformed request with a 4xx error body, never a 5xx', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThan(200);
    const rng = random(seed);
    const failures: string[] = [];
    let sent = 0;
    for (const op of operations.filter((o) => !o.streams)) {
      for (const attempt of attemptsFor(op, rng)) {
        let response: LightMyRequestResponse;
        try {
          response = await injectWithin(t.app, {
            method: attempt.method as 'GET',
            url: attempt.url,
            payload: attempt.payload,
            headers: {
              cookie: client.cookie,
              'x-csrf-token': client.csrfToken,
              'accept-language': 'en',
              ...(attempt.contentType ? { 'content-type': attempt.contentType } : {}),
            },
          });
        } catch (error) {
          failures.push(`${op.method} ${op.path} [${attempt.label}] → ${(error as Error).message}`);
          continue;
        }
        sent++;
        // A mail server that refuses the test message is another server's answer, passed on as 502 with its reason.
        const upstream = response.statusCode === 502 && response.json().error?.code === 'UPSTREAM_FAILED';
        if (response.statusCode >= 500 && !upstream) {
          failures.push(
            `${op.method} ${op.path} [${attempt.label}] → ${response.statusCode} ${response.body.slice(0, 200)}`,
          );
        } else if (response.statusCode >= 400) {
          const body = response.headers['content-type']?.toString().includes('json') ? response.json() : null;
          if (typeof body?.error?.code !== 'string' || typeof body?.error?.message !== 'string') {
            failures.push(
              `${op.method} ${op.path} [${attempt.label}] → ${response.statusCode} without an error body: ${response.body.slice(0, 200)}`,
            );
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(3000);
    expect(failures, `seed ${seed}:\n${failures.join('\n')}`).toEqual([]);
  }, 240_000);
});
