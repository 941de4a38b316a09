import { describe, expect, it } from 'vitest';
import { campaignWith, grantConsent, header, ok, useMailServer } from '../../../test/campaigns.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createLead, unique } from '../../../test/factories.ts';
import { appendMany, dovecotBinary, rawMessage } from '../../../test/imap.ts';
import { mailboxTestBed } from '../../../test/mailbox-test-bed.ts';
import { syncMailbox } from '../mailboxes/index.ts';
import { advanceSequences } from './index.ts';

const users = { sales: { name: 'sales', password: 'sales-secret' } };
const dayMs = 86_400_000;

describe.skipIf(!dovecotBinary).each(testDialects)('a sequence branching on replies on %s', (dialect) => {
  const bed = mailboxTestBed(dialect, users, { smtp: true });
  const admin = () => bed.t.admin;

  it('takes the yes way for members whose answer to its message a mailbox sync read — contact, lead or customer — and the no way for the rest', async () => {
    // Campaign mail goes out from the sales mailbox, so that answers arrive where Relate reads them.
    await useMailServer(admin(), bed.smtp.port, { from: 'sales@relate.test' });
    const tag = unique('r').toLowerCase();
    const address = (name: string) => `${name}-${tag}@pumps.test`;
    const firm = await createCustomer(admin(), { email: address('firm') });
    const person = async (name: string) => {
      const created = await ok(
        admin().post('/api/v1/contacts', { customerId: firm.id, name: `${name}${tag}`, email: address(name) }),
        201,
      );
      await grantConsent(admin(), { entity: 'contacts', id: created.id });
      return created as { id: number; name: string };
    };
    const answering = await person('answering');
    const quiet = await person('quiet');
    const elsewhere = await person('elsewhere');
    const lead = await createLead(admin(), { name: `lead${tag}`, email: address('lead') });
    await grantConsent(admin(), { entity: 'leads', id: lead.id });
    await grantConsent(admin(), { entity: 'customers', id: firm.id });
    const campaignId = await campaignWith(admin(), [
      { entity: 'contacts', ids: [answering.id, quiet.id, elsewhere.id] },
      { entity: 'leads', ids: [lead.id] },
      { entity: 'customers', ids: [firm.id] },
    ]);
    const templateId = (
      await ok(
        admin().post('/api/v1/email-templates', {
          name: unique('回复'),
          category: 'marketing',
          scope: 'shared',
          defaultLanguage: 'zh-CN',
          versions: [{ language: 'zh-CN', subject: '新品试用', body: '<p>{{ recipient.name }}，欢迎回信</p>' }],
        }),
        201,
      )
    ).id;
    await ok(
      admin().put(`/api/v1/campaigns/${campaignId}/sequence`, {
        perSecond: 50,
        steps: [
          { kind: 'email', templateId },
          { kind: 'wait', days: 1 },
          { kind: 'branch', condition: 'replied', noStep: 5 },
          { kind: 'task', title: `回信 {{name}} ${tag}`, dueDays: 1 },
          { kind: 'end' },
        ],
      }),
    );
    await ok(admin().patch(`/api/v1/campaigns/${campaignId}/sequence`, { action: 'start' }));
    const t0 = new Date();
    await advanceSequences(bed.ctx(), { now: t0 });
    const sentTo = (name: string) =>
      header(bed.smtp.received.find((m) => m.to.includes(address(name)))!.raw, 'Message-ID')!.slice(1, -1);
    expect(bed.smtp.received.filter((m) => m.to[0]!.endsWith(`-${tag}@pumps.test`))).toHaveLength(5);

    // What arrives in the sales mailbox: answers by In-Reply-To (the contact, the lead) and by References only
    // (the customer's mail program), a new mail that answers nothing, and an answer to a message of another thread.
    const answer = (name: string, fields: { inReplyTo?: string; references?: string[] }) =>
      rawMessage({
        from: address(name),
        to: 'sales@relate.test',
        subject: 'Re: 新品试用',
        date: new Date(),
        messageId: `${unique('answer')}@pumps.test`,
        text: '有兴趣，请联系我',
        ...fields,
      });
    await appendMany(bed.imap.port, users.sales, 'INBOX', [
      answer('answering', { inReplyTo: sentTo('answering') }),
      answer('lead', { inReplyTo: sentTo('lead'), references: [sentTo('lead')] }),
      answer('firm', { references: [`older-${tag}@pumps.test`, sentTo('firm')] }),
      answer('quiet', {}),
      answer('elsewhere', { inReplyTo: `unrelated-${tag}@pumps.test` }),
    ]);
    const box = await ok(admin().post('/api/v1/mailboxes', bed.mailboxBody(users.sales)), 201);
    expect((await syncMailbox(bed.ctx(), box.id)).error).toBeNull();

    await advanceSequences(bed.ctx(), { now: new Date(t0.getTime() + dayMs + 60_000) });
    const sequence = (await ok(admin().get(`/api/v1/campaigns/${campaignId}/sequence`))).sequence;
    expect(sequence.steps[2].figures).toMatchObject({ done: 5, yes: 3, no: 2 });
    const tasks = (await ok(admin().get('/api/v1/tasks', { pageSize: 100 }))).items
      .map((t: { subject: string }) => t.subject)
      .filter((subject: string) => subject.includes(tag));
    expect(tasks.sort()).toEqual(
      [answering.name, lead.name, firm.name].map((name: string) => `回信 ${name} ${tag}`).sort(),
    );
    expect(sequence.funnel).toMatchObject({ entered: 5, completed: 5 });
  });
});
