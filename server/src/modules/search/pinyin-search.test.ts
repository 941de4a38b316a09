import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createLead, createUserClient, unique } from '../../../test/factories.ts';
import { csvOf, uploadImport, waitForImport } from '../../../test/imports.ts';
import { insertRows } from '../../db/bulk-insert.ts';
import { nowIso } from '../../db/time.ts';
import { searchBreadth, searchDocument, searchTargets } from '../../platform/search.ts';
import { contactSearchValues } from '../contacts/index.ts';

type Named = { id: number; name?: string; displayName?: string };

/** The names a list finds for a query, in name order. */
async function namesFound(client: Client, list: string, q: string): Promise<string[]> {
  const response = await client.get(`/api/v1/${list}`, { q, pageSize: 100 });
  expect(response.statusCode, response.body).toBe(200);
  return response
    .json()
    .items.map((item: Named) => item.name ?? item.displayName)
    .sort();
}

/** What the global search finds of one kind for a query. */
async function globallyFound(client: Client, type: string, q: string): Promise<string[]> {
  const response = await client.get('/api/v1/search', { q, types: type });
  expect(response.statusCode, response.body).toBe(200);
  const group = response.json().groups.find((g: { type: string }) => g.type === type);
  return (group?.items ?? []).map((item: { title: string }) => item.title).sort();
}

