import type { BulkEditResult } from '@relate/common';
import type { Actor } from './actor.ts';
import { type AppContext, inTransaction } from './context.ts';
import { AppError } from './errors.ts';
import { translate } from './messages.ts';
import { yieldToOtherWork } from './yield.ts';

/** Why a single edit refused one record, in the caller's language. */
function reasonOf(actor: Actor, error: AppError): string {
  const [field] = Object.values(error.fields ?? {});
  if (field === undefined) return translate(actor.locale, error.messageKey, error.params);
  return typeof field === 'string' ? translate(actor.locale, field) : translate(actor.locale, field.key, field.params);
}

/**
 * Applies one record's edit — the module's own single-record service function, with its rules,
 * permissions and audit — to each of `ids` in the caller's data scope, each record in a transaction of
 * its own: a record is changed whole or not at all, and a long edit does not hold the database (SQLite's
 * only connection) from other users' requests in between. Ids outside the scope are skipped and only
 * counted, so the answer never tells that they exist. A rule of the single edit that refuses one record
 * (a validation or a conflict) skips that record, with the reason; any other error stops the edit there,
 * the records before it keeping their change, as a record edited alone would.
 */
export async function editEach(
  ctx: AppContext,
  actor: Actor,
  ids: number[],
  visible: (ctx: AppContext, ids: number[]) => Promise<number[]>,
  edit: (ctx: AppContext, id: number) => Promise<void>,
): Promise<BulkEditResult> {
  const unique = [...new Set(ids)];
  let affected = 0;
  const rejected: BulkEditResult['rejected'] = [];
  for (const id of (await visible(ctx, unique)).sort((a, b) => a - b)) {
    await yieldToOtherWork();
    try {
      await inTransaction(ctx, (ctx) => edit(ctx, id));
      affected++;
    } catch (error) {
      if (!(error instanceof AppError) || !['VALIDATION_FAILED', 'CONFLICT'].includes(error.code)) throw error;
      rejected.push({ id, reason: reasonOf(actor, error) });
    }
  }
  return { affected, skipped: unique.length - affected, rejected };
}
