import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer } from '../../../test/factories.ts';
import { up } from './0040-phone-digits-search.ts';

describe.each(testDialects)('phone digits search migration on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it("gives contacts and tickets written before it their numbers' digits in the search text", async () => {
    const customer = await createCustomer(t.admin);
    const contact = (
      await t.admin.post('/api/v1/contacts', { customerId: customer.id, name: '老联系人', mobile: '138-2222-3333' })
    ).json();
    const ticket = (
      await t.admin.post('/api/v1/tickets', {
        type: 'repair',
        customerId: customer.id,
        subject: '老工单',
        requesterPhone: '+86 139 4444 5555',
      })
    ).json();
    // Their search text as it was written before: the numbers as typed, without their digits.
    await sql`update contacts set search_text = ${'老联系人\u0001138-2222-3333'} where id = ${contact.id}`.execute(
      t.database.db,
    );
    await sql`update tickets set search_text = ${'老工单\u0001+86 139 4444 5555'} where id = ${ticket.id}`.execute(
      t.database.db,
    );
    const found = async (q: string) =>
      (await t.admin.get('/api/v1/search', { q, types: 'contacts,tickets' }))
        .json()
        .groups.map((g: { type: string }) => g.type);
    expect(await found('13822223333')).toEqual([]);
    await up(t.database.db);
    expect(await found('13822223333')).toEqual(['contacts']);
    expect(await found('13944445555')).toEqual(['tickets']);
    expect(await found('老联系人')).toEqual(['contacts']);
  });
});
