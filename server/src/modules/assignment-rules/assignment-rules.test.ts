import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createDepartment, createLead, createUserClient, unique } from '../../../test/factories.ts';
import { uploadImport, waitForImport, xlsxOf } from '../../../test/imports.ts';

describe.each(testDialects)('lead assignment rules on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const ownersOf = async (ids: number[]) =>
    new Map(
      (await t.database.db.selectFrom('leads').select(['id', 'ownerId']).where('id', 'in', ids).execute()).map((r) => [
        r.id,
        r.ownerId,
      ]),
    );

  it('keeps rules in order, checks them by meaning, and refuses those without the permission', async () => {
    const bad = await t.admin.post('/api/v1/assignment-rules', {
      name: '坏规则',
      industries: ['no-such-industry'],
      scoreMin: 80,
      scoreMax: 20,
      method: 'round_robin',
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['scoreMax', 'userIds']);
    const unknownCode = await t.admin.post('/api/v1/assignment-rules', {
      name: '坏行业',
      industries: ['no-such-industry'],
      userIds: [t.admin.userId],
      method: 'round_robin',
    });
    expect(unknownCode.json().error.fields).toHaveProperty('industries.0');

    const a = (
      await t.admin.post('/api/v1/assignment-rules', { name: 'A', userIds: [t.admin.userId], method: 'round_robin' })
    ).json();
    const b = (
      await t.admin.post('/api/v1/assignment-rules', { name: 'B', userIds: [t.admin.userId], method: 'least_loaded' })
    ).json();
    expect(b.position).toBeGreaterThan(a.position);
    const ordered = (await t.admin.put('/api/v1/assignment-rules/order', { ids: [b.id, a.id] })).json();
    expect(ordered.items.map((r: { id: number }) => r.id)).toEqual([b.id, a.id]);
    expect((await t.admin.put('/api/v1/assignment-rules/order', { ids: [b.id] })).statusCode).toBe(400);
    const changed = await t.admin.patch(`/api/v1/assignment-rules/${a.id}`, {
      name: 'A2',
      sources: ['website'],
      userIds: [t.admin.userId],
      method: 'least_loaded',
    });
    expect(changed.json()).toMatchObject({ name: 'A2', sources: ['website'], method: 'least_loaded' });
    const rep = await createUserClient(t, 'sales_rep');
    expect((await rep.get('/api/v1/assignment-rules')).statusCode).toBe(403);
    expect((await rep.post('/api/v1/leads/assign-by-rules', { ids: [1] })).statusCode).toBe(403);
    for (const id of [a.id, b.id])
      expect((await t.admin.delete(`/api/v1/assignment-rules/${id}`)).statusCode).toBe(204);
    expect((await t.admin.delete(`/api/v1/assignment-rules/${a.id}`)).statusCode).toBe(404);
  });

  it('assigns chosen leads by the first matching rule: territory, industry, score band, least loaded, default owner', async () => {
    const east = await createDepartment(t, unique('华东'));
    const [busy, idle, manufacturingRep, fallback] = [
      await createUserClient(t, 'sales_rep', east),
      await createUserClient(t, 'sales_rep', east),
      await createUserClient(t, 'sales_rep'),
      await createUserClient(t, 'sales_rep'),
    ];
    for (let i = 0; i < 3; i++) await createLead(busy, { name: unique('已有') });
    const province = unique('省');
    const rules = [
      {
        name: '高分制造',
        industries: ['manufacturing'],
        scoreMin: 60,
        userIds: [manufacturingRep.userId],
        method: 'round_robin',
      },
      { name: '华东按负载', provinces: [province], departmentId: east, method: 'least_loaded' },
    ];
    const ids = [];
    for (const rule of rules) ids.push((await t.admin.post('/api/v1/assignment-rules', rule)).json().id);
    await t.admin.put('/api/v1/assignment-rules/default-owner', { ownerId: fallback.userId });

    const highScore = await createLead(t.admin, {
      name: unique('高分'),
      industry: 'manufacturing',
      score: 80,
      province,
    });
    const lowScore = await createLead(t.admin, {
      name: unique('低分'),
      industry: 'manufacturing',
      score: 10,
      province,
    });
    const eastLead = await createLead(t.admin, { name: unique('华东'), province });
    const elsewhere = await createLead(t.admin, { name: unique('别处'), province: '西藏' });
    const chosen = [highScore.id, lowScore.id, eastLead.id, elsewhere.id];
    const result = (await t.admin.post('/api/v1/leads/assign-by-rules', { ids: chosen })).json();
    expect(result.unmatched).toBe(0);
    const owners = await ownersOf(chosen);
    expect(owners.get(highScore.id)).toBe(manufacturingRep.userId);
    // Least loaded: the idle rep gets both territory leads before the busy one's three are matched.
    expect(owners.get(lowScore.id)).toBe(idle.userId);
    expect(owners.get(eastLead.id)).toBe(idle.userId);
    expect(owners.get(elsewhere.id)).toBe(fallback.userId);
    const bell = (await idle.get('/api/v1/notifications')).json().items;
    expect(bell[0]).toMatchObject({ kind: 'leadsAssigned' });

    // A manager assigns only the leads their scope shows.
    const manager = await createUserClient(t, 'sales_manager', east);
    const hidden = await createLead(t.admin, { name: unique('看不到'), province });
    const scoped = (await manager.post('/api/v1/leads/assign-by-rules', { ids: [hidden.id] })).json();
    expect(scoped.assigned).toEqual([]);
    expect((await ownersOf([hidden.id])).get(hidden.id)).toBe(t.admin.userId);

    // The lead import assigns rows without an owner by the rules when asked.
    const tag = unique('导');
    const file = await xlsxOf([
      ['姓名', '省份', '行业', '评分'],
      [`${tag}甲`, '西藏', '', ''],
      [`${tag}乙`, '', '制造业', 90],
    ]);
    const started = await uploadImport(t.admin, 'leads', file, 'leads.xlsx', { assignByRules: 'true' });
    expect(started.statusCode).toBe(202);
    expect(await waitForImport(t.admin, started.json().id)).toMatchObject({ status: 'done', created: 2 });
    const imported = (await t.admin.get('/api/v1/leads', { q: tag })).json().items;
    const ownerByName = new Map(imported.map((l: { name: string; ownerId: number }) => [l.name, l.ownerId]));
    expect(ownerByName.get(`${tag}甲`)).toBe(fallback.userId);
    expect(ownerByName.get(`${tag}乙`)).toBe(manufacturingRep.userId);
    const plain = await uploadImport(t.admin, 'leads', await xlsxOf([['姓名'], [`${tag}丙`]]), 'plain.xlsx');
    await waitForImport(t.admin, plain.json().id);
    expect((await t.admin.get('/api/v1/leads', { q: `${tag}丙` })).json().items[0].ownerId).toBe(t.admin.userId);

    await t.admin.put('/api/v1/assignment-rules/default-owner', { ownerId: null });
    for (const id of ids) await t.admin.delete(`/api/v1/assignment-rules/${id}`);
  });
});