describe.each(testDialects)('pinyin search on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;
  let rep: Client;
  let otherRep: Client;
  const longteng = '深圳龙腾科技有限公司';
  const longtengTrade = '深圳龙腾贸易有限公司';
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const south = await createDepartment(t, '华南区');
    const north = await createDepartment(t, '华北区');
    manager = await createUserClient(t, 'sales_manager', south);
    rep = await createUserClient(t, 'sales_rep', south);
    otherRep = await createUserClient(t, 'sales_rep', north);
    await createCustomer(rep, { name: longteng });
    await createCustomer(otherRep, { name: longtengTrade });
    await createCustomer(otherRep, { name: 'Longteng Holdings Ltd' });
  });
  afterAll(async () => t?.close());

  it('finds customers by full pinyin, by initials and by Chinese mixed with either, within the caller’s scope', async () => {
    for (const q of ['shenzhenlongteng', 'szlt', '深圳lt', '深圳long', 'SZLT', 'shenzhen longteng']) {
      expect(await namesFound(rep, 'customers', q), q).toEqual([longteng]);
      expect(await namesFound(manager, 'customers', q), q).toEqual([longteng]);
      expect(await namesFound(otherRep, 'customers', q), q).toEqual([longtengTrade]);
      expect(await namesFound(t.admin, 'customers', q), q).toEqual([longteng, longtengTrade]);
    }
    // Pinyin and the Latin text of an English name alike.
    expect(await namesFound(t.admin, 'customers', 'longteng')).toEqual([
      'Longteng Holdings Ltd',
      longteng,
      longtengTrade,
    ]);
    expect(await namesFound(t.admin, 'customers', 'szltkj')).toEqual([longteng]);
    expect(await namesFound(t.admin, 'customers', '广州lt')).toEqual([]);
  });

  it('finds them through the global search, within the caller’s scope', async () => {
    expect(await globallyFound(rep, 'customers', 'szlt')).toEqual([longteng]);
    expect(await globallyFound(otherRep, 'customers', '深圳lt')).toEqual([longtengTrade]);
    expect(await globallyFound(t.admin, 'customers', 'shenzhenlongteng')).toEqual([longteng, longtengTrade]);
  });

  it('matches a query of two or three letters only at the start of a name’s pinyin', async () => {
    expect(await namesFound(t.admin, 'customers', 'sz')).toEqual([longteng, longtengTrade]);
    expect(await namesFound(t.admin, 'customers', 'szl')).toEqual([longteng, longtengTrade]);
    // Not every company through 有限公司 (youxiangongsi, yxgs) …
    for (const q of ['gs', 'yx', 'ng', 'you', 'ltk']) {
      const found = await namesFound(t.admin, 'customers', q);
      expect(found, q).not.toContain(longteng);
      expect(found, q).not.toContain(longtengTrade);
    }
    // … while Latin text is still found anywhere, as before.
    expect(await namesFound(t.admin, 'customers', 'ng')).toEqual(['Longteng Holdings Ltd']);
    expect(await namesFound(t.admin, 'customers', 'gs')).toEqual(['Longteng Holdings Ltd']);
    // Four letters or more are found anywhere.
    expect(await namesFound(t.admin, 'customers', 'tengkeji')).toEqual([longteng]);
  });

  it('reads places and surnames as names are read, and takes v for ü', async () => {
    await createCustomer(t.admin, { name: '重庆山城火锅有限公司' });
    await createCustomer(t.admin, { name: '长沙银行' });
    await createCustomer(t.admin, { name: '单雄信', type: 'individual' });
    await createCustomer(t.admin, { name: '绿源电动车有限公司' });
    expect(await namesFound(t.admin, 'customers', 'chongqing')).toEqual(['重庆山城火锅有限公司']);
    expect(await namesFound(t.admin, 'customers', 'changshayinhang')).toEqual(['长沙银行']);
    expect(await namesFound(t.admin, 'customers', 'csyh')).toEqual(['长沙银行']);
    expect(await namesFound(t.admin, 'customers', 'shanxiongxin')).toEqual(['单雄信']);
    expect(await namesFound(t.admin, 'customers', 'danxiongxin')).toEqual([]);
    expect(await namesFound(t.admin, 'customers', 'lvyuan')).toEqual(['绿源电动车有限公司']);
    expect(await namesFound(t.admin, 'customers', 'lüyuan')).toEqual(['绿源电动车有限公司']);
  });

  it('finds contacts and leads by their names’ pinyin, within scope, in their lists and the global search', async () => {
    const customer = (await rep.get('/api/v1/customers', { q: longteng })).json().items[0];
    await rep.post('/api/v1/contacts', { customerId: customer.id, name: '张三丰', mobile: '13911112222' });
    await rep.post('/api/v1/contacts', { customerId: customer.id, name: '单田芳' });
    const otherCustomer = (await otherRep.get('/api/v1/customers', { q: longtengTrade })).json().items[0];
    await otherRep.post('/api/v1/contacts', { customerId: otherCustomer.id, name: '张三' });
    expect(await namesFound(rep, 'contacts', 'zsf')).toEqual(['张三丰']);
    expect(await namesFound(rep, 'contacts', 'zs')).toEqual(['张三丰']);
    expect(await namesFound(otherRep, 'contacts', 'zs')).toEqual(['张三']);
    expect(await namesFound(t.admin, 'contacts', 'zhangsan')).toEqual(['张三', '张三丰']);
    expect(await namesFound(t.admin, 'contacts', 'shantianfang')).toEqual(['单田芳']);
    expect(await globallyFound(rep, 'contacts', 'zhangsanfeng')).toEqual(['张三丰']);
    expect(await globallyFound(otherRep, 'contacts', 'zhangsanfeng')).toEqual([]);

    await createLead(rep, { name: '欧阳锋', company: '白驼山庄贸易有限公司' });
    await createLead(otherRep, { name: '欧阳克' });
    expect(await namesFound(rep, 'leads', 'oyf')).toEqual(['欧阳锋']);
    expect(await namesFound(rep, 'leads', 'baituoshan')).toEqual(['欧阳锋']);
    expect(await namesFound(rep, 'leads', '白驼sz')).toEqual(['欧阳锋']);
    expect(await namesFound(rep, 'leads', 'ouyang')).toEqual(['欧阳锋']);
    expect(await namesFound(t.admin, 'leads', 'ouyang')).toEqual(['欧阳克', '欧阳锋']);
    expect(await globallyFound(otherRep, 'leads', 'oyk')).toEqual(['欧阳克']);
  });

  it('finds users and products by their names’ pinyin', async () => {
    await createUserClient(t, 'sales_rep', undefined, { displayName: '吕小布' });
    expect(await namesFound(t.admin, 'users', 'lxb')).toEqual(['吕小布']);
    expect(await namesFound(t.admin, 'users', 'lvxiaobu')).toEqual(['吕小布']);
    expect(await namesFound(t.admin, 'users', '吕xb')).toEqual(['吕小布']);
    // The administrator the seed made, and a user renamed.
    expect(await namesFound(t.admin, 'users', 'xtgly')).toEqual(['系统管理员']);
    const renamed = (await t.admin.get('/api/v1/users', { q: 'lvxiaobu' })).json().items[0];
    await t.admin.patch(`/api/v1/users/${renamed.id}`, { displayName: '曾小贤' });
    expect(await namesFound(t.admin, 'users', 'lvxiaobu')).toEqual([]);
    expect(await namesFound(t.admin, 'users', 'zengxiaoxian')).toEqual(['曾小贤']);
    expect(await namesFound(t.admin, 'users', renamed.username)).toEqual(['曾小贤']);

    const created = await t.admin.post('/api/v1/products', { code: unique('TEA'), name: '绿茶礼盒', listPrice: '88' });
    expect(created.statusCode, created.body).toBe(201);
    expect(await namesFound(t.admin, 'products', 'lvcha')).toEqual(['绿茶礼盒']);
    expect(await namesFound(t.admin, 'products', 'lc')).toEqual(['绿茶礼盒']);
    expect(await namesFound(t.admin, 'products', 'lclh')).toEqual(['绿茶礼盒']);
    expect(await namesFound(t.admin, 'products', 'hongcha')).toEqual([]);
  });

  it('keeps the pinyin in step with renames, merges and imports', async () => {
    const renamed = await createCustomer(t.admin, { name: '杭州云栖科技有限公司' });
    await t.admin.patch(`/api/v1/customers/${renamed.id}`, { name: '杭州星辰科技有限公司' });
    expect(await namesFound(t.admin, 'customers', 'yunqi')).toEqual([]);
    expect(await namesFound(t.admin, 'customers', 'hzxc')).toEqual(['杭州星辰科技有限公司']);

    const target = await createCustomer(t.admin, { name: '苏州金桥物流有限公司' });
    const source = await createCustomer(t.admin, { name: '苏州博远物流有限公司' });
    const merged = await t.admin.post(`/api/v1/customers/${target.id}/merge`, {
      sourceId: source.id,
      takeFromSource: ['name'],
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(await namesFound(t.admin, 'customers', 'szjq')).toEqual([]);
    expect(await namesFound(t.admin, 'customers', 'szby')).toEqual(['苏州博远物流有限公司']);

    const imported = await waitForImport(
      t.admin,
      (
        await uploadImport(
          t.admin,
          'customers',
          csvOf([
            ['客户名称', '电话', '联系人', '手机'],
            ['成都海纳食品有限公司', '028-55556666', '诸葛亮', '13800001234'],
            ['武汉汇通能源有限公司', '027-55556666', '', ''],
          ]),
          'pinyin.csv',
        )
      ).json().id,
    );
    expect(imported).toMatchObject({ status: 'done', created: 2 });
    expect(await namesFound(t.admin, 'customers', 'cdhn')).toEqual(['成都海纳食品有限公司']);
    expect(await namesFound(t.admin, 'customers', '武汉huitong')).toEqual(['武汉汇通能源有限公司']);
    expect(await namesFound(t.admin, 'contacts', 'zhugeliang')).toEqual(['诸葛亮']);

    const leads = await waitForImport(
      t.admin,
      (
        await uploadImport(
          t.admin,
          'leads',
          csvOf([
            ['姓名', '公司'],
            ['司马懿', '洛阳明德教育咨询有限公司'],
          ]),
          'l.csv',
        )
      ).json().id,
    );
    expect(leads).toMatchObject({ status: 'done', created: 1 });
    expect(await namesFound(t.admin, 'leads', 'smy')).toEqual(['司马懿']);
    expect(await namesFound(t.admin, 'leads', 'luoyangmingde')).toEqual(['司马懿']);
  });

  it('serves a pinyin fragment found in many contacts through the index in list order, and a rare one exactly', async () => {
    const customer = await createCustomer(t.admin, { name: '常见联系人客户' });
    const now = nowIso();
    // More contacts than the index's candidate limit (5 000) and the search count's cap (1 000).
    const rows = Array.from({ length: 5600 }, (_, i) => {
      const name = `${i % 50 === 0 ? '司徒' : '黄'}${'一二三四五六七八九十'[i % 10]}${i}`;
      return {
        customerId: customer.id,
        name,
        gender: 'unknown',
        isPrimary: 0,
        ownerId: t.admin.userId,
        departmentId: null,
        searchText: searchDocument(contactSearchValues({ name })).text,
        createdAt: now,
        updatedAt: now,
      };
    });
    await t.database.db.transaction().execute((trx) => insertRows(trx, 'contacts', rows));
    if (dialect === 'postgres') await sql`analyze contacts`.execute(t.database.db);
    expect(await searchBreadth(t.database.db, dialect, searchTargets.contacts, 'huang')).toBe('many');
    expect(await searchBreadth(t.database.db, dialect, searchTargets.contacts, 'situ')).toBe('few');

    const many = (await t.admin.get('/api/v1/contacts', { q: 'huang', pageSize: 20 })).json();
    expect(many).toMatchObject({ total: 1000, totalCapped: true });
    expect(many.items).toHaveLength(20);
    expect((await t.admin.get('/api/v1/contacts', { q: 'huang', count: 'exact' })).json().total).toBe(5488);
    const rare = (await t.admin.get('/api/v1/contacts', { q: 'situ', pageSize: 200 })).json();
    expect(rare.total).toBe(112);
    expect(rare.items.every((c: { name: string }) => c.name.startsWith('司徒'))).toBe(true);
    expect((await globallyFound(t.admin, 'contacts', 'situyi')).length).toBeGreaterThan(0);
  });
});
