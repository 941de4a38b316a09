import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient } from '../../../test/factories.ts';
import { insertRows } from '../../db/bulk-insert.ts';

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

  it('lists a scope of a few tickets and one of thousands alike, searched or not', async () => {
    const team = await createDepartment(t, '售后二组');
    const manager = await createUserClient(t, 'sales_manager', team);
    const rep = await createUserClient(t, 'sales_rep', team);
    const customer = await createCustomer(rep);
    const mine = (
      await rep.post('/api/v1/tickets', { type: 'repair', customerId: customer.id, subject: '压缩机异响' })
    ).json();
    // More tickets in the team than a scope read by id holds (5 000), none of them the rep's.
    const now = new Date().toISOString();
    await t.database.db.transaction().execute((trx) =>
      insertRows(
        trx,
        'tickets',
        Array.from({ length: 5100 }, (_, i) => ({
          number: `TT-${i}`,
          type: 'repair',
          channel: 'phone',
          priority: 'normal',
          status: 'new',
          vip: 0,
          subject: `批量工单${i}`,
          escalationLevel: 0,
          searchText: `tt-${i}\u0001批量工单${i}`,
          departmentId: team,
          createdAt: now,
          updatedAt: now,
        })),
      ),
    );
    const repList = (await rep.get('/api/v1/tickets', { sort: 'createdAt:desc' })).json();
    expect(repList.total).toBe(1);
    expect(repList.items[0].id).toBe(mine.id);
    expect((await rep.get('/api/v1/tickets', { q: '压缩' })).json().total).toBe(1);
    expect((await rep.get('/api/v1/tickets', { q: '批量' })).json().total).toBe(0);
    const managerList = (await manager.get('/api/v1/tickets', { sort: 'createdAt:desc', pageSize: 20 })).json();
    expect(managerList.total).toBe(5100);
    expect((await manager.get('/api/v1/tickets', { q: '批量工单50' })).json().total).toBe(111);
  });
});
