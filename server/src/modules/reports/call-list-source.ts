import { z } from 'zod';
import { type CallListSource, recordEntries, recordEntryFields } from '../call-lists/index.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { fieldError, notFound } from '../../platform/errors.ts';
import { reportRecordIds } from './reports.repository.ts';
import { mayReportOn, resolveReport } from './reports.service.ts';
import { getSavedReport } from './saved-reports.service.ts';

const calledSources = ['customers', 'contacts', 'leads'] as const;
type CalledSource = (typeof calledSources)[number];
const isCalled = (source: string): source is CalledSource => (calledSources as readonly string[]).includes(source);

/**
 * The records behind every row of a saved report on customers, contacts or leads, as the caller sees them
 * (their data scope and the report's filters), the first `limit` by id. A report the caller does not see,
 * or whose source they may not report on, is not found; one on another source is refused (400).
 */
export async function savedReportRecordIds(
  ctx: AppContext,
  actor: Actor,
  reportId: number,
  limit: number,
): Promise<{ entity: CalledSource; ids: number[] }> {
  const saved = await getSavedReport(ctx, actor, reportId);
  const { source } = saved.definition;
  if (!mayReportOn(actor, source)) throw notFound();
  if (!isCalled(source)) throw fieldError('source.params.reportId', 'callListReportSource');
  const resolved = await resolveReport(ctx, actor, saved.definition);
  return { entity: source, ids: await reportRecordIds(ctx.db, ctx.dialect, resolved, limit) };
}

/**
 * A call list built from a saved report: the customers, contacts or leads its rows count, as the builder
 * sees them, each at its numbers. Registered with the call lists at start-up (app.ts).
 */
export const savedReportCallListSource: CallListSource = {
  kind: 'savedReport',
  purpose: 'telemarketing',
  params: [{ name: 'reportId', type: 'savedReport' }],
  schema: z.object({ reportId: z.coerce.number().int().min(1).max(2_147_483_647) }),
  fields: recordEntryFields,
  async entries(ctx, actor, params, limit) {
    const { entity, ids } = await savedReportRecordIds(ctx, actor, Number(params.reportId), limit);
    return recordEntries(ctx, entity, ids);
  },
};
