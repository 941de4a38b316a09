import { describe, expect, it } from 'vitest';
import {
  campaignWith,
  grantConsent,
  header,
  memberStatuses,
  ok,
  postOneClick,
  useMailServer,
} from '../../../test/campaigns.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createLead, unique } from '../../../test/factories.ts';
import { appendMany, dovecotBinary, rawMessage } from '../../../test/imap.ts';
import { mailboxTestBed } from '../../../test/mailbox-test-bed.ts';
import { jobHandlers } from '../../jobs.ts';
import { runDueJobs } from '../../platform/jobs.ts';
import { syncMailbox } from '../mailboxes/index.ts';

const users = { bounces: { name: 'bounces', password: 'bounces-secret' } };
const bounceAddress = 'bounces@relate.test';

describe.skipIf(!dovecotBinary).each(testDialects)('unsubscribing by mail on %s', (dialect) => {
  const bed = mailboxTestBed(dialect, users, { smtp: true });
  const admin = () => bed.t.admin;

  it('offers a mailto beside the one-click link when a bounce address is set, and a request mailed there unsubscribes the member its token or its answer names', async () => {
    const tag = unique('m').toLowerCase();
    const address = (name: string) => `${name}-${tag}@pumps.test`;
    // Without a bounce address, the header has the one-click link alone.
    await useMailServer(admin(), bed.smtp.port, { from: 'news@relate.test' });
    const early = await createLead(admin(), { email: address('early') });
    await grantConsent(admin(), { entity: 'leads', id: early.id });
    const send = async (campaignId: number) => {
      const templateId = (
        await ok(
          admin().post('/api/v1/email-templates', {
            name: unique('模板'),
            category: 'marketing',
            scope: 'shared',
            defaultLanguage: 'zh-CN',
            versions: [{ language: 'zh-CN', subject: '春季新品', body: '<p>{{ recipient.name }} 您好</p>' }],
          }),
          201,
        )
      ).id;
      await ok(admin().post(`/api/v1/campaigns/${campaignId}/email-sends`, { templateId, perSecond: 50 }), 201);
      await runDueJobs(bed.ctx(), jobHandlers, [], 'test', new Date(Date.now() + 3600_000));
    };
    await send(await campaignWith(admin(), [{ entity: 'leads', ids: [early.id] }]));
    const listUnsubscribe = (name: string) =>
      header(bed.smtp.received.find((m) => m.to.includes(address(name)))!.raw, 'List-Unsubscribe')!;
    expect(listUnsubscribe('early')).toMatch(/^<https?:\/\/[^>]+\/unsubscribe\/[\w.-]+>$/);

    await useMailServer(admin(), bed.smtp.port, { from: 'news@relate.test', bounceAddress });
    const firm = await createCustomer(admin(), { email: address('firm') });
    await grantConsent(admin(), { entity: 'customers', id: firm.id });
    const people: Record<string, { id: number }> = {};
    for (const name of ['token', 'answer', 'forged', 'elsewhere']) {
      people[name] = await createLead(admin(), { email: address(name) });
      await grantConsent(admin(), { entity: 'leads', id: people[name]!.id });
    }
    const campaignId = await campaignWith(admin(), [
      { entity: 'leads', ids: Object.values(people).map((p) => p.id) },
      { entity: 'customers', ids: [firm.id] },
    ]);
    await send(campaignId);
    // RFC 2369 allows both: the web link first (RFC 8058's one click), then the mailto.
    const [web, mailto] = listUnsubscribe('token').split(/,\s*/);
    expect(web).toMatch(/^<https?:\/\/[^>]+\/unsubscribe\/[\w.-]+>$/);
    const mailtoUrl = new URL(/^<(mailto:[^>]+)>$/.exec(mailto!)![1]!);
    expect(mailtoUrl.pathname).toBe(bounceAddress);
    const subjectOf = (name: string) =>
      new URL(/<(mailto:[^>]+)>/.exec(listUnsubscribe(name))![1]!).searchParams.get('subject')!;
    expect(subjectOf('token')).toMatch(/^unsubscribe \d+\.[\w-]{22}$/);
    const messageIdOf = (name: string) =>
      header(bed.smtp.received.find((m) => m.to.includes(address(name)))!.raw, 'Message-ID')!.slice(1, -1);

    const mail = (name: string, fields: Partial<Parameters<typeof rawMessage>[0]>) =>
      rawMessage({
        from: address(name),
        to: bounceAddress,
        subject: 'unsubscribe',
        date: new Date(),
        messageId: `${unique('u')}@pumps.test`,
        ...fields,
      });
    await appendMany(bed.imap.port, users.bounces, 'INBOX', [
      // What a mail program sends from the mailto: its subject carries the signed token.
      mail('token', { subject: subjectOf('token') }),
      // The customer's mail program, the same way.
      mail('firm', { subject: subjectOf('firm') }),
      // Written by hand: "unsubscribe" in answer to the message, from the address it went to.
      mail('answer', { inReplyTo: messageIdOf('answer') }),
      // Someone else answering another person's message is not them.
      mail('stranger', { inReplyTo: messageIdOf('forged') }),
      // A token in a mail to another address (a copy in this mailbox) is not a request to us.
      mail('elsewhere', { to: `sales-${tag}@relate.test`, subject: subjectOf('elsewhere') }),
    ]);
    const box = await ok(admin().post('/api/v1/mailboxes', bed.mailboxBody(users.bounces)), 201);
    expect((await syncMailbox(bed.ctx(), box.id)).error).toBeNull();

    const statuses = await memberStatuses(admin(), campaignId);
    expect(statuses).toEqual({
      [`leads:${people.token!.id}`]: 'unsubscribed',
      [`leads:${people.answer!.id}`]: 'unsubscribed',
      [`leads:${people.forged!.id}`]: 'sent',
      [`leads:${people.elsewhere!.id}`]: 'sent',
      [`customers:${firm.id}`]: 'unsubscribed',
    });
    const emailConsent = async (url: string) =>
      (await ok(admin().get(url))).items.find((c: { channel: string }) => c.channel === 'email');
    expect(await emailConsent(`/api/v1/leads/${people.token!.id}/consents`)).toMatchObject({
      state: 'withdrawn',
      suppressed: true,
    });
    expect(await emailConsent(`/api/v1/customers/${firm.id}/consents`)).toMatchObject({ state: 'withdrawn' });
    expect(await emailConsent(`/api/v1/leads/${people.forged!.id}/consents`)).toMatchObject({
      state: 'granted',
      suppressed: false,
    });
    const audit = (await ok(admin().get('/api/v1/audit-logs', { entity: 'leads', entityId: people.answer!.id })))
      .items as Array<{ action: string; detail: Record<string, unknown> | null }>;
    expect(audit.find((a) => a.action === 'campaignEmailUnsubscribed')?.detail).toMatchObject({ via: 'mail' });

    // Read again (another sync of the folder from the start), nothing changes; the one-click link still answers.
    await bed.t.database.db.deleteFrom('mailboxFolders').where('mailboxId', '=', box.id).execute();
    expect((await syncMailbox(bed.ctx(), box.id)).error).toBeNull();
    expect(await memberStatuses(admin(), campaignId)).toEqual(statuses);
    const link = new URL(/^<([^>]+)>$/.exec(web!)![1]!);
    expect((await postOneClick(bed.t.app, link)).statusCode).toBe(204);
  });
});
