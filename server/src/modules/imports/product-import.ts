import { inTransaction } from '../../platform/context.ts';
import { ProductInput } from '@relate/common';
import type { FieldMessage } from '../../platform/errors.ts';
import { issuesToFields } from '../../platform/validation.ts';
import { loadDictionaryLookup } from '../dictionaries/index.ts';
import { insertProducts, productColumns } from '../products/index.ts';
import { getSettings } from '../settings/index.ts';
import { dictionaryCellOf } from './dictionary-values.ts';
import { type ImportJob, rejectRow } from './import-job.ts';
import { rowValues } from './import-fields.ts';
import * as repo from './product-import.repository.ts';

const statuses: Record<string, 'on_sale' | 'discontinued'> = {
  在售: 'on_sale',
  on_sale: 'on_sale',
  'on sale': 'on_sale',
  停售: 'discontinued',
  已停售: 'discontinued',
  discontinued: 'discontinued',
};
const decimal = (value: string | undefined) => (value === undefined ? undefined : value.replace(/[,，¥￥$%\s]/g, ''));

/**
 * Imports products: the category is matched by name (created when missing), the unit by dictionary
 * label or code; a code already in the catalogue (or earlier in the file) is skipped unless duplicates are created.
 */
export async function runProductImport(job: ImportJob): Promise<void> {
  const units = dictionaryCellOf(await loadDictionaryLookup(job.ctx.db, ['product_unit']), job.valueMap);
  const settings = await getSettings(job.ctx.db);
  const categories = new Map(
    (await repo.listProductCategoryNames(job.ctx.db)).map((c) => [c.name.trim().toLowerCase(), c.id]),
  );
  const seen = new Set<string>();
  for await (const { numbers, rows: chunk } of job.batches) {
    const codes = chunk.map((row) => rowValues(job, row).code?.trim()).filter((c): c is string => Boolean(c));
    const existing = new Set(codes.length ? await repo.productCodesInUse(job.ctx.db, codes) : []);
    const rows: Array<ReturnType<typeof productColumns>> = [];
    for (const [i, row] of chunk.entries()) {
      const values = rowValues(job, row);
      const reject = (field: string, message: FieldMessage) => rejectRow(job, numbers[i], row, field, message);
      const unitCode = values.unit ? units('product_unit', 'unit', values.unit) : null;
      if (unitCode === undefined) {
        reject('unit', { key: 'unknownOption', params: { value: values.unit } });
        continue;
      }
      const unit = unitCode ?? undefined;
      const status = values.status ? statuses[values.status.trim().toLowerCase()] : undefined;
      if (values.status && !status) {
        reject('status', { key: 'unknownOption', params: { value: values.status } });
        continue;
      }
      const input = {
        ...values,
        category: undefined,
        unit,
        status,
        listPrice: decimal(values.listPrice),
        costPrice: decimal(values.costPrice),
        taxRate: decimal(values.taxRate),
      };
      const parsed = ProductInput.safeParse(input);
      if (!parsed.success) {
        const [field, message] = Object.entries(issuesToFields(parsed.error.issues, input))[0];
        reject(field, message);
        continue;
      }
      if ((existing.has(parsed.data.code) || seen.has(parsed.data.code)) && job.duplicates !== 'create') {
        job.counts.skipped++;
        continue;
      }
      if (existing.has(parsed.data.code) || seen.has(parsed.data.code)) {
        reject('code', 'codeTaken');
        continue;
      }
      seen.add(parsed.data.code);
      let categoryId: number | null = null;
      if (values.category) {
        const key = values.category.trim().toLowerCase();
        categoryId = categories.get(key) ?? null;
        if (!categoryId && !job.dryRun) {
          const now = new Date().toISOString();
          categoryId = await repo.insertProductCategory(job.ctx.db, {
            name: values.category.trim(),
            parentId: null,
            sortOrder: 0,
            createdAt: now,
            updatedAt: now,
          });
          categories.set(key, categoryId);
        }
      }
      rows.push(productColumns({ ...parsed.data, categoryId }, settings.defaultCurrency));
    }
    if (!job.dryRun && rows.length)
      await inTransaction(job.ctx, (ctx) => insertProducts(ctx.db, job.actor, rows, { importId: job.id }));
    job.counts.created += rows.length;
    job.counts.processed += chunk.length;
    await job.progress();
  }
}
