import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createUserClient } from '../../../test/factories.ts';

describe.each(testDialects)('tickets outside the caller’s scope on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('answers 404 to every change of a ticket the caller cannot see, as for one that does not exist, and 403 to one they see but may not change', async () => {
    const opener = await createUserClient(t, 'sales_rep');
    const customer = await createCustomer(opener);
    const ticket = (
      await opener.post('/api/v1/tickets', { type: 'repair', customerId: customer.id, subject: '设备异响' })
    ).json();
    const stranger = await createUserClient(t, 'sales_rep');
    expect((await stranger.get(`/api/v1/tickets/${ticket.id}`)).statusCode).toBe(404);
    for (const id of [ticket.id, 99_999_999]) {
      expect((await stranger.patch(`/api/v1/tickets/${id}`, { subject: 'x' })).statusCode).toBe(404);
      expect((await stranger.delete(`/api/v1/tickets/${id}`)).statusCode).toBe(404);
      expect((await stranger.post(`/api/v1/tickets/${id}/messages`, { kind: 'note', body: 'x' })).statusCode).toBe(404);
      expect((await stranger.post(`/api/v1/tickets/${id}/transition`, { action: 'start' })).statusCode).toBe(404);
      expect((await stranger.post(`/api/v1/tickets/${id}/escalate`, { reason: 'x' })).statusCode).toBe(404);
    }
    // The opener sees the ticket but may not work on it.
    expect((await opener.patch(`/api/v1/tickets/${ticket.id}`, { subject: 'x' })).statusCode).toBe(403);
    expect((await opener.delete(`/api/v1/tickets/${ticket.id}`)).statusCode).toBe(403);
    expect((await t.admin.get(`/api/v1/tickets/${ticket.id}`)).json().subject).toBe('设备异响');
  });
});
