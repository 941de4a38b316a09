import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, injectWithin, type TestApp } from './app.ts';
import { testDialects } from './databases.ts';
import { createCustomer } from './factories.ts';

const boundary = 'relateTestBoundary';
const part = (field: string, fileName: string, content: string) =>
  `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`;

describe.each(testDialects)('uploads on %s', (dialect) => {
  let t: TestApp;
  let customerId: number;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    customerId = (await createCustomer(t.admin)).id;
  });
  afterAll(async () => t?.close());

  const send = (url: string, payload: string, contentType = `multipart/form-data; boundary=${boundary}`) =>
    injectWithin(t.app, {
      method: 'POST',
      url,
      payload,
      headers: {
        cookie: t.admin.cookie,
        'x-csrf-token': t.admin.csrfToken,
        'accept-language': 'en',
        'content-type': contentType,
      },
    });

  it.each([
    '/api/v1/imports/customers/preview',
    '/api/v1/imports/customers',
    `/api/v1/customers/{customer}/attachments`,
  ])('%s takes the file only as the field "file", and refuses a broken body with 400', async (template) => {
    const url = template.replace('{customer}', String(customerId));
    const elsewhere = await send(url, part('upload', 'a.csv', '客户名称\r\n甲公司'));
    expect(elsewhere.statusCode, elsewhere.body).toBe(400);
    expect(elsewhere.json().error.fields).toHaveProperty('file');
    const withoutBoundary = await send(url, part('file', 'a.csv', '客户名称\r\n甲公司'), 'multipart/form-data');
    expect(withoutBoundary.statusCode, withoutBoundary.body).toBe(400);
    const truncated = await send(url, part('file', 'a.csv', '客户名称\r\n甲公司').slice(0, 70));
    expect(truncated.statusCode, truncated.body).toBe(400);
    expect(truncated.json().error.code).toBe('BAD_REQUEST');
    const proper = await send(url, part('file', 'a.csv', '客户名称\r\n甲公司'));
    expect(proper.statusCode, proper.body).toBeLessThan(300);
  });
});
