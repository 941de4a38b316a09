import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient, roleId } from '../../../test/factories.ts';

describe.each(testDialects)('approvals on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const quoteWith = async (client: Awaited<ReturnType<typeof createUserClient>>, discountPercent: string) => {
    const customer = await createCustomer(client);
    return (
      await client.post('/api/v1/quotes', {
        title: '折扣报价',
        customerId: customer.id,
        lines: [{ name: '设备', quantity: '1', unitPrice: '200000', discountPercent }],
      })
    ).json();
  };

  it('routes a deep discount through the department manager and then the directors, locks the quote, and lets it be sent once approved', async () => {
    const team = await createDepartment(t, '审批组');
    const manager = await createUserClient(t, 'sales_manager', team);
    await t.admin.patch(`/api/v1/departments/${team}`, { managerId: manager.userId });
    const rep = await createUserClient(t, 'sales_rep', team);
    const director = await createUserClient(t, 'readonly');
    const directorRole = (
      await t.admin.post('/api/v1/roles', { name: '销售总监', permissions: ['quotes.view'], dataScopes: {} })
    ).json();
    await t.admin.patch(`/api/v1/users/${director.userId}`, {
      roleIds: [directorRole.id, await roleId(t, 'readonly')],
    });
    const flow = await t.admin.post('/api/v1/approval-flows', {
      name: '大折扣审批',
      documentType: 'quote',
      conditions: [{ fact: 'discountPercent', op: '>', value: '15' }],
      steps: [
        { name: '部门经理', approverType: 'department_manager' },
        { name: '销售总监', approverType: 'role', roleId: directorRole.id, mode: 'all' },
      ],
    });
    expect(flow.statusCode).toBe(201);

    // A small discount needs nothing.
    const small = await quoteWith(rep, '5');
    expect((await rep.post('/api/v1/approvals', { documentType: 'quote', documentId: small.id })).json()).toBeNull();
    expect((await rep.post(`/api/v1/quotes/${small.id}/status`, { status: 'sent' })).statusCode).toBe(200);

    const deep = await quoteWith(rep, '20');
    const refused = await rep.post(`/api/v1/quotes/${deep.id}/status`, { status: 'sent' });
    expect(refused.statusCode).toBe(409);
    const submitted = await rep.post('/api/v1/approvals', { documentType: 'quote', documentId: deep.id });
    expect(submitted.json()).toMatchObject({
      status: 'pending',
      currentStep: 0,
      steps: ['部门经理', '销售总监'],
      flowName: '大折扣审批',
    });
    const requestId = submitted.json().id;
    // Locked while pending; asked twice is refused.
    expect((await rep.patch(`/api/v1/quotes/${deep.id}`, { title: 'x' })).statusCode).toBe(409);
    expect((await rep.post('/api/v1/approvals', { documentType: 'quote', documentId: deep.id })).statusCode).toBe(409);

    // Only the current step's approvers decide.
    expect((await director.post(`/api/v1/approvals/${requestId}/approve`, {})).statusCode).toBe(403);
    const pending = (await manager.get('/api/v1/approvals', { view: 'pending' })).json();
    expect(pending.items.map((r: { id: number }) => r.id)).toContain(requestId);
    expect((await manager.get('/api/v1/notifications')).json().items[0]).toMatchObject({
      kind: 'approvalRequested',
      entityId: requestId,
    });
    expect((await manager.get('/api/v1/home')).json().approvals.map((a: { id: number }) => a.id)).toContain(requestId);
    expect((await manager.post(`/api/v1/approvals/${requestId}/approve`, { comment: '同意' })).json()).toMatchObject({
      status: 'pending',
      currentStep: 1,
    });
    const done = await director.post(`/api/v1/approvals/${requestId}/approve`, {});
    expect(done.json()).toMatchObject({ status: 'approved' });
    expect((await rep.get(`/api/v1/quotes/${deep.id}`)).json().approvalStatus).toBe('approved');
    expect((await rep.post(`/api/v1/quotes/${deep.id}/status`, { status: 'sent' })).json().status).toBe('sent');
    expect((await rep.get('/api/v1/notifications')).json().items[0]).toMatchObject({
      kind: 'approvalDecided',
      params: { decision: 'approved' },
    });
  });

  it('returns a rejected quote to draft with the reason, and lets it be withdrawn and resubmitted', async () => {
    const team = await createDepartment(t, '驳回组');
    const manager = await createUserClient(t, 'sales_manager', team);
    await t.admin.patch(`/api/v1/departments/${team}`, { managerId: manager.userId });
    const rep = await createUserClient(t, 'sales_rep', team);
    await t.admin.post('/api/v1/approval-flows', {
      name: '全部报价',
      documentType: 'quote',
      priority: 500,
      conditions: [{ fact: 'total', op: '>=', value: '0' }],
      steps: [{ name: '经理', approverType: 'department_manager' }],
    });
    const quote = await quoteWith(rep, '0');
    const first = (await rep.post('/api/v1/approvals', { documentType: 'quote', documentId: quote.id })).json();
    expect((await manager.post(`/api/v1/approvals/${first.id}/reject`, {})).statusCode).toBe(400);
    const rejected = (await manager.post(`/api/v1/approvals/${first.id}/reject`, { comment: '价格太低' })).json();
    expect(rejected).toMatchObject({ status: 'rejected', comment: '价格太低' });
    expect((await rep.get(`/api/v1/approvals/${first.id}`)).json().comment).toBe('价格太低');
    const history = (await manager.get(`/api/v1/approvals/of/quote/${quote.id}`)).json();
    expect(history.map((r: { status: string }) => r.status)).toEqual(['rejected']);
    expect(
      (await (await createUserClient(t, 'sales_rep')).get(`/api/v1/approvals/of/quote/${quote.id}`)).statusCode,
    ).toBe(404);
    const afterReject = (await rep.get(`/api/v1/quotes/${quote.id}`)).json();
    expect(afterReject).toMatchObject({ status: 'draft', approvalStatus: 'rejected' });
    expect((await rep.patch(`/api/v1/quotes/${quote.id}`, { title: '调价后' })).json().approvalStatus).toBeNull();
    const second = (await rep.post('/api/v1/approvals', { documentType: 'quote', documentId: quote.id })).json();
    const reader = await createUserClient(t, 'readonly', team);
    expect((await reader.post(`/api/v1/approvals/${second.id}/withdraw`)).statusCode).toBe(403);
    expect((await rep.post(`/api/v1/approvals/${second.id}/withdraw`)).json().status).toBe('withdrawn');
    expect((await manager.post(`/api/v1/approvals/${second.id}/approve`, {})).statusCode).toBe(409);
    const outsider = await createUserClient(t, 'sales_rep');
    expect((await outsider.get(`/api/v1/approvals/${second.id}`)).statusCode).toBe(404);
  });

  it('lets only those who may change a document submit it: 403 without the right, 404 outside the data scope', async () => {
    const team = await createDepartment(t, '提交权限组');
    const manager = await createUserClient(t, 'sales_manager', team);
    await t.admin.patch(`/api/v1/departments/${team}`, { managerId: manager.userId });
    const rep = await createUserClient(t, 'sales_rep', team);
    const reader = await createUserClient(t, 'readonly', team);
    const stranger = await createUserClient(t, 'sales_rep', await createDepartment(t, '别的组'));
    for (const documentType of ['quote', 'order', 'contract', 'refund']) {
      await t.admin.post('/api/v1/approval-flows', {
        name: `全部${documentType}`,
        documentType,
        priority: 400,
        conditions: [],
        steps: [{ name: '经理', approverType: 'department_manager' }],
      });
    }
    const customer = await createCustomer(rep);
    const documents = {
      quote: (
        await rep.post('/api/v1/quotes', {
          title: '草稿报价',
          customerId: customer.id,
          lines: [{ name: '设备', quantity: '1', unitPrice: '100' }],
        })
      ).json().id,
      order: (
        await rep.post('/api/v1/orders', {
          title: '草稿订单',
          customerId: customer.id,
          lines: [{ name: '设备', quantity: '1', unitPrice: '100' }],
        })
      ).json().id,
      contract: (
        await rep.post('/api/v1/contracts', {
          name: '草稿合同',
          customerId: customer.id,
          amount: '1000',
          startsOn: '2026-01-01',
          endsOn: '2026-12-31',
        })
      ).json().id,
      refund: (
        await t.admin.post('/api/v1/receipts', {
          customerId: customer.id,
          receivedOn: '2026-01-05',
          amount: '-50',
          method: 'bank_transfer',
        })
      ).json().id,
    };
    for (const [documentType, documentId] of Object.entries(documents)) {
      expect(documentId, documentType).toBeTypeOf('number');
      const byReader = await reader.post('/api/v1/approvals', { documentType, documentId });
      expect(byReader.statusCode, documentType).toBe(403);
      expect((await stranger.post('/api/v1/approvals', { documentType, documentId })).statusCode, documentType).toBe(
        404,
      );
    }
    // Nothing was locked by the refused submissions: the owner submits, and the manager asked to approve may take it back.
    const submitted = (
      await rep.post('/api/v1/approvals', { documentType: 'quote', documentId: documents.quote })
    ).json();
    expect(submitted.status).toBe('pending');
    expect((await reader.post(`/api/v1/approvals/${submitted.id}/withdraw`)).statusCode).toBe(403);
    expect((await stranger.post(`/api/v1/approvals/${submitted.id}/withdraw`)).statusCode).toBe(404);
    expect((await manager.post(`/api/v1/approvals/${submitted.id}/withdraw`)).json().status).toBe('withdrawn');
    // A colleague with the right submits the rep's quote: the rep, its owner, can withdraw it.
    const colleague = await createUserClient(t, 'sales_manager', team);
    const again = (
      await colleague.post('/api/v1/approvals', { documentType: 'quote', documentId: documents.quote })
    ).json();
    expect(again.status).toBe('pending');
    expect((await rep.post(`/api/v1/approvals/${again.id}/withdraw`)).json().status).toBe('withdrawn');
    for (const flow of (await t.admin.get('/api/v1/approval-flows')).json())
      if (flow.priority === 400) await t.admin.delete(`/api/v1/approval-flows/${flow.id}`);
  });

  it('keeps flows to administrators and refuses unknown facts or approvers', async () => {
    const rep = await createUserClient(t, 'sales_rep');
    expect(
      (
        await rep.post('/api/v1/approval-flows', {
          name: 'x',
          documentType: 'quote',
          steps: [{ name: 's', approverType: 'department_manager' }],
        })
      ).statusCode,
    ).toBe(403);
    const bad = await t.admin.post('/api/v1/approval-flows', {
      name: 'x',
      documentType: 'quote',
      conditions: [{ fact: 'colour', op: '>', value: '1' }],
      steps: [{ name: 's', approverType: 'role' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty(['steps.0.roleId']);
    const unknownFact = await t.admin.post('/api/v1/approval-flows', {
      name: 'x',
      documentType: 'quote',
      conditions: [{ fact: 'colour', op: '>', value: '1' }],
      steps: [{ name: 's', approverType: 'user', userId: rep.userId }],
    });
    expect(unknownFact.json().error.fields).toHaveProperty(['conditions.0.fact']);
    // Nobody to approve: the submission is refused rather than stuck.
    const lonely = await createUserClient(t, 'sales_rep', await createDepartment(t, '无经理组'));
    const flow = (
      await t.admin.post('/api/v1/approval-flows', {
        name: '经理审批',
        documentType: 'quote',
        priority: 0,
        conditions: [{ fact: 'discountPercent', op: '>=', value: '99' }],
        steps: [{ name: '经理', approverType: 'department_manager' }],
      })
    ).json();
    const quote = await quoteWith(lonely, '99.5');
    const refused = await lonely.post('/api/v1/approvals', { documentType: 'quote', documentId: quote.id });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('经理');
    expect((await t.admin.delete(`/api/v1/approval-flows/${flow.id}`)).statusCode).toBe(204);
  });
});
