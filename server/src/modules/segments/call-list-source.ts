import { z } from 'zod';
import { type CallListSource, recordEntries, recordEntryFields } from '../call-lists/index.ts';
import { segmentMemberIds } from './segments.service.ts';

/**
 * A call list built from a segment: its members as the builder sees them (the data scope of the segment's
 * entity), each at its numbers — a customer through its contact to call, a contact or a lead directly.
 * Registered with the call lists at start-up (app.ts).
 */
export const segmentCallListSource: CallListSource = {
  kind: 'segment',
  purpose: 'telemarketing',
  params: [{ name: 'segmentId', type: 'segment' }],
  schema: z.object({ segmentId: z.coerce.number().int().min(1).max(2_147_483_647) }),
  fields: recordEntryFields,
  async entries(ctx, actor, params, limit) {
    const { entity, ids } = await segmentMemberIds(ctx, actor, Number(params.segmentId), limit);
    return recordEntries(ctx, entity, ids);
  },
};
