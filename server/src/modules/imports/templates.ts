import type { DictionaryType, Locale } from '@relate/common';
import type { AppContext } from '../../platform/context.ts';
import { newWorkbook } from '../../platform/workbook.ts';
import {
  contactImportFields,
  customerImportFields,
  type ImportField,
  leadImportFields,
  productImportFields,
} from './import-fields.ts';
import { listEnabledDictionaryOptions } from './import-lookups.repository.ts';

export const importEntities = ['customers', 'contacts', 'leads', 'products'] as const;
export type ImportEntity = (typeof importEntities)[number];
const fieldsByEntity: Record<ImportEntity, ImportField[]> = {
  customers: customerImportFields,
  contacts: contactImportFields,
  leads: leadImportFields,
  products: productImportFields,
};
export const importFieldsOf = (entity: ImportEntity): ImportField[] => fieldsByEntity[entity];
const sheetNames: Record<ImportEntity, { zh: string; en: string }> = {
  customers: { zh: '客户', en: 'Customers' },
  contacts: { zh: '联系人', en: 'Contacts' },
  leads: { zh: '线索', en: 'Leads' },
  products: { zh: '产品', en: 'Products' },
};
export const entityLabel = (entity: ImportEntity, locale: Locale) => sheetNames[entity][locale === 'en' ? 'en' : 'zh'];

const columnLetter = (n: number) => {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
};

/**
 * An import template: headers in the user's language (required ones marked *), and a drop-down
 * on each dictionary column whose options live on a hidden sheet.
 */
export async function importTemplate(ctx: AppContext, entity: ImportEntity, locale: Locale): Promise<Buffer> {
  const fields = importFieldsOf(entity);
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet(entityLabel(entity, locale));
  const options = workbook.addWorksheet('options', { state: 'veryHidden' });
  sheet.addRow(fields.map((f) => `${locale === 'en' ? f.en : f.zh}${f.required ? '*' : ''}`));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  fields.forEach((_, i) => (sheet.getColumn(i + 1).width = 18));

  const dictionaryTypes = fields.map((f) => f.dictionary).filter((d): d is DictionaryType => Boolean(d));
  const rows = dictionaryTypes.length ? await listEnabledDictionaryOptions(ctx.db, dictionaryTypes) : [];
  let optionColumn = 0;
  fields.forEach((field, i) => {
    if (!field.dictionary) return;
    const labels = rows
      .filter((r) => r.type === field.dictionary)
      .map((r) => (locale === 'en' ? r.labelEn : r.labelZh));
    if (!labels.length) return;
    optionColumn++;
    const letter = columnLetter(optionColumn);
    labels.forEach((label, j) => (options.getCell(`${letter}${j + 1}`).value = label));
    const range = `options!$${letter}$1:$${letter}$${labels.length}`;
    for (let r = 2; r <= 1000; r++) {
      sheet.getCell(r, i + 1).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [range],
        showErrorMessage: true,
      };
    }
  });
  // Phone numbers stay text so that Excel keeps leading zeros and long digits.
  for (const key of ['phone', 'mobile', 'contactMobile']) {
    const index = fields.findIndex((f) => f.key === key);
    if (index >= 0) sheet.getColumn(index + 1).numFmt = '@';
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The rejected rows of an import as a workbook: the original columns plus the reason. */
export async function rejectedWorkbook(
  headers: string[],
  rejected: Array<{ row: number; column: string; message: string; values: string[] }>,
  locale: Locale,
) {
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet(locale === 'en' ? 'Rejected rows' : '未导入的行');
  sheet.addRow([locale === 'en' ? 'Row' : '行号', ...headers, locale === 'en' ? 'Error' : '错误原因']);
  sheet.getRow(1).font = { bold: true };
  for (const item of rejected) sheet.addRow([item.row, ...item.values, `${item.column}: ${item.message}`]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
