import { beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createLead, createUserClient, unique } from '../../../test/factories.ts';
import { appendMany, type DovecotServer, dovecotBinary, rawMessage } from '../../../test/imap.ts';
import { mailboxTestBed } from '../../../test/mailbox-test-bed.ts';
import { syncMailbox } from './index.ts';

if (!dovecotBinary)
  console.warn('mailboxes: dovecot is not installed (apt-get install dovecot-imapd); the IMAP tests are skipped');

const users = {
  rep: { name: 'rep', password: 'rep-secret' },
  shared: { name: 'sales', password: 'sales-secret' },
  bulk: { name: 'bulk', password: 'bulk-secret' },
};

describe.skipIf(!dovecotBinary).each(testDialects)('mailboxes over IMAP on %s', (dialect) => {
  const bed = mailboxTestBed(dialect, users);
  const { ctx, client, mailboxBody, countRows } = bed;
  let t: TestApp;
  let imap: DovecotServer;
  beforeAll(() => {
    ({ t, imap } = bed);
  });

  it('refuses a wrong password on the connection test with MAILBOX_LOGIN_FAILED and stores nothing', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const wrong = await rep.post('/api/v1/mailboxes', mailboxBody(users.rep, { password: 'nope' }));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('MAILBOX_LOGIN_FAILED');
    expect(wrong.json().error.fields.password).toBeTruthy();
    expect((await rep.get('/api/v1/mailboxes')).json().items).toEqual([]);
    // A shared mailbox is for administrators.
    expect((await rep.post('/api/v1/mailboxes', mailboxBody(users.shared, { kind: 'shared' }))).statusCode).toBe(403);
  });

  it('backfills from the start date, leaves \\Seen alone, matches records, threads, and shows the emails within scope', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const other = await createUserClient(t, 'sales_rep');
    const customer = await createCustomer(rep, { email: 'Buyer@Acme.test' });
    const contact = (
      await rep.post('/api/v1/contacts', { customerId: customer.id, name: unique('联系人'), email: 'li.lei@ACME.test' })
    ).json();
    const lead = await createLead(rep, { email: 'prospect@new.test' });
    const box = await client(users.rep);
    const id = unique('m');
    await box.append(
      'INBOX',
      rawMessage({
        from: 'buyer@acme.test',
        to: 'rep@relate.test',
        subject: 'Old news',
        date: new Date('2025-03-01'),
        messageId: `old-${id}@acme.test`,
      }),
      [],
      new Date('2025-03-01T08:00:00Z'),
    );
    await box.append(
      'INBOX',
      rawMessage({
        from: 'Li Lei <li.lei@acme.test>',
        to: 'rep@relate.test',
        subject: 'Quote for 200 pumps',
        date: new Date('2026-02-01T09:00:00Z'),
        messageId: `q-${id}@acme.test`,
        text: 'Please send the quote for 200 pumps.',
        html: '<p onclick="x()">Please send the <b>quote</b></p><script>alert(1)</script><img src="https://track.test/p.gif">',
        attachment: { name: 'specs.txt', content: 'pump specs' },
      }),
      [],
      new Date('2026-02-01T09:00:00Z'),
    );
    await box.append(
      'INBOX',
      rawMessage({
        from: 'stranger@else.test',
        to: 'rep@relate.test',
        subject: 'Unrelated',
        date: new Date('2026-02-02'),
      }),
    );
    await box.append(
      'INBOX',
      rawMessage({
        from: 'buyer@acme.test',
        to: 'rep@relate.test',
        subject: 'Re: Quote for 200 pumps',
        date: new Date('2026-02-03T09:00:00Z'),
        messageId: `r-${id}@acme.test`,
        inReplyTo: `q-${id}@acme.test`,
      }),
    );
    await box.append(
      'Sent',
      rawMessage({
        from: 'rep@relate.test',
        to: 'prospect@new.test',
        subject: 'Nice to meet you',
        date: new Date('2026-02-04T09:00:00Z'),
        messageId: `s-${id}@relate.test`,
      }),
    );
    const created = await rep.post('/api/v1/mailboxes', mailboxBody(users.rep));
    expect(created.statusCode).toBe(201);
    expect(created.body).not.toContain(users.rep.password);
    const mailboxId = created.json().id;
    const sealed = await t.database.db
      .selectFrom('mailboxes')
      .select('imapPasswordSealed')
      .where('id', '=', mailboxId)
      .executeTakeFirstOrThrow();
    expect(sealed.imapPasswordSealed).not.toContain(users.rep.password);

    const result = await syncMailbox(ctx(), mailboxId);
    expect(result).toMatchObject({ ran: true, stored: 3, error: null });
    // Nothing was marked read on the server.
    await box.mailboxOpen('INBOX');
    for await (const m of box.fetch('1:*', { uid: true, flags: true }, { uid: true }))
      expect([...(m.flags ?? [])]).not.toContain('\\Seen');

    const timeline = (await rep.get(`/api/v1/customers/${customer.id}/timeline`, { kinds: 'email' })).json().items;
    expect(timeline.map((e: { email: { subject: string } }) => e.email.subject)).toEqual([
      'Re: Quote for 200 pumps',
      'Quote for 200 pumps',
    ]);
    const quoteId = timeline[1].email.id;
    expect(timeline[1].email).toMatchObject({
      from: { address: 'li.lei@acme.test', name: 'Li Lei' },
      direction: 'in',
      attachmentCount: 1,
    });
    const message = (await rep.get(`/api/v1/email-messages/${quoteId}`)).json();
    expect(message.html).toContain('<b>quote</b>');
    expect(message.html).not.toMatch(/script|onclick|track\.test/);
    expect(message.links).toEqual(
      expect.arrayContaining([{ entity: 'contacts', entityId: contact.id, name: contact.name }]),
    );
    expect(message.thread.map((m: { subject: string }) => m.subject)).toEqual(['Re: Quote for 200 pumps']);
    const file = await rep.get(`/api/v1/email-messages/${quoteId}/attachments/${message.attachments[0].id}`);
    expect(file.body).toBe('pump specs');
    // The lead's email from the Sent folder, outgoing.
    const sent = await t.database.db
      .selectFrom('emailMessageLinks')
      .innerJoin('emailMessages', 'emailMessages.id', 'emailMessageLinks.messageId')
      .select(['emailMessages.direction', 'emailMessages.subject'])
      .where('entity', '=', 'leads')
      .where('entityId', '=', lead.id)
      .execute();
    expect(sent).toEqual([{ direction: 'out', subject: 'Nice to meet you' }]);
    // Another rep sees neither the customer nor its emails.
    expect((await other.get(`/api/v1/email-messages/${quoteId}`)).statusCode).toBe(404);
    expect(
      (await other.get(`/api/v1/email-messages/${quoteId}/attachments/${message.attachments[0].id}`)).statusCode,
    ).toBe(404);
    expect((await t.admin.get(`/api/v1/email-messages/${quoteId}`)).statusCode).toBe(200);

    // A message placed later is read by the next sync, and nothing twice.
    await box.append(
      'INBOX',
      rawMessage({
        from: 'buyer@acme.test',
        to: 'rep@relate.test',
        subject: 'Order placed',
        date: new Date('2026-02-05T09:00:00Z'),
        messageId: `o-${id}@acme.test`,
        references: [`q-${id}@acme.test`],
      }),
    );
    expect(await syncMailbox(ctx(), mailboxId)).toMatchObject({ stored: 1, alreadyStored: 0 });
    const again = (await rep.get(`/api/v1/email-messages/${quoteId}`)).json();
    expect(again.thread.map((m: { subject: string }) => m.subject)).toEqual([
      'Re: Quote for 200 pumps',
      'Order placed',
    ]);
    expect(await countRows('emailMessageMailboxes', mailboxId)).toBe(4);

    // UIDVALIDITY changed: the folder is read again from the start date; what is stored is recognised.
    await t.database.db
      .updateTable('mailboxFolders')
      .set({ uidValidity: '1' })
      .where('mailboxId', '=', mailboxId)
      .execute();
    expect(await syncMailbox(ctx(), mailboxId)).toMatchObject({ stored: 0, alreadyStored: 4 });
    expect(await countRows('emailMessageMailboxes', mailboxId)).toBe(4);
    const listed = (await rep.get('/api/v1/mailboxes')).json().items;
    expect(listed).toEqual([
      expect.objectContaining({ id: mailboxId, messageCount: 4, lastError: null, passwordSet: true }),
    ]);
    expect(listed[0].lastSyncedAt).toBeTruthy();
  });

  it('stores a message found in a shared and a personal mailbox once, and resumes after a restart', async () => {
    const customer = await createCustomer(t.admin, { email: 'orders@globex.test' });
    const shared = await client(users.shared);
    const personal = await client(users.rep);
    const id = unique('g');
    for (let i = 0; i < 5; i++) {
      const raw = rawMessage({
        from: 'orders@globex.test',
        to: 'sales@relate.test',
        subject: `Order ${i}`,
        date: new Date(Date.UTC(2026, 2, 1 + i)),
        messageId: `${i}-${id}@globex.test`,
      });
      await shared.append('INBOX', raw);
      if (i === 0) await personal.append('INBOX', raw);
    }
    const sharedBox = (await t.admin.post('/api/v1/mailboxes', mailboxBody(users.shared, { kind: 'shared' }))).json();
    expect(sharedBox.kind).toBe('shared');
    const before = await countRows('emailMessages');
    // The first instance dies after two batches of two.
    expect(await syncMailbox(ctx(), sharedBox.id, { batchSize: 2, holder: 'a', dieAfterBatches: 2 })).toMatchObject({
      stored: 4,
    });
    // Its claim holds another instance off until it goes stale.
    expect(await syncMailbox(ctx(), sharedBox.id, { batchSize: 2, holder: 'b' })).toMatchObject({ ran: false });
    await t.database.db
      .updateTable('mailboxes')
      .set({ syncLockedAt: '2000-01-01T00:00:00.000Z' })
      .where('id', '=', sharedBox.id)
      .execute();
    expect(await syncMailbox(ctx(), sharedBox.id, { batchSize: 2, holder: 'b' })).toMatchObject({
      ran: true,
      stored: 1,
      batches: 1,
    });
    expect(await countRows('emailMessages')).toBe(before + 5);
    // The admin's own mailbox on the rep's account holds Order 0 as well: one row, two mailboxes.
    const personalBox = (
      await t.admin.post('/api/v1/mailboxes', mailboxBody(users.rep, { address: 'rep@relate.test' }))
    ).json();
    const result = await syncMailbox(ctx(), personalBox.id);
    expect(result.alreadyStored).toBeGreaterThanOrEqual(1);
    const order0 = await t.database.db
      .selectFrom('emailMessages')
      .select('id')
      .where('messageKey', '=', `0-${id}@globex.test`)
      .executeTakeFirstOrThrow();
    const holders = await t.database.db
      .selectFrom('emailMessageMailboxes')
      .select('mailboxId')
      .where('messageId', '=', order0.id)
      .orderBy('mailboxId')
      .execute();
    expect(holders.map((h) => h.mailboxId)).toEqual([sharedBox.id, personalBox.id]);
    const timeline = (await t.admin.get(`/api/v1/customers/${customer.id}/timeline`, { kinds: 'email' })).json().items;
    expect(timeline).toHaveLength(5);
  });

  it('reads 2 000 messages a batch at a time, holding no more than a batch', async () => {
    await createCustomer(t.admin, { email: 'bulk@sender.test' });
    const id = unique('b');
    await appendMany(
      imap.port,
      users.bulk,
      'INBOX',
      Array.from({ length: 2000 }, (_, i) =>
        rawMessage({
          from: 'bulk@sender.test',
          to: 'bulk@relate.test',
          subject: `N${i}`,
          date: new Date(Date.UTC(2026, 3, 1, 0, 0, i)),
          messageId: `${i}-${id}@sender.test`,
        }),
      ),
    );
    const box = (await t.admin.post('/api/v1/mailboxes', mailboxBody(users.bulk))).json();
    const result = await syncMailbox(ctx(), box.id, { batchSize: 100 });
    expect(result).toMatchObject({ stored: 2000, batches: 20, peakHeld: 100, error: null });
    expect(await countRows('emailMessageMailboxes', box.id)).toBe(2000);
  }, 60_000);
});
