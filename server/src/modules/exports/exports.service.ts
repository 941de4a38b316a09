import { type CustomerQuery, fromMinorUnits, type LeadQuery, type Locale } from '@relate/common';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { hiddenFields } from '../../platform/field-rules.ts';
import { scopeFor } from '../../platform/scope.ts';
import { contactsForExport, type ContactRow } from '../contacts/index.ts';
import { customersForExport, tagsOfCustomers, type CustomerExportRow } from '../customers/index.ts';
import { customerPlainFields } from '../customers/plain.ts';
import { allDictionaryLabels } from '../dictionaries/index.ts';
import { leadsForExport, type LeadRow } from '../leads/index.ts';
import { categorySubtree, productsForExport, type ProductRow } from '../products/index.ts';
import { getSettings } from '../settings/index.ts';
import { createTableWriter, type TableFormat } from './table-writer.ts';

type Column<R> = { key: string; zh: string; en: string; value: (row: R) => string | null | undefined };
const exportedCustomerColumns = ['code', ...customerPlainFields, 'createdAt', 'lastFollowupAt'] as const;
type CustomerRow = CustomerExportRow<(typeof exportedCustomerColumns)[number]> & {
  tags?: string[];
};

async function dictionaryLabels(ctx: AppContext, locale: Locale) {
  const rows = await allDictionaryLabels(ctx.db);
  const map = new Map(rows.map((r) => [`${r.type}:${r.code}`, locale === 'en' ? r.labelEn : r.labelZh]));
  return (type: string, code: string | null) => (code ? (map.get(`${type}:${code}`) ?? code) : '');
}

function customerColumns(
  label: Awaited<ReturnType<typeof dictionaryLabels>>,
  locale: Locale,
): Array<Column<CustomerRow>> {
  const typeLabel = (t: string) =>
    t === 'individual' ? (locale === 'en' ? 'Individual' : '个人') : locale === 'en' ? 'Company' : '公司';
  return [
    { key: 'code', zh: '客户编号', en: 'Code', value: (r) => r.code },
    { key: 'name', zh: '客户名称', en: 'Customer name', value: (r) => r.name },
    { key: 'type', zh: '客户类型', en: 'Type', value: (r) => typeLabel(r.type) },
    { key: 'level', zh: '客户级别', en: 'Level', value: (r) => label('customer_level', r.level) },
    { key: 'creditLevel', zh: '信用级别', en: 'Credit level', value: (r) => label('credit_level', r.creditLevel) },
    { key: 'stage', zh: '客户阶段', en: 'Stage', value: (r) => label('customer_stage', r.stage) },
    { key: 'industry', zh: '行业', en: 'Industry', value: (r) => label('industry', r.industry) },
    { key: 'source', zh: '客户来源', en: 'Source', value: (r) => label('customer_source', r.source) },
    { key: 'country', zh: '国家', en: 'Country', value: (r) => r.country },
    { key: 'province', zh: '省份', en: 'Province', value: (r) => r.province },
    { key: 'city', zh: '城市', en: 'City', value: (r) => r.city },
    { key: 'district', zh: '区县', en: 'District', value: (r) => r.district },
    { key: 'divisionCode', zh: '行政区划代码', en: 'Division code', value: (r) => r.divisionCode },
    { key: 'address', zh: '详细地址', en: 'Address', value: (r) => r.address },
    { key: 'phone', zh: '电话', en: 'Phone', value: (r) => r.phone },
    { key: 'email', zh: '邮箱', en: 'Email', value: (r) => r.email },
    { key: 'website', zh: '网址', en: 'Website', value: (r) => r.website },
    { key: 'tags', zh: '标签', en: 'Tags', value: (r) => (r.tags ?? []).join(', ') },
    { key: 'remark', zh: '备注', en: 'Remark', value: (r) => r.remark },
    { key: 'owner', zh: '负责人', en: 'Owner', value: (r) => r.ownerName },
    { key: 'createdAt', zh: '创建时间', en: 'Created at', value: (r) => r.createdAt },
    { key: 'lastFollowupAt', zh: '最后跟进时间', en: 'Last follow-up', value: (r) => r.lastFollowupAt },
  ];
}

