import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../test/app.ts';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createFollowup, createUserClient } from '../../../test/factories.ts';

function upload(client: Client, customerId: number, fileName: string, content: Buffer, entity = 'customers') {
  const boundary = 'relateboundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return client.request('POST', `/api/v1/${entity}/${customerId}/attachments`, {
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

describe.each(testDialects)('attachments on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('uploads, lists, downloads and deletes a file of a customer', async () => {
    const customer = await createCustomer(t.admin);
    const pdf = Buffer.from('%PDF-1.4\n% test\n');
    const created = await upload(t.admin, customer.id, '合同.pdf', pdf);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ fileName: '合同.pdf', contentType: 'application/pdf', size: pdf.length });
    const list = (await t.admin.get(`/api/v1/customers/${customer.id}/attachments`)).json();
    expect(list).toHaveLength(1);
    const download = await t.admin.get(`/api/v1/attachments/${created.json().id}/download`);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(download.headers['content-disposition']).toContain('attachment');
    expect((await t.admin.delete(`/api/v1/attachments/${created.json().id}`)).statusCode).toBe(204);
  });

  it('refuses disguised and unknown file types, and files over the limit', async () => {
    const customer = await createCustomer(t.admin);
    expect((await upload(t.admin, customer.id, 'report.pdf', Buffer.from('MZ\x90\x00 not a pdf'))).statusCode).toBe(
      415,
    );
    expect((await upload(t.admin, customer.id, 'page.html', Buffer.from('<script>'))).statusCode).toBe(415);
    await t.admin.patch('/api/v1/settings', { attachmentMaxMb: 1 });
    const big = Buffer.concat([Buffer.from('%PDF'), Buffer.alloc(1024 * 1024 + 10)]);
    expect((await upload(t.admin, customer.id, 'big.pdf', big)).statusCode).toBe(413);
    await t.admin.patch('/api/v1/settings', { attachmentMaxMb: 20 });
  });

  it("keeps a colleague's attachments out of reach", async () => {
    const rep = await createUserClient(t, 'sales_rep');
    const customer = await createCustomer(t.admin);
    const file = (await upload(t.admin, customer.id, 'a.txt', Buffer.from('hello'))).json();
    expect((await rep.get(`/api/v1/attachments/${file.id}/download`)).statusCode).toBe(404);
    expect((await upload(rep, customer.id, 'b.txt', Buffer.from('x'))).statusCode).toBe(404);
  });

  it('attaches files to a follow-up for its author, within the follow-up’s visibility', async () => {
    const team = await createDepartment(t, '附件组');
    const rep = await createUserClient(t, 'sales_rep', team);
    const manager = await createUserClient(t, 'sales_manager', team);
    const outsider = await createUserClient(t, 'sales_rep', await createDepartment(t, '外组'));
    const readonly = await createUserClient(t, 'readonly');
    const customer = await createCustomer(rep);
    const followup = await createFollowup(rep, { customerId: customer.id, type: 'visit' });
    const photo = Buffer.from('\x89PNG\r\n\x1a\n0000', 'latin1');
    const file = await upload(rep, followup.id, '现场.png', photo, 'followups');
    expect(file.statusCode).toBe(201);
    expect(file.json()).toMatchObject({ entity: 'followups', entityId: followup.id, contentType: 'image/png' });
    expect((await rep.get(`/api/v1/followups/${followup.id}`)).json().attachmentCount).toBe(1);
    expect((await manager.get(`/api/v1/followups/${followup.id}/attachments`)).json()).toHaveLength(1);
    expect((await manager.get(`/api/v1/attachments/${file.json().id}/download`)).rawPayload.equals(photo)).toBe(true);
    expect((await outsider.get(`/api/v1/followups/${followup.id}/attachments`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/v1/attachments/${file.json().id}/download`)).statusCode).toBe(404);
    expect((await outsider.delete(`/api/v1/attachments/${file.json().id}`)).statusCode).toBe(404);
    expect((await upload(readonly, followup.id, 'x.txt', Buffer.from('x'), 'followups')).statusCode).toBe(403);
    expect((await readonly.delete(`/api/v1/attachments/${file.json().id}`)).statusCode).toBe(403);
    expect((await upload(rep, 999999, 'x.txt', Buffer.from('x'), 'followups')).statusCode).toBe(404);
    expect((await rep.delete(`/api/v1/attachments/${file.json().id}`)).statusCode).toBe(204);
  });

  it('keeps the signed scan with its contract, in force or not, within the contract’s scope', async () => {
    const rep = await createUserClient(t, 'sales_rep', await createDepartment(t, '合同附件组'));
    const customer = await createCustomer(rep);
    const contract = (
      await rep.post('/api/v1/contracts', {
        name: '采购合同',
        customerId: customer.id,
        amount: '1000',
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
      })
    ).json();
    expect((await rep.post(`/api/v1/contracts/${contract.id}/submit`)).json().status).toBe('in_force');
    const scan = Buffer.from('%PDF-1.4\n% signed scan\n');
    const created = await upload(rep, contract.id, '签字版.pdf', scan, 'contracts');
    expect(created.statusCode).toBe(201);
    expect(
      (await rep.get(`/api/v1/contracts/${contract.id}/attachments`))
        .json()
        .map((a: { fileName: string }) => a.fileName),
    ).toEqual(['签字版.pdf']);
    expect((await rep.get(`/api/v1/attachments/${created.json().id}/download`)).rawPayload.equals(scan)).toBe(true);

    const outsider = await createUserClient(t, 'sales_rep', await createDepartment(t, '别的组'));
    expect((await outsider.get(`/api/v1/contracts/${contract.id}/attachments`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/v1/attachments/${created.json().id}/download`)).statusCode).toBe(404);
    const readonly = await createUserClient(t, 'readonly');
    expect((await readonly.get(`/api/v1/contracts/${contract.id}/attachments`)).statusCode).toBe(200);
    expect((await upload(readonly, contract.id, 'x.pdf', scan, 'contracts')).statusCode).toBe(403);
    expect((await readonly.delete(`/api/v1/attachments/${created.json().id}`)).statusCode).toBe(403);
  });

  it('keeps photos and logs with a ticket for those who can see it', async () => {
    const agent = await createUserClient(t, 'service_agent');
    const customer = await createCustomer(t.admin);
    const ticket = (
      await agent.post('/api/v1/tickets', {
        type: 'repair',
        customerId: customer.id,
        subject: '漏水',
        assigneeId: agent.userId,
      })
    ).json();
    const photo = Buffer.from('%PDF-1.4\n% site report\n');
    expect((await upload(agent, ticket.id, '现场报告.pdf', photo, 'tickets')).statusCode).toBe(201);
    expect(
      (await t.admin.get(`/api/v1/tickets/${ticket.id}/attachments`))
        .json()
        .map((a: { fileName: string }) => a.fileName),
    ).toEqual(['现场报告.pdf']);
    const rep = await createUserClient(t, 'sales_rep');
    expect((await rep.get(`/api/v1/tickets/${ticket.id}/attachments`)).statusCode).toBe(404);
    expect((await upload(await createUserClient(t, 'readonly'), ticket.id, 'x.pdf', photo, 'tickets')).statusCode).toBe(
      403,
    );
  });

  it('answers 404, not 403, for files of a ticket or contract outside the caller’s scope, and 403 for one they see but may not change', async () => {
    const agent = await createUserClient(t, 'service_agent');
    const customer = await createCustomer(t.admin);
    const ticket = (
      await agent.post('/api/v1/tickets', {
        type: 'repair',
        customerId: customer.id,
        subject: '漏水',
        assigneeId: agent.userId,
      })
    ).json();
    const photo = Buffer.from('%PDF-1.4\n% site report\n');
    const file = (await upload(agent, ticket.id, '现场.pdf', photo, 'tickets')).json();
    const stranger = await createUserClient(t, 'sales_rep');
    expect((await upload(stranger, ticket.id, 'x.pdf', photo, 'tickets')).statusCode).toBe(404);
    expect((await stranger.delete(`/api/v1/attachments/${file.id}`)).statusCode).toBe(404);
    expect((await upload(stranger, 99_999_999, 'x.pdf', photo, 'tickets')).statusCode).toBe(404);

    const owner = await createUserClient(t, 'sales_rep');
    const own = await createCustomer(owner);
    const contract = (
      await owner.post('/api/v1/contracts', {
        name: '采购合同',
        customerId: own.id,
        amount: '1000',
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
      })
    ).json();
    const scan = (await upload(owner, contract.id, 'scan.pdf', photo, 'contracts')).json();
    const agentWithoutContracts = await createUserClient(t, 'sales_rep');
    expect((await upload(agentWithoutContracts, contract.id, 'x.pdf', photo, 'contracts')).statusCode).toBe(404);
    expect((await agentWithoutContracts.delete(`/api/v1/attachments/${scan.id}`)).statusCode).toBe(404);
    // Seen but not to be changed: refused.
    const reader = await createUserClient(t, 'readonly');
    expect((await upload(reader, contract.id, 'x.pdf', photo, 'contracts')).statusCode).toBe(403);
  });
});
