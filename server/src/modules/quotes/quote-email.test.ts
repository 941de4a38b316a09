import { describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient } from '../../../test/factories.ts';
import { appWithMailServer } from '../../../test/smtp.ts';

/** The PDF attached to a raw MIME message, decoded, and the attachment's file name. */
function attachedPdf(raw: string): { fileName: string; pdf: Buffer } | null {
  const part =
    /Content-Type: application\/pdf;?[^\r\n]*(?:\r\n[ \t][^\r\n]*)*\r\n((?:[A-Za-z-]+:[^\r\n]*(?:\r\n[ \t][^\r\n]*)*\r\n)*)\r\n([A-Za-z0-9+/=\r\n]+)/.exec(
      raw,
    );
  if (!part) return null;
  const fileName =
    /filename="?([^"\r\n;]+)"?/.exec(
      raw.slice(raw.indexOf('application/pdf') - 200, raw.indexOf('application/pdf') + 400),
    )?.[1] ?? '';
  return { fileName, pdf: Buffer.from(part[2].replace(/\s+/g, ''), 'base64') };
}

describe.each(testDialects)('emailing a quote on %s', (dialect) => {
  const env = appWithMailServer(dialect);

  const draftQuote = async (
    client: Awaited<ReturnType<typeof createUserClient>>,
    fields: Record<string, unknown> = {},
  ) => {
    const customer = await createCustomer(client, { name: '杭州湾精密机械有限公司' });
    return (
      await client.post('/api/v1/quotes', {
        title: '数控改造',
        customerId: customer.id,
        lines: [{ name: '数控系统', quantity: '2', unitPrice: '18000', taxRate: '13' }],
        ...fields,
      })
    ).json();
  };

  it('sends the PDF to the customer with replies to the rep, marks the draft sent and records it', async () => {
    const rep = await createUserClient(env.t, 'sales_rep', await createDepartment(env.t, '邮件组'), {
      email: 'rep@relate.example',
    });
    const quote = await draftQuote(rep);
    expect((await rep.post(`/api/v1/quotes/${quote.id}/email`, { to: ['buyer@customer.example'] })).statusCode).toBe(
      409,
    );

    await env.t.admin.put('/api/v1/settings/mail', {
      host: '127.0.0.1',
      port: env.smtp.port,
      secure: false,
      from: 'crm@relate.example',
      fromName: 'Relate',
    });
    expect((await rep.post(`/api/v1/quotes/${quote.id}/email`, { to: [] })).statusCode).toBe(400);
    expect(
      (await rep.post(`/api/v1/quotes/${quote.id}/email`, { to: ['not an address'] })).json().error.fields,
    ).toHaveProperty(['to.0']);
    const before = env.smtp.received.length;
    const sent = await rep.post(`/api/v1/quotes/${quote.id}/email`, {
      to: ['buyer@customer.example'],
      cc: ['boss@customer.example'],
    });
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({ status: 'sent', sentAt: expect.any(String) });
    const mails = env.smtp.received.slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0].to.sort()).toEqual(['boss@customer.example', 'buyer@customer.example']);
    expect(mails[0].raw).toMatch(/^Reply-To: rep@relate\.example/m);
    const attachment = attachedPdf(mails[0].raw);
    expect(attachment?.fileName).toBe(`${quote.number}.pdf`);
    expect(attachment?.pdf.subarray(0, 5).toString()).toBe('%PDF-');

    // Sending again (a reminder) leaves the status alone; the timeline shows both sends.
    await rep.post(`/api/v1/quotes/${quote.id}/email`, {
      to: ['buyer@customer.example'],
      subject: 'Reminder',
      message: 'See attached.',
    });
    expect(env.smtp.received.at(-1)?.raw).toContain('See attached.');
    const timeline = (await rep.get(`/api/v1/customers/${quote.customerId}/timeline`, { kinds: 'change' })).json();
    expect(
      timeline.items.filter(
        (e: { change: { entity: string; action: string } }) =>
          e.change.entity === 'quotes' && e.change.action === 'email',
      ),
    ).toHaveLength(2);

    const stranger = await createUserClient(env.t, 'sales_rep', await createDepartment(env.t, '别组'));
    expect((await stranger.post(`/api/v1/quotes/${quote.id}/email`, { to: ['x@y.example'] })).statusCode).toBe(404);
    const readonly = await createUserClient(env.t, 'readonly');
    expect((await readonly.post(`/api/v1/quotes/${quote.id}/email`, { to: ['x@y.example'] })).statusCode).toBe(403);
  });

  it('sends nothing for a draft that still needs approval, and reports a refusing mail server', async () => {
    await env.t.admin.put('/api/v1/settings/mail', {
      host: '127.0.0.1',
      port: env.smtp.port,
      secure: false,
      from: 'crm@relate.example',
    });
    await env.t.admin.post('/api/v1/approval-flows', {
      name: '深折扣',
      documentType: 'quote',
      conditions: [{ fact: 'discountPercent', op: '>', value: '30' }],
      steps: [
        {
          name: '总监',
          approverType: 'role',
          roleId: (await env.t.admin.get('/api/v1/roles')).json().find((r: { code: string }) => r.code === 'admin').id,
        },
      ],
    });
    const rep = await createUserClient(env.t, 'sales_rep');
    const discounted = await draftQuote(rep, { discountPercent: '40' });
    const before = env.smtp.received.length;
    const refused = await rep.post(`/api/v1/quotes/${discounted.id}/email`, { to: ['buyer@customer.example'] });
    expect(refused.statusCode).toBe(409);
    expect(env.smtp.received.length).toBe(before);
    expect((await rep.get(`/api/v1/quotes/${discounted.id}`)).json().status).toBe('draft');

    const plain = await draftQuote(rep);
    env.smtp.state.reject = true;
    try {
      const failed = await rep.post(`/api/v1/quotes/${plain.id}/email`, { to: ['buyer@customer.example'] });
      expect(failed.statusCode).toBe(502);
      expect((await rep.get(`/api/v1/quotes/${plain.id}`)).json().status).toBe('draft');
    } finally {
      env.smtp.state.reject = false;
    }
  });
});
