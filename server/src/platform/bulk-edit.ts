import type { BulkEditResult } from '@relate/common';
import { sql } from 'kysely';
import type { Actor } from './actor.ts';
import { type AppContext, inTransaction } from './context.ts';
import { AppError } from './errors.ts';
import { translate } from './messages.ts';

/** Why a single edit refused one record, in the caller's language. */
function reasonOf(actor: Actor, error: AppError): string {
  const [field] = Object.values(error.fields ?? {});
  if (field === undefined) return translate(actor.locale, error.messageKey, error.params);
  return typeof field === 'string' ? translate(actor.locale, field) : translate(actor.locale, field.key, field.params);
}

/**
 * Applies one record's edit — the module's own single-record service function, with its rules,
 * permissions and audit — to each of `ids` in the caller's data scope, in one transaction. Ids
 * outside the scope are skipped and only counted, so the answer never tells that they exist. A rule of
 * the single edit that refuses one record (a validation or a conflict) skips that record, with nothing
 * of it written, and names it with the reason; any other error undoes the whole edit.
 */
export async function editEach(
  ctx: AppContext,
  actor: Actor,
  ids: number[],
  visible: (ctx: AppContext, ids: number[]) => Promise<number[]>,
  edit: (ctx: AppContext, id: number) => Promise<void>,
): Promise<BulkEditResult> {
  const unique = [...new Set(ids)];
  return inTransaction(ctx, async (ctx) => {
    let affected = 0;
    const rejected: BulkEditResult['rejected'] = [];
    for (const id of (await visible(ctx, unique)).sort((a, b) => a - b)) {
      // A savepoint per record: a record refused halfway through its edit keeps none of it.
      await sql`savepoint bulk_edit_record`.execute(ctx.db);
      try {
        await edit(ctx, id);
        affected++;
      } catch (error) {
        if (!(error instanceof AppError) || !['VALIDATION_FAILED', 'CONFLICT'].includes(error.code)) throw error;
        await sql`rollback to savepoint bulk_edit_record`.execute(ctx.db);
        rejected.push({ id, reason: reasonOf(actor, error) });
      }
      await sql`release savepoint bulk_edit_record`.execute(ctx.db);
    }
    return { affected, skipped: unique.length - affected, rejected };
  });
}