const contactColumns: Array<Column<ContactRow>> = [
  { key: 'customerName', zh: '客户', en: 'Customer', value: (r) => r.customerName },
  { key: 'name', zh: '姓名', en: 'Name', value: (r) => r.name },
  { key: 'gender', zh: '性别', en: 'Gender', value: (r) => r.gender },
  { key: 'title', zh: '职务', en: 'Title', value: (r) => r.title },
  { key: 'department', zh: '部门', en: 'Department', value: (r) => r.department },
  { key: 'mobile', zh: '手机', en: 'Mobile', value: (r) => r.mobile },
  { key: 'phone', zh: '电话', en: 'Phone', value: (r) => r.phone },
  { key: 'email', zh: '邮箱', en: 'Email', value: (r) => r.email },
  { key: 'wechat', zh: '微信', en: 'WeChat', value: (r) => r.wechat },
  { key: 'birthday', zh: '生日', en: 'Birthday', value: (r) => r.birthday },
  { key: 'remark', zh: '备注', en: 'Remark', value: (r) => r.remark },
];

function leadColumns(label: Awaited<ReturnType<typeof dictionaryLabels>>, locale: Locale): Array<Column<LeadRow>> {
  const statuses: Record<string, [string, string]> = {
    new: ['新线索', 'New'],
    contacting: ['跟进中', 'Contacting'],
    qualified: ['已确认', 'Qualified'],
    disqualified: ['无效', 'Disqualified'],
    converted: ['已转化', 'Converted'],
  };
  const status = (code: string) => statuses[code]?.[locale === 'en' ? 1 : 0] ?? code;
  return [
    { key: 'code', zh: '线索编号', en: 'Code', value: (r) => r.code },
    { key: 'name', zh: '姓名', en: 'Name', value: (r) => r.name },
    { key: 'company', zh: '公司', en: 'Company', value: (r) => r.company },
    { key: 'title', zh: '职务', en: 'Title', value: (r) => r.title },
    { key: 'mobile', zh: '手机', en: 'Mobile', value: (r) => r.mobile },
    { key: 'phone', zh: '电话', en: 'Phone', value: (r) => r.phone },
    { key: 'email', zh: '邮箱', en: 'Email', value: (r) => r.email },
    { key: 'wechat', zh: '微信', en: 'WeChat', value: (r) => r.wechat },
    { key: 'source', zh: '线索来源', en: 'Source', value: (r) => label('customer_source', r.source) },
    { key: 'industry', zh: '行业', en: 'Industry', value: (r) => label('industry', r.industry) },
    { key: 'province', zh: '省份', en: 'Province', value: (r) => r.province },
    { key: 'city', zh: '城市', en: 'City', value: (r) => r.city },
    { key: 'address', zh: '详细地址', en: 'Address', value: (r) => r.address },
    { key: 'status', zh: '状态', en: 'Status', value: (r) => status(r.status) },
    { key: 'score', zh: '评分', en: 'Score', value: (r) => String(r.score) },
    { key: 'remark', zh: '备注', en: 'Remark', value: (r) => r.remark },
    { key: 'owner', zh: '负责人', en: 'Owner', value: (r) => r.ownerName },
    { key: 'createdAt', zh: '创建时间', en: 'Created at', value: (r) => r.createdAt },
    { key: 'lastFollowupAt', zh: '最后跟进时间', en: 'Last follow-up', value: (r) => r.lastFollowupAt },
  ];
}

async function streamTable<R>(
  format: TableFormat,
  sheetName: string,
  columns: Array<Column<R>>,
  locale: Locale,
  batches: AsyncGenerator<R[]>,
  onDone: (count: number) => Promise<void>,
) {
  const writer = createTableWriter(
    format,
    sheetName,
    columns.map((c) => (locale === 'en' ? c.en : c.zh)),
  );
  void (async () => {
    let count = 0;
    try {
      for await (const batch of batches) {
        await writer.addRows(batch.map((row) => columns.map((c) => c.value(row) ?? '')));
        count += batch.length;
      }
      await writer.finish();
      await onDone(count);
    } catch (error) {
      writer.stream.destroy(error as Error);
    }
  })();
  return writer.stream;
}

/** Streams every customer the caller may see that matches the filters, without hidden fields. */
export async function exportCustomers(
  ctx: AppContext,
  actor: Actor,
  locale: Locale,
  format: TableFormat,
  filter: Omit<CustomerQuery, 'page' | 'pageSize' | 'sort'>,
) {
  const [scope, settings, labels] = await Promise.all([
    scopeFor(ctx.db, actor, 'customers'),
    getSettings(ctx.db),
    dictionaryLabels(ctx, locale),
  ]);
  const hidden = new Set(hiddenFields(actor, 'customers'));
  const columns = customerColumns(labels, locale).filter((c) => !hidden.has(c.key));
  async function* withTags() {
    for await (const rows of customersForExport(
      ctx.db,
      ctx.dialect,
      scope,
      filter,
      settings.timezone,
      exportedCustomerColumns,
    )) {
      const tags = await tagsOfCustomers(
        ctx.db,
        rows.map((r) => r.id),
      );
      yield rows.map((r) => ({ ...r, tags: tags.get(r.id) ?? [] }));
    }
  }
  return streamTable(format, locale === 'en' ? 'Customers' : '客户', columns, locale, withTags(), (count) =>
    writeAudit(ctx.db, actor, { action: 'export', entity: 'customers', detail: { format, count, filter } }),
  );
}

