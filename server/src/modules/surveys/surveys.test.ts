import { describe, expect, it } from 'vitest';
import { clientFor } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient } from '../../../test/factories.ts';
import { appWithMailServer } from '../../../test/smtp.ts';

const questions = [
  { key: 'csat', kind: 'rating', label: '您对本次服务满意吗？', required: true },
  { key: 'nps', kind: 'nps', label: '您有多大可能向朋友推荐我们？' },
  { key: 'channel', kind: 'single', label: '您通过什么渠道联系我们？', options: ['电话', '门户', '微信'] },
  { key: 'liked', kind: 'multiple', label: '哪些方面做得好？', options: ['速度', '态度', '专业'] },
  { key: 'comment', kind: 'text', label: '还有什么建议？' },
];

describe.each(testDialects)('surveys on %s', (dialect) => {
  const env = appWithMailServer(dialect);

  const tokenOf = (url: string) => url.split('/surveys/')[1];
  const form = (token: string) => env.t.app.inject({ method: 'GET', url: `/api/public/v1/surveys/${token}` });
  const submit = (token: string, answers: Record<string, unknown>) =>
    env.t.app.inject({
      method: 'POST',
      url: `/api/public/v1/surveys/${token}`,
      payload: { answers },
      headers: { 'accept-language': 'en' },
    });

  it('writes a survey, sends it by email and as a link, takes each answer once and reports CSAT, NPS and choices', async () => {
    const agent = await createUserClient(env.t, 'service_agent', await createDepartment(env.t, '调查组'));
    const rep = await createUserClient(env.t, 'sales_rep', await createDepartment(env.t, '调查销售'));
    expect((await rep.post('/api/v1/surveys', { name: 'x', questions })).statusCode).toBe(403);
    expect(
      (
        await agent.post('/api/v1/surveys', {
          name: 'x',
          questions: [{ key: 'a', kind: 'single', label: '?', options: ['only'] }],
        })
      ).json().error.fields,
    ).toHaveProperty(['questions.0.options']);
    expect(
      (await agent.post('/api/v1/surveys', { name: 'x', questions: [questions[0], questions[0]] })).statusCode,
    ).toBe(400);
    const survey = (
      await agent.post('/api/v1/surveys', { name: '季度满意度调查', intro: '感谢您抽出时间', questions })
    ).json();
    expect(survey).toMatchObject({
      active: true,
      sent: 0,
      questions: [{ key: 'csat', required: true }, {}, {}, {}, {}],
    });

    const customer = await createCustomer(env.t.admin, { name: '衢州化工' });
    const [withEmail, noEmail] = await Promise.all([
      env.t.admin
        .post('/api/v1/contacts', { name: '郑经理', customerId: customer.id, email: 'zheng@quzhou.example' })
        .then((r) => r.json()),
      env.t.admin
        .post('/api/v1/contacts', { name: '钱工', customerId: customer.id, mobile: '13900000001' })
        .then((r) => r.json()),
    ]);
    expect(
      (await agent.post(`/api/v1/surveys/${survey.id}/send`, { channel: 'email', contactIds: [noEmail.id] })).json()
        .error.fields,
    ).toHaveProperty('contactIds');
    expect(
      (await agent.post(`/api/v1/surveys/${survey.id}/send`, { channel: 'email', contactIds: [] })).statusCode,
    ).toBe(400);
    await env.t.admin.put('/api/v1/settings/mail', {
      host: '127.0.0.1',
      port: env.smtp.port,
      secure: false,
      from: 'service@relate.example',
    });
    const [emailed] = (
      await agent.post(`/api/v1/surveys/${survey.id}/send`, { channel: 'email', contactIds: [withEmail.id] })
    ).json();
    expect(emailed).toMatchObject({ emailed: true, contactName: '郑经理', customerName: '衢州化工' });
    expect(env.smtp.received.at(-1)!.to).toEqual(['zheng@quzhou.example']);
    expect(env.smtp.received.at(-1)!.raw.replace(/=\r\n/g, '')).toContain(tokenOf(emailed.url));
    await env.t.admin.delete('/api/v1/settings/mail');
    const [byLink] = (
      await agent.post(`/api/v1/surveys/${survey.id}/send`, { channel: 'sms', contactIds: [noEmail.id] })
    ).json();
    expect(byLink).toMatchObject({ channel: 'sms', emailed: false });

    expect((await form(tokenOf(emailed.url))).json()).toMatchObject({
      name: '季度满意度调查',
      intro: '感谢您抽出时间',
      answered: false,
      questions: expect.any(Array),
    });
    expect((await form('not-a-real-token-at-all')).statusCode).toBe(404);
    const missing = await submit(tokenOf(emailed.url), { nps: 11, channel: '邮件', liked: ['速度', '价格'] });
    expect(missing.statusCode).toBe(400);
    expect(Object.keys(missing.json().error.fields).sort()).toEqual([
      'answers.channel',
      'answers.csat',
      'answers.liked',
      'answers.nps',
    ]);
    expect(
      (
        await submit(tokenOf(emailed.url), {
          csat: 5,
          nps: 10,
          channel: '门户',
          liked: ['速度', '专业'],
          comment: '很好',
        })
      ).statusCode,
    ).toBe(204);
    expect((await submit(tokenOf(emailed.url), { csat: 1 })).statusCode).toBe(409);
    expect((await form(tokenOf(emailed.url))).json().answered).toBe(true);
    expect((await submit(tokenOf(byLink.url), { csat: 3, nps: 5, channel: '电话', liked: ['态度'] })).statusCode).toBe(
      204,
    );

    const report = (await agent.get(`/api/v1/surveys/${survey.id}/report`)).json();
    expect(report).toMatchObject({ sent: 2, answered: 2, responseRate: '100.00' });
    const [csat, nps, channel, liked, comment] = report.questions;
    expect(csat).toMatchObject({ responses: 2, average: '4.00', score: '50.00', counts: { '5': 1, '3': 1 } });
    // One promoter (10), one detractor (5): NPS 0.
    expect(nps).toMatchObject({ responses: 2, average: '7.50', score: '0.00' });
    expect(channel.counts).toEqual({ 门户: 1, 电话: 1 });
    expect(liked.counts).toEqual({ 速度: 1, 专业: 1, 态度: 1 });
    expect(comment.texts).toMatchObject([{ text: '很好', contactName: '郑经理' }]);
    expect((await agent.get(`/api/v1/surveys/${survey.id}/invitations`, { answered: 'true' })).json().total).toBe(2);
    expect((await rep.get(`/api/v1/surveys/${survey.id}/report`)).statusCode).toBe(403);

    // A switched-off survey is neither sent nor answered.
    await agent.put(`/api/v1/surveys/${survey.id}`, { name: '季度满意度调查', questions, active: false });
    expect(
      (await agent.post(`/api/v1/surveys/${survey.id}/send`, { channel: 'link', contactIds: [noEmail.id] })).statusCode,
    ).toBe(409);
  });

  it('asks the ticket survey when a ticket is resolved; the star rating counts in CSAT and the portal asks it too', async () => {
    const agent = await createUserClient(env.t, 'service_agent', await createDepartment(env.t, '回访调查组'));
    const survey = (
      await agent.post('/api/v1/surveys', { name: '服务回访', questions: [questions[0], questions[4]] })
    ).json();
    await env.t.admin.patch('/api/v1/settings', { ticketSurveyId: survey.id, ticketCallbacks: false });
    try {
      const customer = await createCustomer(env.t.admin, { name: '舟山渔业' });
      const contact = (
        await env.t.admin.post('/api/v1/contacts', {
          name: '孙船长',
          customerId: customer.id,
          email: 'sun@zhoushan.example',
        })
      ).json();
      const invitation = (await env.t.admin.post(`/api/v1/contacts/${contact.id}/portal-access/invite`, {})).json();
      const accepted = await env.t.app.inject({
        method: 'POST',
        url: '/api/portal/v1/accept',
        payload: { token: new URL(invitation.inviteUrl).searchParams.get('token'), password: 'Portal2026' },
      });
      const portal = clientFor(
        env.t.app,
        accepted.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
        accepted.json().csrfToken,
        0,
      );

      const ticket = (
        await agent.post('/api/v1/tickets', {
          type: 'repair',
          customerId: customer.id,
          contactId: contact.id,
          subject: '冷藏舱报警',
          assigneeId: agent.userId,
        })
      ).json();
      expect((await portal.get('/api/portal/v1/surveys')).json()).toEqual([]);
      await agent.post(`/api/v1/tickets/${ticket.id}/transition`, { action: 'resolve', resolution: '更换传感器' });
      // Resolving twice (after a reopen) does not ask twice.
      await agent.post(`/api/v1/tickets/${ticket.id}/transition`, { action: 'reopen' });
      await agent.post(`/api/v1/tickets/${ticket.id}/transition`, { action: 'resolve', resolution: '更换传感器' });
      const pending = (await portal.get('/api/portal/v1/surveys')).json();
      expect(pending).toHaveLength(1);
      expect(pending[0]).toMatchObject({ name: '服务回访', ticketNumber: ticket.number, ticketSubject: '冷藏舱报警' });

      const other = await createCustomer(env.t.admin, { name: '别家公司' });
      const stranger = (
        await env.t.admin.post('/api/v1/contacts', { name: '外人', customerId: other.id, email: 'x@other.example' })
      ).json();
      const strangerInvite = (
        await env.t.admin.post(`/api/v1/contacts/${stranger.id}/portal-access/invite`, {})
      ).json();
      const strangerLogin = await env.t.app.inject({
        method: 'POST',
        url: '/api/portal/v1/accept',
        payload: { token: new URL(strangerInvite.inviteUrl).searchParams.get('token'), password: 'Portal2026' },
      });
      const strangerPortal = clientFor(
        env.t.app,
        strangerLogin.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
        strangerLogin.json().csrfToken,
        0,
      );
      expect(
        (await strangerPortal.post(`/api/portal/v1/surveys/${pending[0].id}`, { answers: { csat: 1 } })).statusCode,
      ).toBe(404);

      expect(
        (await portal.post(`/api/portal/v1/surveys/${pending[0].id}`, { answers: { csat: 4, comment: '修得快' } }))
          .statusCode,
      ).toBe(204);
      expect((await portal.get('/api/portal/v1/surveys')).json()).toEqual([]);
      expect((await agent.get(`/api/v1/tickets/${ticket.id}`)).json()).toMatchObject({
        status: 'resolved',
        satisfactionScore: 4,
        satisfactionComment: '修得快',
      });
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      const csat = (
        await agent.get('/api/v1/tickets/satisfaction', { from: today, to: today, groupBy: 'agent' })
      ).json();
      expect(csat.rows.find((r: { key: string }) => r.key === String(agent.userId))).toMatchObject({
        responses: 1,
        average: '4.00',
        csat: '100.00',
      });
    } finally {
      await env.t.admin.patch('/api/v1/settings', { ticketSurveyId: null, ticketCallbacks: true });
    }
  });
});
