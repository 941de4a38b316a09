import { describe, expect, it } from 'vitest';
import type { Client } from '../../../test/app.ts';
import { campaignWith, grantConsent, memberStatuses, ok, useMailServer } from '../../../test/campaigns.ts';
import { testDialects } from '../../../test/databases.ts';
import { deliveryReport } from '../../../test/delivery-reports.ts';
import { createCustomer, createLead, unique } from '../../../test/factories.ts';
import { appendMany, dovecotBinary } from '../../../test/imap.ts';
import { mailboxTestBed } from '../../../test/mailbox-test-bed.ts';
import { jobHandlers } from '../../jobs.ts';
import { runDueJobs } from '../../platform/jobs.ts';
import { syncMailbox } from '../mailboxes/index.ts';
import { recordDeliveryReport, softBouncesBeforeSuppression } from './bounces.ts';

const users = { bounces: { name: 'bounces', password: 'bounces-secret' } };

const template = {
  name: '春季推广',
  category: 'marketing',
  scope: 'shared',
  defaultLanguage: 'zh-CN',
  versions: [{ language: 'zh-CN', subject: '春季新品', body: '<p>{{ contact.name }} 您好</p>' }],
};

describe.skipIf(!dovecotBinary).each(testDialects)('campaign email bounces on %s', (dialect) => {
  const bed = mailboxTestBed(dialect, users, { smtp: true });
  const admin = () => bed.t.admin;
  /** A campaign email to new contacts with consent at these addresses, sent; the messages as received. */
  const sendTo = async (addresses: string[]) => {
    await useMailServer(admin(), bed.smtp.port, { from: 'news@relate.test', bounceAddress: 'bounces@relate.test' });
    const customer = await createCustomer(admin());
    const contacts: Array<{ id: number; email: string }> = [];
    for (const email of addresses) {
      const created = await ok(
        admin().post('/api/v1/contacts', { customerId: customer.id, name: unique('联系人'), email }),
        201,
      );
      await grantConsent(admin(), { entity: 'contacts', id: created.id });
      contacts.push({ id: created.id, email });
    }
    const campaignId = await campaignWith(admin(), [{ entity: 'contacts', ids: contacts.map((c) => c.id) }]);
    const templateId = (await ok(admin().post('/api/v1/email-templates', { ...template, name: unique('模板') }), 201))
      .id;
    const send = await ok(
      admin().post(`/api/v1/campaigns/${campaignId}/email-sends`, { templateId, perSecond: 50 }),
      201,
    );
    await runDueJobs(bed.ctx(), jobHandlers, [], 'test', new Date(Date.now() + 3600_000));
    const received = (email: string) => bed.smtp.received.find((m) => m.to.includes(email))!.raw;
    return { campaignId, sendId: send.id as number, contacts, received };
  };
  /** The bounce mailbox, connected once for the suite. */
  const bounceMailbox = async () => {
    const connected = (await ok(admin().get('/api/v1/mailboxes'))).items.find(
      (m: { address: string }) => m.address === 'bounces@relate.test',
    );
    return (connected ?? (await ok(admin().post('/api/v1/mailboxes', bed.mailboxBody(users.bounces)), 201)))
      .id as number;
  };
  const report = async (campaignId: number, sendId: number) =>
    (await ok<any[]>(admin().get(`/api/v1/campaigns/${campaignId}/email-sends`))).find((s: any) => s.id === sendId);
  const suppressed = async (by: Client, address: string) =>
    (await ok(by.get('/api/v1/suppressions', { channel: 'email', q: address }))).items as Array<{
      address: string;
      reason: string;
      source: string;
    }>;

  it('reads bounces from the bounce mailbox: a hard bounce ends the member and suppresses the address, a soft one is counted; delays and strangers change nothing', async () => {
    const tag = unique('b').toLowerCase();
    const [gone, full, slow] = [`gone-${tag}@pumps.test`, `full-${tag}@pumps.test`, `slow-${tag}@pumps.test`];
    const { campaignId, sendId, contacts, received } = await sendTo([gone, full, slow]);
    expect((await report(campaignId, sendId)).counts.sent).toBe(3);
    // The envelope sender is the bounce mailbox, so that receiving servers return bounces there.
    expect(bed.smtp.received.filter((m) => m.to.includes(gone)).map((m) => m.from)).toEqual(['bounces@relate.test']);
    expect(received(gone)).toMatch(/^From: .*news@relate\.test/m);

    const to = 'bounces@relate.test';
    await appendMany(bed.imap.port, users.bounces, 'INBOX', [
      deliveryReport({
        to,
        original: received(gone),
        recipients: [{ address: gone, status: '5.1.1', diagnostic: '550 5.1.1 User unknown' }],
      }),
      deliveryReport({
        to,
        original: received(full),
        embed: true,
        recipients: [{ address: full, status: '4.2.2', diagnostic: '452 4.2.2 Mailbox full' }],
      }),
      deliveryReport({
        to,
        original: received(slow),
        recipients: [{ address: slow, action: 'delayed', status: '4.4.7' }],
      }),
      // About a message Relate never sent.
      deliveryReport({
        to,
        original: 'Message-ID: <elsewhere-1@other.test>\r\nSubject: x\r\n\r\nx',
        recipients: [{ address: slow, status: '5.1.1' }],
      }),
    ]);
    const box = { id: await bounceMailbox() };
    const sync = await syncMailbox(bed.ctx(), box.id);
    expect(sync.error).toBeNull();

    expect((await report(campaignId, sendId)).bounces).toEqual({ hard: 1, soft: 1 });
    const [goneContact, fullContact, slowContact] = contacts;
    const statuses = await memberStatuses(admin(), campaignId);
    expect(statuses[`contacts:${goneContact!.id}`]).toBe('bounced');
    expect(statuses[`contacts:${fullContact!.id}`]).toBe('sent');
    expect(statuses[`contacts:${slowContact!.id}`]).toBe('sent');
    expect(await suppressed(admin(), gone)).toEqual([
      expect.objectContaining({
        address: gone,
        reason: '5.1.1 smtp; 550 5.1.1 User unknown',
        source: `bounce:campaign:${campaignId}`,
      }),
    ]);
    expect(await suppressed(admin(), full)).toEqual([]);
    // The address stopped working; its owner never withdrew consent.
    const consents = (await ok(admin().get(`/api/v1/contacts/${goneContact!.id}/consents`))).items;
    expect(consents.find((c: any) => c.channel === 'email')).toMatchObject({ state: 'granted', suppressed: true });

    // The same bounces found again (in a second folder, or read again) count once.
    await appendMany(bed.imap.port, users.bounces, 'INBOX', [
      deliveryReport({ to, original: received(gone), recipients: [{ address: gone, status: '5.1.1' }] }),
    ]);
    expect((await syncMailbox(bed.ctx(), box.id)).error).toBeNull();
    expect((await report(campaignId, sendId)).bounces).toEqual({ hard: 1, soft: 1 });
  });

  it("finds a lead's and a customer's bounced messages: the members end, the addresses are suppressed, each bounce is on its record's history", async () => {
    await useMailServer(admin(), bed.smtp.port, { from: 'news@relate.test', bounceAddress: 'bounces@relate.test' });
    const tag = unique('k').toLowerCase();
    const lead = await createLead(admin(), { email: `lead-${tag}@pumps.test` });
    const firm = await createCustomer(admin(), { email: `firm-${tag}@pumps.test` });
    await grantConsent(admin(), { entity: 'leads', id: lead.id });
    await grantConsent(admin(), { entity: 'customers', id: firm.id });
    const campaignId = await campaignWith(admin(), [
      { entity: 'leads', ids: [lead.id] },
      { entity: 'customers', ids: [firm.id] },
    ]);
    const templateId = (await ok(admin().post('/api/v1/email-templates', { ...template, name: unique('模板') }), 201))
      .id;
    await ok(admin().post(`/api/v1/campaigns/${campaignId}/email-sends`, { templateId, perSecond: 50 }), 201);
    await runDueJobs(bed.ctx(), jobHandlers, [], 'test', new Date(Date.now() + 3600_000));
    const received = (email: string) => bed.smtp.received.find((m) => m.to.includes(email))!.raw;
    await appendMany(
      bed.imap.port,
      users.bounces,
      'INBOX',
      [`lead-${tag}@pumps.test`, `firm-${tag}@pumps.test`].map((address) =>
        deliveryReport({
          to: 'bounces@relate.test',
          original: received(address),
          recipients: [{ address, status: '5.1.1', diagnostic: '550 5.1.1 User unknown' }],
        }),
      ),
    );
    expect((await syncMailbox(bed.ctx(), await bounceMailbox())).error).toBeNull();
    expect(await memberStatuses(admin(), campaignId)).toEqual({
      [`leads:${lead.id}`]: 'bounced',
      [`customers:${firm.id}`]: 'bounced',
    });
    for (const [entity, id] of [
      ['leads', lead.id],
      ['customers', firm.id],
    ]) {
      const audit = (await ok(admin().get('/api/v1/audit-logs', { entity, entityId: id }))).items;
      expect(audit.find((a: { action: string }) => a.action === 'campaignEmailBounced')?.detail).toMatchObject({
        campaignId,
        status: '5.1.1',
      });
    }
    expect(await suppressed(admin(), `lead-${tag}@pumps.test`)).toHaveLength(1);
    // The address stopped working; the person never said no.
    const consent = (await ok(admin().get(`/api/v1/leads/${lead.id}/consents`))).items.find(
      (c: { channel: string }) => c.channel === 'email',
    );
    expect(consent).toMatchObject({ state: 'granted', suppressed: true });
  });

  it(`suppresses an address after ${softBouncesBeforeSuppression} soft bounces over several sends`, async () => {
    const address = `flaky-${unique('s').toLowerCase()}@pumps.test`;
    for (let n = 1; n <= softBouncesBeforeSuppression; n++) {
      const { received } = await sendTo([address]);
      const messageId = /^Message-ID:\s*<([^>]+)>/im.exec(received(address))![1]!;
      await bed.t.database.db.transaction().execute((trx) =>
        recordDeliveryReport(
          { ...bed.ctx(), db: trx },
          {
            originalMessageId: messageId,
            recipients: [{ address, action: 'failed', status: '4.2.2', diagnostic: null }],
          },
        ),
      );
      expect(await suppressed(admin(), address)).toHaveLength(n === softBouncesBeforeSuppression ? 1 : 0);
      // Sent messages of the earlier sends are gone from the sink's view: only this send's message matches.
      bed.smtp.received.splice(0);
    }
  });
});
