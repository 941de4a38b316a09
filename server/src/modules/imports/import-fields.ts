import type { DictionaryType } from '@relate/common';

export type ImportField = {
  key: string;
  zh: string;
  en: string;
  aliases?: string[];
  dictionary?: DictionaryType;
  required?: boolean;
  /** An alias this field shares goes to it first when the sheet has a column for that field too. */
  aliasesFirstWith?: string;
};

/** Columns of the customer sheet, matched by zh-CN label, en label, key or alias. */
export const customerImportFields: ImportField[] = [
  {
    key: 'name',
    zh: '客户名称',
    en: 'Customer name',
    aliases: ['名称', '客户', '公司名称', 'name', 'company'],
    required: true,
  },
  { key: 'type', zh: '客户类型', en: 'Type' },
  { key: 'phone', zh: '电话', en: 'Phone', aliases: ['联系电话', '手机', 'telephone', 'tel'] },
  { key: 'email', zh: '邮箱', en: 'Email', aliases: ['电子邮箱', 'e-mail', 'mail'] },
  { key: 'industry', zh: '行业', en: 'Industry', dictionary: 'industry' },
  { key: 'level', zh: '客户级别', en: 'Level', aliases: ['级别'], dictionary: 'customer_level' },
  { key: 'creditLevel', zh: '信用级别', en: 'Credit level', aliases: ['信用'], dictionary: 'credit_level' },
  { key: 'stage', zh: '客户阶段', en: 'Stage', aliases: ['阶段'], dictionary: 'customer_stage' },
  { key: 'source', zh: '客户来源', en: 'Source', aliases: ['来源'], dictionary: 'customer_source' },
  { key: 'country', zh: '国家', en: 'Country' },
  { key: 'province', zh: '省份', en: 'Province', aliases: ['省'] },
  { key: 'city', zh: '城市', en: 'City', aliases: ['市'] },
  { key: 'district', zh: '区县', en: 'District', aliases: ['区'] },
  { key: 'address', zh: '详细地址', en: 'Address', aliases: ['地址'] },
  { key: 'website', zh: '网址', en: 'Website', aliases: ['网站', 'url'] },
  { key: 'tags', zh: '标签', en: 'Tags' },
  { key: 'remark', zh: '备注', en: 'Remark', aliases: ['remarks', 'notes', 'note'] },
  { key: 'owner', zh: '负责人', en: 'Owner', aliases: ['所有者', '销售'] },
  // The customer's primary contact, when the sheet lists one per customer.
  { key: 'contactName', zh: '联系人', en: 'Contact name', aliases: ['联系人姓名', '主联系人', 'contact'] },
  {
    key: 'contactMobile',
    zh: '联系人手机',
    en: 'Contact mobile',
    aliases: ['联系人手机号', '联系人电话', '手机', '手机号', 'mobile', 'contact phone'],
    aliasesFirstWith: 'contactName',
  },
  { key: 'contactEmail', zh: '联系人邮箱', en: 'Contact email', aliases: ['联系人电子邮箱', 'contact e-mail'] },
  {
    key: 'contactTitle',
    zh: '联系人职务',
    en: 'Contact title',
    aliases: ['职务', '职位', 'title', 'job title'],
    aliasesFirstWith: 'contactName',
  },
];

/** The customer fields that make up its primary contact, by the contact field each one fills. */
export const customerContactFields = {
  contactName: 'name',
  contactMobile: 'mobile',
  contactEmail: 'email',
  contactTitle: 'title',
} as const;

export const contactImportFields: ImportField[] = [
  {
    key: 'customer',
    zh: '客户',
    en: 'Customer',
    aliases: ['客户名称', '客户编号', 'customer name', 'customer code'],
    required: true,
  },
  { key: 'name', zh: '姓名', en: 'Name', aliases: ['联系人', '联系人姓名', 'contact name'], required: true },
  { key: 'gender', zh: '性别', en: 'Gender' },
  { key: 'title', zh: '职务', en: 'Title', aliases: ['职位'] },
  { key: 'department', zh: '部门', en: 'Department' },
  { key: 'mobile', zh: '手机', en: 'Mobile', aliases: ['手机号'] },
  { key: 'phone', zh: '电话', en: 'Phone', aliases: ['座机'] },
  { key: 'email', zh: '邮箱', en: 'Email', aliases: ['e-mail'] },
  { key: 'wechat', zh: '微信', en: 'WeChat' },
  { key: 'birthday', zh: '生日', en: 'Birthday' },
  { key: 'remark', zh: '备注', en: 'Remark' },
];

