import { beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createLead, createUserClient, unique } from '../../../test/factories.ts';
import { dovecotBinary, rawMessage } from '../../../test/imap.ts';
import { mailboxTestBed } from '../../../test/mailbox-test-bed.ts';
import type { TestSmtpServer } from '../../../test/smtp.ts';
import { MailboxWatcher, syncMailbox } from './index.ts';

if (!dovecotBinary)
  console.warn('mailboxes: dovecot is not installed (apt-get install dovecot-imapd); the IMAP tests are skipped');

const users = {
  rep: { name: 'writer', password: 'writer-secret' },
  other: { name: 'other', password: 'other-secret' },
  service: { name: 'service', password: 'service-secret' },
  idle: { name: 'idler', password: 'idler-secret' },
  templates: { name: 'templater', password: 'templater-secret' },
};

/** A header of a raw message (unfolded), or null. */
const header = (raw: string, name: string) => {
  const match = new RegExp(`^${name}: (.*(?:\\r\\n[ \\t].*)*)`, 'mi').exec(raw);
  return match ? match[1]!.replace(/\r\n[ \t]+/g, ' ').trim() : null;
};

async function until<T>(read: () => Promise<T | undefined | null | false>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!dovecotBinary).each(testDialects)('writing email and the service desk on %s', (dialect) => {
  const bed = mailboxTestBed(dialect, users, { smtp: true });
  const { ctx, client, mailboxBody } = bed;
  let t: TestApp;
  let smtp: TestSmtpServer;
  beforeAll(() => {
    ({ t, smtp } = bed);
  });
  /** The raw messages of a folder, oldest first. */
  const folder = async (user: { name: string; password: string }, path: string) => {
    const c = await client(user);
    const opened = await c.mailboxOpen(path, { readOnly: true });
    const out: string[] = [];
    if (opened.exists)
      for await (const m of c.fetch('1:*', { source: true })) if (m.source) out.push(m.source.toString('utf8'));
    await c.mailboxClose();
    return out;
  };
  const companySmtp = () =>
    t.admin.put('/api/v1/settings/mail', {
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      from: 'crm@relate.test',
    });

  it('sends an email from a customer page: SMTP, the Sent folder, the timeline; a reply keeps the thread', async () => {
    expect((await companySmtp()).statusCode).toBe(200);
    const rep = await createUserClient(t, 'sales_rep');
    const customer = await createCustomer(rep, { email: 'Buyer@Pumps.test' });
    const box = (await rep.post('/api/v1/mailboxes', mailboxBody(users.rep))).json();
    expect((await rep.get('/api/v1/mailboxes/sending')).json().items).toEqual([
      { id: box.id, kind: 'personal', address: 'writer@relate.test', serviceMailbox: false },
    ]);
    // Another user may not send from it.
    const other = await createUserClient(t, 'sales_rep');
    const compose = {
      mailboxId: box.id,
      to: ['buyer@pumps.test'],
      cc: ['boss@pumps.test'],
      bcc: ['archive@relate.test'],
      subject: '报价 Quote for 200 pumps',
      text: 'Please find the quote attached.',
      entity: 'customers',
      entityId: customer.id,
      attachments: [
        { fileName: 'quote.txt', contentType: 'text/plain', content: Buffer.from('200 x pump').toString('base64') },
      ],
    };
    expect((await other.post('/api/v1/email-messages', compose)).statusCode).toBe(404);

    const before = smtp.received.length;
    const sent = await rep.post('/api/v1/email-messages', compose);
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({ savedToSent: true, sentFolderError: null });
    const mail = smtp.received.slice(before);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.from).toBe('writer@relate.test');
    expect(mail[0]!.to.sort()).toEqual(['archive@relate.test', 'boss@pumps.test', 'buyer@pumps.test']);
    // Bcc goes in the envelope only.
    expect(header(mail[0]!.raw, 'Bcc')).toBeNull();
    expect(header(mail[0]!.raw, 'Message-ID')).toBe(`<${sent.json().messageId}>`);
    expect(mail[0]!.raw).toContain('quote.txt');

    // The very message is in the Sent folder.
    const inSent = await folder(users.rep, 'Sent');
    expect(inSent.filter((raw) => raw.includes(sent.json().messageId))).toHaveLength(1);

    const timeline = (await rep.get(`/api/v1/customers/${customer.id}/timeline`, { kinds: 'email' })).json().items;
    expect(timeline).toHaveLength(1);
    expect(timeline[0].email).toMatchObject({
      id: sent.json().id,
      direction: 'out',
      subject: '报价 Quote for 200 pumps',
      attachmentCount: 1,
      sentByName: rep.username,
    });
    const stored = (await rep.get(`/api/v1/email-messages/${sent.json().id}`)).json();
    expect(stored.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['quote.txt']);

    // The next sync of the Sent folder recognises it: stored once.
    expect(await syncMailbox(ctx(), box.id)).toMatchObject({ stored: 0, error: null });
    expect((await rep.get(`/api/v1/customers/${customer.id}/timeline`, { kinds: 'email' })).json().items).toHaveLength(
      1,
    );

    // The customer answers; the rep replies to the answer: In-Reply-To and References name the thread.
    const inbox = await client(users.rep);
    const answerId = `Answer-${unique('a')}.XyZ@Pumps.test`;
    await inbox.append(
      'INBOX',
      rawMessage({
        from: 'buyer@pumps.test',
        to: 'writer@relate.test',
        subject: 'Re: Quote for 200 pumps',
        date: new Date(),
        messageId: answerId,
        inReplyTo: sent.json().messageId,
        references: [sent.json().messageId],
      }),
    );
    expect(await syncMailbox(ctx(), box.id)).toMatchObject({ stored: 1 });
    const answer = (await rep.get(`/api/v1/customers/${customer.id}/timeline`, { kinds: 'email' })).json().items[0]
      .email;
    expect(answer.direction).toBe('in');
    const reply = await rep.post('/api/v1/email-messages', {
      mailboxId: box.id,
      to: ['buyer@pumps.test'],
      subject: 'Re: Quote for 200 pumps',
      text: 'Delivery in May.',
      replyTo: answer.id,
    });
    expect(reply.statusCode).toBe(201);
    const replied = smtp.received.at(-1)!.raw;
    expect(header(replied, 'In-Reply-To')).toBe(`<${answerId}>`);
    expect(header(replied, 'References')).toBe(`<${sent.json().messageId}> <${answerId}>`);
    const thread = (await rep.get(`/api/v1/email-messages/${reply.json().id}`)).json().thread;
    expect(thread.map((m: { id: number }) => m.id)).toEqual([sent.json().id, answer.id]);
    // One may only answer a message one can read.
    expect(
      (
        await other.post('/api/v1/email-messages', {
          mailboxId: box.id,
          to: ['x@y.test'],
          subject: 's',
          text: 't',
          replyTo: answer.id,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('sends an email template rendered for a contact: its subject, the HTML layout and the plain text as alternatives', async () => {
    expect((await companySmtp()).statusCode).toBe(200);
    const rep = await createUserClient(t, 'sales_rep');
    const customer = await createCustomer(rep);
    const contact = (
      await rep.post('/api/v1/contacts', {
        customerId: customer.id,
        name: 'Mary Smith',
        email: 'mary@pumps.test',
        language: 'en',
      })
    ).json();
    const box = (await rep.post('/api/v1/mailboxes', mailboxBody(users.templates))).json();
    const template = (
      await rep.post('/api/v1/email-templates', {
        name: 'follow-up',
        category: 'service',
        versions: [
          { language: 'zh-CN', subject: '您好 {{ contact.name }}', body: '<p>{{ contact.name }}，您好</p>' },
          {
            language: 'en',
            subject: 'Hello {{ contact.name }}',
            body: '<p>Dear <strong>{{ contact.name }}</strong>,</p>',
          },
        ],
      })
    ).json();
    const rendered = (
      await rep.post(`/api/v1/email-templates/${template.id}/render`, { contactId: contact.id })
    ).json();
    expect(rendered.subject).toBe('Hello Mary Smith');
    const before = smtp.received.length;
    const sent = await rep.post('/api/v1/email-messages', {
      mailboxId: box.id,
      to: [contact.email],
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      entity: 'contacts',
      entityId: contact.id,
    });
    expect(sent.statusCode).toBe(201);
    const raw = smtp.received.slice(before)[0]!.raw;
    expect(raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(raw).toMatch(/Content-Type: text\/plain/i);
    expect(raw).toMatch(/Content-Type: text\/html/i);
    const stored = (await rep.get(`/api/v1/email-messages/${sent.json().id}`)).json();
    expect(stored.text).toContain('Dear Mary Smith,');
    expect(stored.html).toContain('<strong>Mary Smith</strong>');
  });

  it('edits a mailbox: tests the sign-in first, keeps a blank password, and sends through its own SMTP server', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const box = (await rep.post('/api/v1/mailboxes', mailboxBody(users.other, { syncFrom: '2026-06-01' }))).json();
    const wrong = await rep.patch(`/api/v1/mailboxes/${box.id}`, { imapUser: 'nobody-here' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('MAILBOX_LOGIN_FAILED');
    expect((await rep.get('/api/v1/mailboxes')).json().items[0].imapUser).toBe('other');
    const edited = await rep.patch(`/api/v1/mailboxes/${box.id}`, {
      address: 'Other.Person@relate.test',
      password: '',
      syncFrom: '2026-01-01',
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false, username: 'crm', password: 's3cret' },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({
      address: 'other.person@relate.test',
      ownSmtp: true,
      passwordSet: true,
      syncFrom: '2026-01-01',
    });
    expect(edited.body).not.toContain('s3cret');
    // Someone else's mailbox is not found.
    const stranger = await createUserClient(t, 'sales_rep');
    expect((await stranger.patch(`/api/v1/mailboxes/${box.id}`, { imapPort: 1 })).statusCode).toBe(404);
    // Only a shared mailbox may be a service mailbox.
    expect((await rep.patch(`/api/v1/mailboxes/${box.id}`, { serviceMailbox: true })).statusCode).toBe(400);

    // Without the company's server the mailbox's own one sends (it signs in: a wrong password would be refused).
    expect((await t.admin.delete('/api/v1/settings/mail')).statusCode).toBe(204);
    const lead = await createLead(rep, { email: 'prospect@else.test' });
    const before = smtp.received.length;
    const sent = await rep.post('/api/v1/email-messages', {
      mailboxId: box.id,
      to: ['prospect@else.test'],
      subject: 'Hello',
      text: 'Nice to meet you.',
    });
    expect(sent.statusCode).toBe(201);
    expect(smtp.received.slice(before).map((m) => m.from)).toEqual(['other.person@relate.test']);
    // On the lead's emails (matched by the recipient's address).
    const emails = (await rep.get(`/api/v1/leads/${lead.id}/emails`)).json().items;
    expect(emails.map((e: { id: number }) => e.id)).toEqual([sent.json().id]);
    expect((await stranger.get(`/api/v1/leads/${lead.id}/emails`)).statusCode).toBe(404);
    await companySmtp();
  });

  it('turns a service mailbox’s new threads into tickets, appends the customer’s replies, ignores auto-replies and bounces', async () => {
    await companySmtp();
    const customer = await createCustomer(t.admin, { email: 'it@factory.test' });
    const contact = (
      await t.admin.post('/api/v1/contacts', {
        customerId: customer.id,
        name: unique('王工'),
        email: 'wang@factory.test',
      })
    ).json();
    const box = await t.admin.post(
      '/api/v1/mailboxes',
      mailboxBody(users.service, {
        kind: 'shared',
        serviceMailbox: true,
        categoryRules: [{ keyword: 'broken', category: 'repair' }],
      }),
    );
    expect(box.statusCode).toBe(201);
    expect(box.json()).toMatchObject({
      serviceMailbox: true,
      categoryRules: [{ keyword: 'broken', category: 'repair' }],
    });
    const mailboxId = box.json().id;
    const inbox = await client(users.service);
    const id = unique('s');
    await inbox.append(
      'INBOX',
      rawMessage({
        from: 'Wang <wang@factory.test>',
        to: 'service@relate.test',
        subject: 'Pump 3 is broken',
        date: new Date(),
        messageId: `First-${id}@Factory.test`,
        text: 'It stopped this morning.',
      }),
    );
    await inbox.append(
      'INBOX',
      rawMessage({
        from: 'nobody-known@elsewhere.test',
        to: 'service@relate.test',
        subject: 'Question about warranty',
        date: new Date(),
        messageId: `q-${id}@elsewhere.test`,
      }),
    );
    expect(await syncMailbox(ctx(), mailboxId)).toMatchObject({ stored: 2, error: null });
    const tickets = (await t.admin.get('/api/v1/tickets', { pageSize: 100 })).json().items;
    const pump = tickets.find((x: { subject: string }) => x.subject === 'Pump 3 is broken');
    expect(pump).toMatchObject({
      channel: 'email',
      customerId: customer.id,
      contactId: contact.id,
      category: 'repair',
    });
    const stranger = tickets.find((x: { subject: string }) => x.subject === 'Question about warranty');
    expect(stranger).toMatchObject({ customerId: null, requesterEmail: 'nobody-known@elsewhere.test' });

    // The agent's reply goes out from the service address, the ticket number in its subject, in the thread.
    const before = smtp.received.length;
    expect(
      (await t.admin.post(`/api/v1/tickets/${pump.id}/messages`, { kind: 'reply', body: 'A technician comes today.' }))
        .statusCode,
    ).toBe(201);
    const agentMail = await until(async () =>
      smtp.received.slice(before).find((m) => m.to.includes('wang@factory.test')),
    );
    expect(agentMail.from).toBe('service@relate.test');
    expect(agentMail.raw).toContain(pump.number);
    expect(header(agentMail.raw, 'In-Reply-To')).toBe(`<First-${id}@Factory.test>`);
    const agentMessageId = header(agentMail.raw, 'Message-ID')!.replace(/[<>]/g, '');
    expect((await folder(users.service, 'Sent')).some((raw) => raw.includes(agentMessageId))).toBe(true);

    // The customer's answer joins the ticket; an auto-reply and a bounce open nothing.
    await inbox.append(
      'INBOX',
      rawMessage({
        from: 'wang@factory.test',
        to: 'service@relate.test',
        subject: `Re: [${pump.number}] Pump 3 is broken`,
        date: new Date(),
        messageId: `answer-${id}@factory.test`,
        inReplyTo: agentMessageId,
        references: [`First-${id}@Factory.test`, agentMessageId],
        text: 'Thank you, we will be there.',
      }),
    );
    await inbox.append(
      'INBOX',
      rawMessage({
        from: 'wang@factory.test',
        to: 'service@relate.test',
        subject: 'Out of office',
        date: new Date(),
        messageId: `ooo-${id}@factory.test`,
        headers: { 'Auto-Submitted': 'auto-replied', 'X-Autoreply': 'yes' },
      }),
    );
    await inbox.append(
      'INBOX',
      rawMessage({
        from: 'MAILER-DAEMON@factory.test',
        to: 'service@relate.test',
        subject: 'Undelivered Mail Returned to Sender',
        date: new Date(),
        messageId: `bounce-${id}@factory.test`,
      }),
    );
    await inbox.append(
      'INBOX',
      rawMessage({
        from: 'news@lists.test',
        to: 'service@relate.test',
        subject: 'Our newsletter',
        date: new Date(),
        messageId: `news-${id}@lists.test`,
        headers: { Precedence: 'bulk' },
      }),
    );
    expect(await syncMailbox(ctx(), mailboxId)).toMatchObject({ error: null });
    const detail = (await t.admin.get(`/api/v1/tickets/${pump.id}`)).json();
    expect(detail.messages.map((m: { kind: string; body: string }) => [m.kind, m.body])).toEqual(
      expect.arrayContaining([
        ['reply', 'A technician comes today.'],
        ['customer', 'Thank you, we will be there.'],
      ]),
    );
    const after = (await t.admin.get('/api/v1/tickets', { pageSize: 100 })).json().items;
    expect(
      after
        .filter((x: { channel: string }) => x.channel === 'email')
        .map((x: { subject: string }) => x.subject)
        .sort(),
    ).toEqual(['Pump 3 is broken', 'Question about warranty'].sort());
  });

  it('keeps mail it cannot file as a ticket, names it in the mailbox’s state, and goes on with the next', async () => {
    const box = await t.admin.post(
      '/api/v1/mailboxes',
      mailboxBody(users.service, {
        kind: 'shared',
        address: 'desk@relate.test',
        serviceMailbox: true,
        categoryRules: [{ keyword: 'leak', category: 'repair' }],
      }),
    );
    expect(box.statusCode, box.body).toBe(201);
    const mailboxId = box.json().id;
    // Only what arrives from now on: the earlier test's messages are in the same inbox.
    await syncMailbox(ctx(), mailboxId);
    const options = async (type: string) =>
      (await t.admin.get(`/api/v1/dictionaries/${type}/options`)).json() as Array<{ id: number; code: string }>;
    const switchOption = async (type: string, code: string, enabled: boolean) => {
      const option = (await options(type)).find((o) => o.code === code)!;
      const response = await t.admin.patch(`/api/v1/dictionaries/${type}/options/${option.id}`, { enabled });
      expect(response.statusCode, response.body).toBe(200);
    };
    const inbox = await client(users.service);
    const id = unique('f');
    const send = (subject: string) =>
      inbox.append(
        'INBOX',
        rawMessage({
          from: 'someone@plant.test',
          to: 'desk@relate.test',
          subject,
          date: new Date(),
          messageId: `${subject.replace(/\W/g, '')}-${id}@plant.test`,
        }),
      );
    const subjects = async () =>
      (
        (await t.admin.get('/api/v1/tickets', { pageSize: 100 })).json().items as Array<{
          subject: string;
          category: string | null;
        }>
      )
        .filter((x) => x.subject.endsWith(id))
        .map((x) => [x.subject, x.category]);

    // A rule's category switched off: the ticket opens without a category.
    await switchOption('service_category', 'repair', false);
    await send(`Water leak ${id}`);
    expect(await syncMailbox(ctx(), mailboxId)).toMatchObject({ stored: 1, notFiled: [], error: null });
    expect(await subjects()).toEqual([[`Water leak ${id}`, null]]);
    await switchOption('service_category', 'repair', true);

    // The type email tickets open as switched off: the message is kept, named, and the mailbox goes on.
    await switchOption('ticket_type', 'consultation', false);
    await send(`Cannot file ${id}`);
    const failed = await syncMailbox(ctx(), mailboxId);
    expect(failed).toMatchObject({ stored: 1, error: null });
    expect(failed.notFiled).toEqual([expect.stringContaining(`Cannot file ${id}`)]);
    const state = (await t.admin.get('/api/v1/mailboxes')).json().items.find((m: { id: number }) => m.id === mailboxId);
    expect(state.lastError).toMatch(/^ticketFilingFailed: 1: Cannot file/);
    await switchOption('ticket_type', 'consultation', true);
    await send(`Filed again ${id}`);
    expect(await syncMailbox(ctx(), mailboxId)).toMatchObject({ stored: 1, notFiled: [], error: null });
    expect((await subjects()).map(([subject]) => subject).sort()).toEqual([`Filed again ${id}`, `Water leak ${id}`]);
    const cleared = (await t.admin.get('/api/v1/mailboxes'))
      .json()
      .items.find((m: { id: number }) => m.id === mailboxId);
    expect(cleared.lastError).toBeNull();
  });

  it('lists recent mail from unknown senders (not kept) and logs one as a new lead, onto its emails', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const box = (
      await rep.post('/api/v1/mailboxes', mailboxBody(users.rep, { address: 'writer2@relate.test' }))
    ).json();
    const inbox = await client(users.rep);
    const id = unique('u');
    await inbox.append(
      'INBOX',
      rawMessage({
        from: 'Zhang San <zhang@newco.test>',
        to: 'writer@relate.test',
        subject: `Interested in your pumps ${id}`,
        date: new Date(),
        messageId: `new-${id}@newco.test`,
        attachment: { name: 'needs.txt', content: 'we need 10' },
      }),
    );
    const unmatched = await rep.get(`/api/v1/mailboxes/${box.id}/unmatched`);
    expect(unmatched.statusCode).toBe(200);
    const item = unmatched.json().items.find((m: { subject: string }) => m.subject.endsWith(id));
    expect(item).toMatchObject({ from: { address: 'zhang@newco.test', name: 'Zhang San' } });
    // Known senders are not listed.
    expect(
      unmatched.json().items.some((m: { from: { address: string } }) => m.from.address === 'buyer@pumps.test'),
    ).toBe(false);
    expect(
      await t.database.db
        .selectFrom('emailMessages')
        .select('id')
        .where('messageKey', '=', `new-${id}@newco.test`)
        .execute(),
    ).toEqual([]);
    const stranger = await createUserClient(t, 'sales_rep');
    expect((await stranger.get(`/api/v1/mailboxes/${box.id}/unmatched`)).statusCode).toBe(404);

    const logged = await rep.post(`/api/v1/mailboxes/${box.id}/unmatched/${item.uid}/log`, {
      as: 'lead',
      name: 'Zhang San',
      company: 'NewCo',
    });
    expect(logged.statusCode).toBe(201);
    expect(logged.json()).toMatchObject({ entity: 'leads' });
    const emails = (await rep.get(`/api/v1/leads/${logged.json().entityId}/emails`)).json().items;
    expect(emails).toEqual([expect.objectContaining({ id: logged.json().emailId, attachmentCount: 1 })]);
    expect((await rep.get(`/api/v1/leads/${logged.json().entityId}`)).json()).toMatchObject({
      email: 'zhang@newco.test',
      company: 'NewCo',
    });
    // Now known: no longer listed.
    const again = (await rep.get(`/api/v1/mailboxes/${box.id}/unmatched`)).json().items;
    expect(again.some((m: { uid: number }) => m.uid === item.uid)).toBe(false);
  });

  it('reads a new message at once over IDLE, without waiting for the poll', async () => {
    const customer = await createCustomer(t.admin, { email: 'fast@idle.test' });
    const box = (await t.admin.post('/api/v1/mailboxes', mailboxBody(users.idle))).json();
    await syncMailbox(ctx(), box.id);
    const watcher = new MailboxWatcher(ctx(), { holder: 'idle-test', reconcileMs: 600_000, retryMs: 200 });
    try {
      await watcher.reconcile();
      expect(watcher.watching()).toContain(box.id);
      // A second instance does not open another connection while the first holds the mailbox.
      const second = new MailboxWatcher(ctx(), { holder: 'other-instance', reconcileMs: 600_000 });
      await second.reconcile();
      expect(second.watching()).not.toContain(box.id);
      await second.stop();
      expect(
        (await t.admin.get('/api/v1/mailboxes')).json().items.find((m: { id: number }) => m.id === box.id).idle,
      ).toBe(true);
      // Give the connection time to open the inbox and start idling.
      await new Promise((r) => setTimeout(r, 500));
      const inbox = await client(users.idle);
      await inbox.append(
        'INBOX',
        rawMessage({ from: 'fast@idle.test', to: 'idler@relate.test', subject: 'Arrived just now', date: new Date() }),
      );
      const items = await until(async () => {
        const found = (await t.admin.get(`/api/v1/customers/${customer.id}/timeline`, { kinds: 'email' })).json().items;
        return found.length ? found : null;
      });
      expect(items[0].email.subject).toBe('Arrived just now');
    } finally {
      await watcher.stop();
    }
  });
});