export async function exportContacts(
  ctx: AppContext,
  actor: Actor,
  locale: Locale,
  format: TableFormat,
  filter: { q?: string; customerId?: number },
) {
  const scope = await scopeFor(ctx.db, actor, 'contacts');
  const hidden = new Set(hiddenFields(actor, 'contacts'));
  const columns = contactColumns.filter((c) => !hidden.has(c.key));
  return streamTable(
    format,
    locale === 'en' ? 'Contacts' : '联系人',
    columns,
    locale,
    contactsForExport(ctx.db, ctx.dialect, scope, filter),
    (count) => writeAudit(ctx.db, actor, { action: 'export', entity: 'contacts', detail: { format, count, filter } }),
  );
}

/** Streams every lead the caller may see that matches the list filters; the columns read back in by the lead import. */
export async function exportLeads(
  ctx: AppContext,
  actor: Actor,
  locale: Locale,
  format: TableFormat,
  filter: Omit<LeadQuery, 'page' | 'pageSize' | 'sort'>,
) {
  const [scope, settings, labels] = await Promise.all([
    scopeFor(ctx.db, actor, 'leads'),
    getSettings(ctx.db),
    dictionaryLabels(ctx, locale),
  ]);
  const hidden = new Set(hiddenFields(actor, 'leads'));
  const columns = leadColumns(labels, locale).filter((c) => !hidden.has(c.key));
  return streamTable(
    format,
    locale === 'en' ? 'Leads' : '线索',
    columns,
    locale,
    leadsForExport(ctx.db, ctx.dialect, scope, filter, settings.timezone),
    (count) => writeAudit(ctx.db, actor, { action: 'export', entity: 'leads', detail: { format, count, filter } }),
  );
}

function productColumns(
  label: Awaited<ReturnType<typeof dictionaryLabels>>,
  locale: Locale,
): Array<Column<ProductRow>> {
  const status = (code: string) =>
    code === 'on_sale' ? (locale === 'en' ? 'On sale' : '在售') : locale === 'en' ? 'Discontinued' : '停售';
  const percent = (bp: number) => String(bp / 100);
  return [
    { key: 'code', zh: '产品编码', en: 'Code', value: (r) => r.code },
    { key: 'name', zh: '产品名称', en: 'Name', value: (r) => r.name },
    { key: 'category', zh: '产品分类', en: 'Category', value: (r) => r.categoryName },
    { key: 'unit', zh: '单位', en: 'Unit', value: (r) => label('product_unit', r.unit) },
    { key: 'specification', zh: '规格型号', en: 'Specification', value: (r) => r.specification },
    { key: 'listPrice', zh: '标准价格', en: 'List price', value: (r) => fromMinorUnits(Number(r.listPrice)) },
    {
      key: 'costPrice',
      zh: '成本价',
      en: 'Cost price',
      value: (r) => (r.costPrice === null ? '' : fromMinorUnits(Number(r.costPrice))),
    },
    { key: 'taxRate', zh: '税率', en: 'Tax rate', value: (r) => percent(r.taxRateBp) },
    { key: 'currency', zh: '币种', en: 'Currency', value: (r) => r.currency },
    { key: 'status', zh: '状态', en: 'Status', value: (r) => status(r.status) },
    { key: 'description', zh: '描述', en: 'Description', value: (r) => r.description },
  ];
}

/** Streams the catalogue (optionally one category and below) in a file the product import reads back. */
export async function exportProducts(
  ctx: AppContext,
  actor: Actor,
  locale: Locale,
  format: TableFormat,
  filter: { q?: string; categoryId?: number; status?: string },
) {
  const labels = await dictionaryLabels(ctx, locale);
  const categoryIds = filter.categoryId ? await categorySubtree(ctx, filter.categoryId) : undefined;
  return streamTable(
    format,
    locale === 'en' ? 'Products' : '产品',
    productColumns(labels, locale),
    locale,
    productsForExport(ctx.db, { q: filter.q, status: filter.status, categoryIds }),
    (count) => writeAudit(ctx.db, actor, { action: 'export', entity: 'products', detail: { format, count, filter } }),
  );
}