export const leadImportFields: ImportField[] = [
  { key: 'name', zh: '姓名', en: 'Name', aliases: ['线索名称', '联系人', 'lead name', 'contact name'], required: true },
  { key: 'company', zh: '公司', en: 'Company', aliases: ['公司名称', '单位', 'company name'] },
  { key: 'title', zh: '职务', en: 'Title', aliases: ['职位'] },
  { key: 'mobile', zh: '手机', en: 'Mobile', aliases: ['手机号'] },
  { key: 'phone', zh: '电话', en: 'Phone', aliases: ['座机', 'telephone', 'tel'] },
  { key: 'email', zh: '邮箱', en: 'Email', aliases: ['电子邮箱', 'e-mail', 'mail'] },
  { key: 'wechat', zh: '微信', en: 'WeChat' },
  { key: 'source', zh: '线索来源', en: 'Source', aliases: ['来源'], dictionary: 'customer_source' },
  { key: 'industry', zh: '行业', en: 'Industry', dictionary: 'industry' },
  { key: 'province', zh: '省份', en: 'Province', aliases: ['省'] },
  { key: 'city', zh: '城市', en: 'City', aliases: ['市'] },
  { key: 'address', zh: '详细地址', en: 'Address', aliases: ['地址'] },
  { key: 'score', zh: '评分', en: 'Score', aliases: ['分数'] },
  { key: 'remark', zh: '备注', en: 'Remark', aliases: ['remarks', 'notes', 'note'] },
  { key: 'owner', zh: '负责人', en: 'Owner', aliases: ['所有者', '销售'] },
];

export const productImportFields: ImportField[] = [
  { key: 'code', zh: '产品编码', en: 'Code', aliases: ['编码', 'sku', '料号', 'product code'], required: true },
  { key: 'name', zh: '产品名称', en: 'Name', aliases: ['名称', '品名', 'product name'], required: true },
  { key: 'category', zh: '产品分类', en: 'Category', aliases: ['分类', '类别', '产品线'] },
  { key: 'unit', zh: '单位', en: 'Unit', dictionary: 'product_unit' },
  { key: 'specification', zh: '规格型号', en: 'Specification', aliases: ['规格', '型号', 'spec'] },
  { key: 'listPrice', zh: '标准价格', en: 'List price', aliases: ['价格', '单价', '售价', 'price'], required: true },
  { key: 'costPrice', zh: '成本价', en: 'Cost price', aliases: ['成本', 'cost'] },
  { key: 'taxRate', zh: '税率', en: 'Tax rate', aliases: ['税率%', 'tax'] },
  { key: 'status', zh: '状态', en: 'Status' },
  { key: 'description', zh: '描述', en: 'Description', aliases: ['说明', '备注'] },
];

const norm = (text: string) => text.replace(/[\s_*:：]/g, '').toLowerCase();

/**
 * Maps each header to a field key (or null), ignoring case, spaces and a trailing asterisk. A field's
 * own names (key, zh-CN and en labels) are matched first; an alias then goes to the first field not yet
 * taken that has it (a sheet with 电话 and 手机 gets the customer's phone and the contact's mobile), or
 * first to a field whose companion column the sheet has (手机 beside 联系人 is the contact's mobile).
 */
export function matchColumns(headers: string[], fields: ImportField[]): Array<string | null> {
  const own = new Map<string, string>();
  const alias = new Map<string, string[]>();
  const inSheet = new Set(headers.map(norm));
  const sheetHas = (key: string | undefined) => {
    const field = fields.find((f) => f.key === key);
    return Boolean(
      field && [field.key, field.zh, field.en, ...(field.aliases ?? [])].some((n) => inSheet.has(norm(n))),
    );
  };
  const first = fields.filter((f) => sheetHas(f.aliasesFirstWith));
  for (const field of [...first, ...fields.filter((f) => !first.includes(f))]) {
    for (const name of field.aliases ?? []) alias.set(norm(name), [...(alias.get(norm(name)) ?? []), field.key]);
  }
  for (const field of fields)
    for (const name of [field.key, field.zh, field.en]) if (!own.has(norm(name))) own.set(norm(name), field.key);
  const used = new Set<string>();
  const take = (key: string | undefined) => {
    if (!key || used.has(key)) return null;
    used.add(key);
    return key;
  };
  const mapping = headers.map((header) => take(own.get(norm(header))));
  return mapping.map(
    (key, i) =>
      key ?? (own.has(norm(headers[i])) ? null : take(alias.get(norm(headers[i]))?.find((k) => !used.has(k)))),
  );
}

/** A sheet row's non-empty cells by the field their column is mapped to (null: an ignored column). */
export function rowValues(job: { mapping: Array<string | null> }, row: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  job.mapping.forEach((key, i) => {
    if (key && row[i] !== undefined && row[i] !== '') values[key] = row[i];
  });
  return values;
}
