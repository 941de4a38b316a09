import {
  CallCenterReport,
  CallCenterReportQuery,
  CallDialResult,
  CallEntryPage,
  CallEntryPreview,
  CallEntryQuery,
  CallList,
  CallListAssignInput,
  CallListBuildResult,
  CallListInput,
  CallListPage,
  CallListPatch,
  CallListPreviewResult,
  CallListQuery,
  CallListSourceInput,
  CallListSourceList,
  CallOutcomeInput,
  CallOutcomeResult,
  IdParams,
  NextCallEntry,
  NextCallEntryQuery,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { callCenterReport } from './call-center-report.ts';
import * as lists from './call-lists.service.ts';
import * as dialer from './dialer.service.ts';

/**
 * Outbound call lists: built, assigned and followed by those with callLists.manage / callLists.view (in the
 * lists' data scope); worked in the preview dialer by the agents they are given to (calls.view).
 */
export function callListsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'callLists';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/call-lists/sources',
      access: 'callLists.view',
      tag,
      summary: 'What a call list can be built from (built-in sources, and segments or reports once they plug in)',
      response: CallListSourceList,
    },
    async () => ({ items: lists.listSources() }),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/call-lists/preview',
      access: 'callLists.manage',
      tag,
      summary: 'How many records a source gives now, as you may see them, and the first few',
      body: z.object({ source: CallListSourceInput }),
      response: CallListPreviewResult,
    },
    async ({ actor, body }) => lists.previewSource(ctx, actor, body.source),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/call-lists',
      reads: 'replica',
      access: 'callLists.view',
      tag,
      summary: 'Call lists in your data scope, with their progress',
      query: CallListQuery,
      response: CallListPage,
    },
    async ({ actor, query }) => lists.listLists(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/call-lists',
      access: 'callLists.manage',
      tag,
      summary:
        'Build a call list from a source (do-not-call numbers and records without a number are skipped) and share its entries out',
      body: CallListInput,
      response: CallListBuildResult,
      status: 201,
    },
    async ({ actor, body }) => lists.createList(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/call-lists/:id',
      access: 'callLists.view',
      tag,
      summary: 'A call list and its progress',
      params: IdParams,
      response: CallList,
    },
    async ({ actor, params }) => lists.getList(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/call-lists/:id',
      access: 'callLists.manage',
      tag,
      summary: 'Change a call list: its name, script, survey, attempts, calling hours, or pause, resume or close it',
      params: IdParams,
      body: CallListPatch,
      response: CallList,
    },
    async ({ actor, params, body }) => lists.updateList(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/call-lists/:id',
      access: 'callLists.manage',
      tag,
      summary: 'Delete a call list nobody has called from yet (close one with calls instead)',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => lists.deleteList(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/call-lists/:id/refresh',
      access: 'callLists.manage',
      tag,
      summary: 'Add what the list’s source holds now and the list does not',
      params: IdParams,
      response: CallListBuildResult,
    },
    async ({ actor, params }) => lists.refreshList(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/call-lists/:id/assign',
      access: 'callLists.manage',
      tag,
      summary: 'Share the list’s open entries out again: evenly among agents, or each to its record’s owner',
      params: IdParams,
      body: CallListAssignInput,
      response: CallList,
    },
    async ({ actor, params, body }) => lists.assignList(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/call-lists/:id/entries',
      reads: 'replica',
      access: 'callLists.view',
      tag,
      summary: 'A call list’s entries: who, which number, which agent, where each stands',
      params: IdParams,
      query: CallEntryQuery,
      response: CallEntryPage,
    },
    async ({ actor, params, query }) => lists.listEntries(ctx, actor, params.id, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/call-center/report',
      reads: 'replica',
      access: 'callLists.view',
      tag,
      summary:
        'Calls per agent per day, reach rate, talk and wrap-up time, outcomes per list, conversion, inbound answer rate and waiting time',
      query: CallCenterReportQuery,
      response: CallCenterReport,
    },
    async ({ actor, query }) => callCenterReport(ctx, actor, query),
  );

  // The preview dialer: the agent's own entries.
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/call-entries/next',
      access: 'calls.view',
      tag,
      summary:
        'My next call: the entry due first in my active lists in calling hours, with everything about its record',
      query: NextCallEntryQuery,
      response: NextCallEntry,
    },
    async ({ actor, query }) => dialer.nextEntry(ctx, actor, query.listId),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/call-entries/:id',
      access: 'calls.view',
      tag,
      summary: 'An entry given to me (or of a list I manage), with its record, script, questions and attempts',
      params: IdParams,
      response: CallEntryPreview,
    },
    async ({ actor, params }) => dialer.previewEntry(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/call-entries/:id/dial',
      access: 'calls.view',
      tag,
      summary: 'Dial the entry from my extension (in calling hours, never a do-not-call number)',
      params: IdParams,
      response: CallDialResult,
    },
    async ({ actor, params }) => dialer.dialEntry(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/call-entries/:id/outcome',
      access: 'calls.view',
      tag,
      summary:
        'Record what the call came to: the entry is closed or rescheduled, and promises, survey answers and confirmed data feed the records',
      params: IdParams,
      body: CallOutcomeInput,
      response: CallOutcomeResult,
    },
    async ({ actor, params, body }) => dialer.recordOutcome(ctx, actor, params.id, body),
  );
}
