import { describe, expect, it } from 'vitest';
import {
  campaignWith,
  grantConsent,
  header,
  linksIn,
  memberStatuses,
  ok,
  oneClickLink,
  personAgent,
  postOneClick,
  readMail,
  useMailServer,
} from '../../../test/campaigns.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createLead, createUserClient, unique } from '../../../test/factories.ts';
import { appWithMailServer } from '../../../test/smtp.ts';
import { jobHandlers } from '../../jobs.ts';
import { LeadInput } from '@relate/common';
import { systemActor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { runDueJobs } from '../../platform/jobs.ts';
import { insertLeadBatch } from '../leads/index.ts';

/** A marketing template whose merge fields read every kind of recipient, with defaults. */
const template = () => ({
  name: unique('全员推广'),
  category: 'marketing',
  scope: 'shared',
  defaultLanguage: 'zh-CN',
  versions: [
    {
      language: 'zh-CN',
      subject: '{{ recipient.name }}，春季新品',
      body:
        '<p>{{ contact.name | default: "客户" }} 您好（{{ customer.name | default: "贵公司" }}）</p>' +
        '<p>线索：{{ lead.company | default: "无" }}</p><p><a href="https://example.com/spring">查看新品</a></p>',
    },
  ],
});

describe.each(testDialects)('campaign email to leads and customers on %s', (dialect) => {
  const env = appWithMailServer(dialect);
  const ctx = () => ({ db: env.t.database.db, dialect: env.t.database.dialect, config: env.t.config }) as AppContext;
  const runJobs = () => runDueJobs(ctx(), jobHandlers, [], 'test', new Date(Date.now() + 3600_000));
  const admin = () => env.t.admin;
  const receivedBy = (address: string) =>
    env.smtp.received.filter((m) => m.to.some((to) => to.toLowerCase() === address.toLowerCase()));
  const newTemplate = async () => (await ok(admin().post('/api/v1/email-templates', template()), 201)).id as number;
  const lead = async (fields: Record<string, unknown>, consent: boolean) => {
    const created = await createLead(admin(), fields);
    if (consent) await grantConsent(admin(), { entity: 'leads', id: created.id });
    return created as { id: number; name: string; email: string | null };
  };
  const customer = async (fields: Record<string, unknown>, consent: boolean) => {
    const created = await createCustomer(admin(), fields);
    if (consent) await grantConsent(admin(), { entity: 'customers', id: created.id });
    return created as { id: number; name: string };
  };
  const auditOf = async (entity: string, entityId: number) =>
    (await ok(admin().get('/api/v1/audit-logs', { entity, entityId, pageSize: 100 }))).items as Array<{
      action: string;
    }>;
  /** A send of the template to the campaign, run to the end; its report. */
  const sendAll = async (campaignId: number) => {
    const send = await ok(
      admin().post(`/api/v1/campaigns/${campaignId}/email-sends`, { templateId: await newTemplate(), perSecond: 50 }),
      201,
    );
    await runJobs();
    return ok(admin().get(`/api/v1/campaigns/${campaignId}/email-sends/${send.id}`));
  };

  it('mails leads and customers with an address of their own and consent, with their merge fields; counts the rest by reason for each kind', async () => {
    await useMailServer(admin(), env.smtp.port);
    const tag = unique('r').toLowerCase();
    const willing = await lead({ email: `willing-${tag}@example.com`, company: '华南泵业' }, true);
    const unasked = await lead({ email: `unasked-${tag}@example.com` }, false);
    const silent = await lead({ mobile: '13911112222' }, true);
    const blocked = await lead({ email: `blocked-${tag}@example.com` }, true);
    await ok(
      admin().post('/api/v1/suppressions', { channel: 'email', address: `blocked-${tag}@example.com`, reason: '投诉' }),
      204,
    );
    // A converted lead's answers went to its contact, where the person later withdrew: the lead is not mailed either.
    const converted = await lead({ email: `moved-${tag}@example.com` }, true);
    const conversion = await ok(admin().post(`/api/v1/leads/${converted.id}/convert`, {}));
    await grantConsent(admin(), { entity: 'contacts', id: conversion.contactId }, 'email', 'withdrawn');
    const company = await customer({ name: `龙腾科技${tag}`, email: `info-${tag}@example.com` }, true);
    const bare = await customer({ name: `无邮箱${tag}` }, true);
    const person = await customer({ name: `个人${tag}`, type: 'individual', email: `me-${tag}@example.com` }, false);
    // The lead's address again, on a contact who also agreed: one message to the address, the lead's (first in).
    const twin = await ok(
      admin().post('/api/v1/contacts', {
        customerId: company.id,
        name: unique('联系人'),
        email: `WILLING-${tag}@example.com`,
      }),
      201,
    );
    await grantConsent(admin(), { entity: 'contacts', id: twin.id });
    const campaignId = await campaignWith(admin(), [
      { entity: 'leads', ids: [willing.id, unasked.id, silent.id, blocked.id, converted.id] },
      { entity: 'customers', ids: [company.id, bare.id, person.id] },
      { entity: 'contacts', ids: [twin.id] },
    ]);
    const byKind = {
      leads: { recipients: 1, skipped: { noConsent: 2, noAddress: 1, suppressed: 1 } },
      customers: { recipients: 1, skipped: { noAddress: 1, noConsent: 1 } },
      contacts: { recipients: 0, skipped: { duplicateAddress: 1 } },
    };
    const audience = await ok(
      admin().post(`/api/v1/campaigns/${campaignId}/email-audience`, { templateId: await newTemplate() }),
    );
    expect(audience).toEqual({
      recipients: 2,
      skipped: { noConsent: 3, noAddress: 2, suppressed: 1, duplicateAddress: 1 },
      byKind,
    });

    const report = await sendAll(campaignId);
    expect(report).toMatchObject({ status: 'done', counts: { total: 9, sent: 2, skipped: 7, failed: 0 }, byKind });
    expect(env.smtp.received.filter((m) => m.to.some((to) => to.toLowerCase().includes(tag)))).toHaveLength(2);

    const toLead = receivedBy(`willing-${tag}@example.com`);
    expect(toLead).toHaveLength(1);
    const leadMail = await readMail(toLead[0]!.raw);
    expect(leadMail.subject).toBe(`${willing.name}，春季新品`);
    // A lead is the person written to; its company stands for the customer.
    expect(leadMail.html).toContain(`${willing.name} 您好（华南泵业）`);
    expect(leadMail.html).toContain('线索：华南泵业');
    expect(leadMail.text).toMatch(/\/unsubscribe\/lead-\d+\.[\w-]+/);
    expect(header(toLead[0]!.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');

    const customerMail = await readMail(receivedBy(`info-${tag}@example.com`)[0]!.raw);
    expect(customerMail.subject).toBe(`龙腾科技${tag}，春季新品`);
    // A company is no person: the greeting falls back to its default.
    expect(customerMail.html).toContain(`客户 您好（龙腾科技${tag}）`);
    expect(customerMail.html).toContain('线索：无');
    expect(customerMail.text).toMatch(/\/unsubscribe\/customer-\d+\.[\w-]+/);

    const statuses = await memberStatuses(admin(), campaignId);
    expect(statuses[`leads:${willing.id}`]).toBe('sent');
    expect(statuses[`customers:${company.id}`]).toBe('sent');
    expect(statuses[`contacts:${twin.id}`]).toBe('planned');
  });

  it("counts a lead's and a customer's opens and clicks, scores the lead, and records them on their histories", async () => {
    await useMailServer(admin(), env.smtp.port);
    const tag = unique('o').toLowerCase();
    const reader = await lead({ email: `reader-${tag}@example.com` }, true);
    const buyer = await customer({ email: `buyer-${tag}@example.com` }, true);
    const campaignId = await campaignWith(admin(), [
      { entity: 'leads', ids: [reader.id] },
      { entity: 'customers', ids: [buyer.id] },
    ]);
    const defaultGroup = (await ok(admin().get('/api/v1/scoring'))).groups.find(
      (g: { isDefault: boolean }) => g.isDefault,
    ).id;
    const rule = await ok(
      admin().post('/api/v1/scoring/rules', {
        groupId: defaultGroup,
        name: unique('打开'),
        kind: 'behaviour',
        event: 'email_opened',
        points: 2,
      }),
      201,
    );
    const report = await sendAll(campaignId);
    expect(report.counts.sent).toBe(2);

    const fetch = (url: string) =>
      env.t.app.inject({ method: 'GET', url: new URL(url).pathname, headers: { 'user-agent': personAgent } });
    const pixel = linksIn(receivedBy(`reader-${tag}@example.com`)[0]!.raw).find((l) => l.includes('/t/o/'))!;
    expect((await fetch(pixel)).statusCode).toBe(200);
    const click = linksIn(receivedBy(`buyer-${tag}@example.com`)[0]!.raw).find((l) => l.includes('/t/c/'))!;
    const followed = await fetch(click);
    expect(followed.statusCode).toBe(302);
    expect(followed.headers.location).toBe('https://example.com/spring');

    const statuses = await memberStatuses(admin(), campaignId);
    expect(statuses).toEqual({ [`leads:${reader.id}`]: 'opened', [`customers:${buyer.id}`]: 'clicked' });
    const tracking = (await ok(admin().get(`/api/v1/campaigns/${campaignId}/email-sends/${report.id}`))).tracking;
    expect(tracking).toMatchObject({ uniqueOpens: 2, uniqueClicks: 1 });
    expect((await auditOf('leads', reader.id)).map((a) => a.action)).toContain('campaignEmailOpened');
    // The customer's timeline shows the click.
    const timeline = (await ok(admin().get(`/api/v1/customers/${buyer.id}/timeline`))).items as Array<{
      change?: { action: string };
    }>;
    expect(timeline.some((e) => e.change?.action === 'campaignEmailClicked')).toBe(true);
    expect((await ok(admin().get(`/api/v1/leads/${reader.id}`))).score).toBe(2);
    await ok(admin().delete(`/api/v1/scoring/rules/${rule.id}`), 204);
  });

  it("unsubscribes a lead by one click and a customer by the message's link: the address is suppressed, their consent withdrawn, the member unsubscribed", async () => {
    await useMailServer(admin(), env.smtp.port);
    const tag = unique('u').toLowerCase();
    const leaving = await lead({ email: `Leaving-${tag}@example.com` }, true);
    const closing = await customer({ email: `closing-${tag}@example.com` }, true);
    const campaignId = await campaignWith(admin(), [
      { entity: 'leads', ids: [leaving.id] },
      { entity: 'customers', ids: [closing.id] },
    ]);
    await sendAll(campaignId);
    const leadRaw = receivedBy(`Leaving-${tag}@example.com`)[0]!.raw;
    const link = oneClickLink(leadRaw);

    // A browser that opens the link is shown the confirmation page, which names the lead's address.
    const page = await env.t.app.inject({ method: 'GET', url: link.pathname });
    expect(page.statusCode).toBe(303);
    const leadToken = /^\/unsubscribe\/(lead-\d+\.[\w-]+)$/.exec(page.headers.location as string)![1]!;
    expect(await ok(env.t.app.inject({ method: 'GET', url: `/api/public/v1/unsubscribe/${leadToken}` }))).toMatchObject(
      {
        address: 'le***@example.com',
      },
    );
    expect((await memberStatuses(admin(), campaignId))[`leads:${leaving.id}`]).toBe('sent');

    expect((await postOneClick(env.t.app, link)).statusCode).toBe(204);
    const leadConsent = (await ok(admin().get(`/api/v1/leads/${leaving.id}/consents`))).items.find(
      (c: { channel: string }) => c.channel === 'email',
    );
    expect(leadConsent).toMatchObject({ state: 'withdrawn', suppressed: true });
    expect((await auditOf('leads', leaving.id)).map((a) => a.action)).toContain('campaignEmailUnsubscribed');

    // The customer follows the unsubscribe link in the message's footer and confirms.
    const customerText = (await readMail(receivedBy(`closing-${tag}@example.com`)[0]!.raw)).text;
    const customerToken = /\/unsubscribe\/(customer-\d+\.[\w-]+)/.exec(customerText)![1]!;
    const confirmed = await env.t.app.inject({
      method: 'POST',
      url: `/api/public/v1/unsubscribe/${customerToken}`,
      payload: {},
    });
    expect(confirmed.statusCode).toBe(204);
    const customerConsent = (await ok(admin().get(`/api/v1/customers/${closing.id}/consents`))).items.find(
      (c: { channel: string }) => c.channel === 'email',
    );
    expect(customerConsent).toMatchObject({ state: 'withdrawn', suppressed: true });

    // The next send reaches neither.
    const again = await sendAll(campaignId);
    expect(again.byKind).toEqual({
      leads: { recipients: 0, skipped: { unsubscribed: 1 } },
      customers: { recipients: 0, skipped: { suppressed: 1 } },
    });
    expect(receivedBy(`closing-${tag}@example.com`)).toHaveLength(1);
  });

  it('classifies a send of more members than one batch of recipients holds, and counts it by the database', async () => {
    await useMailServer(admin(), env.smtp.port);
    const tag = unique('n').toLowerCase();
    // 500 leads with addresses, every fifth without consent; 10 without an address; 10 more at the addresses of
    // the first ten, with consent: a twin is skipped unless the first at its address is (no consent).
    const emailOf = (i: number) =>
      i < 500 ? `bulk${i}-${tag}@example.com` : i >= 510 ? `BULK${i - 509}-${tag}@example.com` : undefined;
    const consenting = (i: number) => i >= 510 || (i < 500 && i % 5 !== 0);
    const admin0 = await env.t.database.db
      .selectFrom('users')
      .select(['id', 'departmentId'])
      .where('id', '=', admin().userId)
      .executeTakeFirstOrThrow();
    const ids = await env.t.database.db.transaction().execute((trx) =>
      insertLeadBatch(
        trx,
        systemActor,
        Array.from({ length: 520 }, (_, i) => ({
          input: LeadInput.parse({ name: `批量${i}`, email: emailOf(i) }),
          owner: { id: admin0.id, departmentId: admin0.departmentId },
        })),
        { test: tag },
      ),
    );
    await env.t.database.db
      .insertInto('leadConsents')
      .values(
        ids
          .filter((_, i) => consenting(i))
          .map((leadId) => ({
            leadId,
            channel: 'email' as const,
            state: 'granted' as const,
            source: '导入',
            changedAt: new Date().toISOString(),
            changedBy: null,
          })),
      )
      .execute();
    const campaignId = await campaignWith(admin(), [
      { entity: 'leads', ids: ids.slice(0, 260) },
      { entity: 'leads', ids: ids.slice(260) },
    ]);
    const templateId = await newTemplate();
    const leads = { recipients: 402, skipped: { noConsent: 100, noAddress: 10, duplicateAddress: 8 } };
    expect(await ok(admin().post(`/api/v1/campaigns/${campaignId}/email-audience`, { templateId }))).toEqual({
      ...leads,
      byKind: { leads },
    });
    const send = await ok(admin().post(`/api/v1/campaigns/${campaignId}/email-sends`, { templateId }), 201);
    expect(send).toMatchObject({ counts: { total: 520, queued: 402, skipped: 118 }, byKind: { leads } });
    await ok(admin().patch(`/api/v1/campaigns/${campaignId}/email-sends/${send.id}`, { action: 'cancel' }));
  }, 30_000);

  it("keeps a lead's and a customer's consent like a contact's: recorded with its source and audited, 404 for those the caller does not see, withdrawn when the address is suppressed", async () => {
    const tag = unique('c').toLowerCase();
    const rep = await createUserClient(env.t, 'sales_rep');
    const mine = await createLead(rep, { email: `mine-${tag}@example.com` });
    const theirs = await lead({ email: `theirs-${tag}@example.com` }, false);
    const firm = await customer({ email: `firm-${tag}@example.com` }, false);
    const recorded = await ok(
      rep.put(`/api/v1/leads/${mine.id}/consents`, { channel: 'sms', state: 'granted', source: '电话' }),
    );
    expect(recorded.items.find((c: { channel: string }) => c.channel === 'sms')).toMatchObject({
      state: 'granted',
      source: '电话',
      userName: rep.username,
    });
    expect((await rep.get(`/api/v1/leads/${theirs.id}/consents`)).statusCode).toBe(404);
    expect(
      (await rep.put(`/api/v1/leads/${theirs.id}/consents`, { channel: 'email', state: 'granted', source: 'x' }))
        .statusCode,
    ).toBe(404);
    expect((await rep.get(`/api/v1/customers/${firm.id}/consents`)).statusCode).toBe(404);
    const bad = await admin().put(`/api/v1/customers/${firm.id}/consents`, {
      channel: 'fax',
      state: 'maybe',
      source: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['channel', 'source', 'state']);
    await grantConsent(admin(), { entity: 'customers', id: firm.id });
    await grantConsent(admin(), { entity: 'leads', id: theirs.id });
    expect((await auditOf('customers', firm.id)).map((a) => a.action)).toContain('consent');

    // Suppressed by hand: every record with the address withdraws, leads and customers as contacts do.
    for (const address of [`THEIRS-${tag}@example.com`, `firm-${tag}@example.com`])
      await ok(admin().post('/api/v1/suppressions', { channel: 'email', address, reason: '投诉' }), 204);
    for (const url of [`/api/v1/leads/${theirs.id}/consents`, `/api/v1/customers/${firm.id}/consents`])
      expect((await ok(admin().get(url))).items.find((c: { channel: string }) => c.channel === 'email')).toMatchObject({
        state: 'withdrawn',
        suppressed: true,
        source: 'manual',
      });
  });
});
