import {
  type Call,
  type CallerCard,
  type CallMatch,
  type CallWrapUpInput,
  ContactQuery,
  type CtiConnection,
  type CtiConnectionInput,
  CustomerQuery,
  LeadQuery,
  type Page,
  type PbxLookup,
  type Seat,
  type SeatState,
  TicketQuery,
} from '@relate/common';
import { randomUUID } from 'node:crypto';
import { readJson, writeJson } from '../../db/json.ts';
import { nowIso } from '../../db/time.ts';
import { type Actor, can } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { loadActor } from '../../platform/authenticate.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, notFound, orNotFound } from '../../platform/errors.ts';
import { hiddenFields } from '../../platform/field-rules.ts';
import { instanceId, keepLockFresh } from '../../platform/jobs.ts';
import { scopeFor } from '../../platform/scope.ts';
import { seal, unseal } from '../../platform/secret-box.ts';
import { pushToUser } from '../../platform/user-push.ts';
import { isDoNotCall } from '../consent/index.ts';
import { listContacts } from '../contacts/index.ts';
import { customerOverview } from '../customer-overview/index.ts';
import { findVisibleCustomer, listCustomers } from '../customers/index.ts';
import { assertDictionaryCodes, listDictionaryOptions } from '../dictionaries/index.ts';
import { createFollowup, followupsOfCustomer } from '../followups/index.ts';
import { listLeads } from '../leads/index.ts';
import { createTask } from '../tasks/index.ts';
import { createTicket, listTickets } from '../tickets/index.ts';
import { AmiAdapter } from './adapters/ami.ts';
import { CloudAdapter, eventsOfCallback, verifySignature } from './adapters/cloud.ts';
import { EslAdapter } from './adapters/esl.ts';
import { CtiCommandError, type CtiEvent, type TelephonyAdapter } from './adapters/types.ts';
import * as repo from './cti.repository.ts';
import { dialable, normalizeNumber, sameNumber, searchDigitsOf } from './phone-numbers.ts';

/** How long after-call work lasts before the seat is available again by itself. */
export const wrapUpSeconds = 120;
/** The rank of a customer with no level (or none matched): after every level. */
const noLevelRank = 99;

type Settings = {
  host: string | null;
  port: number | null;
  username: string | null;
  dialContext: string | null;
  recordingBaseUrl: string | null;
  dialUrl: string | null;
  dialMethod: 'POST' | 'GET';
  dialBody: string | null;
  areaCode: string | null;
};

const settingsOf = (row: repo.ConnectionRow): Settings => ({
  host: null,
  port: null,
  username: null,
  dialContext: null,
  recordingBaseUrl: null,
  dialUrl: null,
  dialMethod: 'POST',
  dialBody: null,
  areaCode: null,
  ...readJson<Partial<Settings>>(row.settings, {}),
});

function toConnection(row: repo.ConnectionRow): CtiConnection {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    enabled: Boolean(row.enabled),
    ...settingsOf(row),
    secretSet: Boolean(row.secretSealed),
    status: row.status,
    callbackPath: `/api/public/v1/cti/${row.id}/events`,
    lookupPath: `/api/public/v1/cti/${row.id}/lookup`,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toSeat(row: repo.SeatRow): Seat {
  return {
    userId: row.userId,
    userName: row.userName,
    extension: row.extension,
    state: effectiveState(row),
    stateSince: row.stateSince,
    wrapUpUntil: row.state === 'after_call' ? row.wrapUpUntil : null,
    skills: readJson<string[]>(row.skills, []),
    connectionId: row.connectionId,
  };
}

/** After-call work ends by itself when its timer runs out. */
function effectiveState(row: Pick<repo.SeatRow, 'state' | 'wrapUpUntil'>): SeatState {
  if (row.state === 'after_call' && row.wrapUpUntil && row.wrapUpUntil <= nowIso()) return 'available';
  return row.state;
}

export function toCall(row: repo.CallRow): Call {
  return {
    id: row.id,
    connectionId: row.connectionId,
    externalId: row.externalId,
    direction: row.direction,
    state: row.state,
    fromNumber: row.fromNumber,
    toNumber: row.toNumber,
    peerNumber: row.peerNumber,
    agentId: row.ownerId,
    agentName: row.agentName,
    extension: row.extension,
    queue: row.queue,
    ringAt: row.ringAt,
    answerAt: row.answerAt,
    endAt: row.endAt,
    talkSeconds: row.talkSeconds === null ? null : Number(row.talkSeconds),
    result: row.result,
    notes: row.notes,
    hasRecording: Boolean(row.recordingUrl || row.recordingPath),
    customerId: row.customerId,
    customerName: row.customerName,
    contactId: row.contactId,
    contactName: row.contactName,
    leadId: row.leadId,
    leadName: row.leadName,
    ticketId: row.ticketId,
    wrappedUpAt: row.wrappedUpAt,
  };
}

// ——— Connections (administrators: calls.manage) ———

export async function listConnections(ctx: AppContext): Promise<CtiConnection[]> {
  return (await repo.listConnections(ctx.db)).map(toConnection);
}

function settingsFrom(input: Partial<CtiConnectionInput>, before: Settings | null): Settings {
  const pick = <K extends keyof Settings>(key: K, fallback: Settings[K]): Settings[K] =>
    key in input ? ((input[key as keyof CtiConnectionInput] ?? fallback) as Settings[K]) : (before?.[key] ?? fallback);
  return {
    host: pick('host', null),
    port: pick('port', null),
    username: pick('username', null),
    dialContext: pick('dialContext', null),
    recordingBaseUrl: pick('recordingBaseUrl', null),
    dialUrl: pick('dialUrl', null),
    dialMethod: pick('dialMethod', 'POST'),
    dialBody: pick('dialBody', null),
    areaCode: pick('areaCode', null),
  };
}

function assertComplete(kind: CtiConnection['kind'], settings: Settings, secretSet: boolean) {
  if (kind !== 'cloud') {
    if (!settings.host) throw fieldError('host', 'required');
    if (!settings.port) throw fieldError('port', 'required');
    if (kind === 'asterisk' && !settings.username) throw fieldError('username', 'required');
  }
  if (!secretSet) throw fieldError('secret', 'required');
}

export async function createConnection(
  ctx: AppContext,
  actor: Actor,
  input: CtiConnectionInput,
): Promise<CtiConnection> {
  const settings = settingsFrom(input, null);
  assertComplete(input.kind, settings, Boolean(input.secret));
  const now = nowIso();
  const id = await inTransaction(ctx, async (ctx) => {
    const id = await repo.insertConnection(ctx.db, {
      name: input.name,
      kind: input.kind,
      enabled: input.enabled ? 1 : 0,
      settings: writeJson(settings),
      secretSealed: input.secret ? seal(ctx.config.sessionSecret, input.secret) : null,
      status: null,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'ctiConnections',
      entityId: id,
      detail: { name: input.name },
    });
    return id;
  });
  await restartConnection(ctx, id);
  return toConnection(orNotFound(await repo.findConnection(ctx.db, id)));
}

export async function updateConnection(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: Partial<CtiConnectionInput>,
): Promise<CtiConnection> {
  const before = orNotFound(await repo.findConnection(ctx.db, id));
  const kind = input.kind ?? before.kind;
  const settings = settingsFrom(input, settingsOf(before));
  assertComplete(kind, settings, Boolean(input.secret || before.secretSealed));
  await inTransaction(ctx, async (ctx) => {
    await repo.updateConnection(ctx.db, id, {
      // Whoever holds it lets go (its watch sees the hold gone) and this instance connects with the new settings.
      heldBy: null,
      heldAt: null,
      name: input.name ?? before.name,
      kind,
      enabled: input.enabled === undefined ? before.enabled : input.enabled ? 1 : 0,
      settings: writeJson(settings),
      ...(input.secret ? { secretSealed: seal(ctx.config.sessionSecret, input.secret) } : {}),
      updatedAt: nowIso(),
    });
    await writeAudit(ctx.db, actor, { action: 'update', entity: 'ctiConnections', entityId: id });
  });
  await restartConnection(ctx, id);
  return toConnection(orNotFound(await repo.findConnection(ctx.db, id)));
}

export async function deleteConnection(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  await stopConnection(ctx, id);
  await inTransaction(ctx, async (ctx) => {
    if (!(await repo.deleteConnection(ctx.db, id))) throw notFound();
    await writeAudit(ctx.db, actor, { action: 'delete', entity: 'ctiConnections', entityId: id });
  });
}

// ——— Adapters at run time ———

type Running = { adapter: TelephonyAdapter; queue: Promise<unknown> };
/** Per database (a test process may hold several apps): the adapters this instance holds connected. */
const runningByDb = new WeakMap<object, Map<number, Running>>();
function runningOf(ctx: AppContext): Map<number, Running> {
  let map = runningByDb.get(ctx.db);
  if (!map) runningByDb.set(ctx.db, (map = new Map()));
  return map;
}

/** Who holds connections: this server instance (per app: a test process may run two instances of one database). */
const holderByDb = new WeakMap<object, string>();
function holderOf(ctx: AppContext): string {
  let holder = holderByDb.get(ctx.db);
  if (!holder) holderByDb.set(ctx.db, (holder = `${instanceId}/${randomUUID().slice(0, 8)}`));
  return holder;
}
const watchByDb = new WeakMap<object, () => void>();

function secretOf(ctx: AppContext, row: repo.ConnectionRow): string {
  const secret = row.secretSealed ? unseal(ctx.config.sessionSecret, row.secretSealed) : null;
  if (secret === null) throw new AppError('UPSTREAM_FAILED', 'ctiSecretUnreadable');
  return secret;
}

function buildAdapter(ctx: AppContext, row: repo.ConnectionRow): TelephonyAdapter {
  const settings = settingsOf(row);
  const secret = secretOf(ctx, row);
  if (row.kind === 'asterisk')
    return new AmiAdapter({
      host: settings.host ?? '127.0.0.1',
      port: settings.port ?? 5038,
      username: settings.username ?? '',
      secret,
      dialContext: settings.dialContext ?? 'from-internal',
      recordingBaseUrl: settings.recordingBaseUrl,
    });
  if (row.kind === 'freeswitch')
    return new EslAdapter({
      host: settings.host ?? '127.0.0.1',
      port: settings.port ?? 8021,
      password: secret,
      dialContext: settings.dialContext ?? 'default',
      recordingBaseUrl: settings.recordingBaseUrl,
    });
  return new CloudAdapter({
    secret,
    dialUrl: settings.dialUrl,
    dialMethod: settings.dialMethod,
    dialBody: settings.dialBody,
  });
}

/**
 * Connects a PBX connection (AMI, ESL) and feeds its events, one after another, to `handleEvent` — when this
 * instance can take its hold: one instance of several holds each connection, so that every event is read
 * once (the unique call per connection and PBX call id and conditional updates keep calls right in the
 * moment two overlap, when a hold passes). A hold not renewed within the lock timeout (its instance died)
 * is taken over by another instance's watch (`takeUpConnections`).
 */
export async function startConnection(ctx: AppContext, id: number): Promise<void> {
  const row = await repo.findConnection(ctx.db, id);
  if (!row || !row.enabled || row.kind === 'cloud' || runningOf(ctx).has(id)) return;
  const now = new Date();
  const staleBefore = new Date(now.getTime() - ctx.config.workLockTimeoutMs).toISOString();
  if (!(await repo.claimConnection(ctx.db, id, holderOf(ctx), now.toISOString(), staleBefore))) return;
  const adapter = buildAdapter(ctx, row);
  const running: Running = { adapter, queue: Promise.resolve() };
  runningOf(ctx).set(id, running);
  // The first connection's outcome is written before this returns (the request that made the connection
  // sees it, and nothing writes after its answer); later drops and reconnections as they happen.
  let started = false;
  const report = (status: string) => {
    if (started) void repo.updateConnection(ctx.db, id, { status }).catch(() => {});
  };
  if (adapter instanceof AmiAdapter || adapter instanceof EslAdapter) adapter.connection.onStatus = report;
  try {
    await adapter.start((event) => {
      running.queue = running.queue.then(() => handleEvent(ctx, id, event)).catch(() => {});
      return running.queue.then(() => {});
    });
  } catch (error) {
    runningOf(ctx).delete(id);
    await repo.updateConnection(ctx.db, id, { status: error instanceof Error ? error.message : String(error) });
    await repo.releaseHold(ctx.db, id, holderOf(ctx));
    throw error;
  }
  await repo.updateConnection(ctx.db, id, { status: 'connected' });
  started = true;
}

/** Disconnects a connection this instance holds and lets go of its hold. */
export async function stopConnection(ctx: AppContext, id: number): Promise<void> {
  await disconnect(ctx, id);
  await repo.releaseHold(ctx.db, id, holderOf(ctx));
}

async function disconnect(ctx: AppContext, id: number): Promise<void> {
  const running = runningOf(ctx).get(id);
  runningOf(ctx).delete(id);
  await running?.adapter.stop();
}

/**
 * This instance's watch over the connections: renews the holds of those it has connected (disconnecting any
 * whose hold it lost: taken over, or let go by a change of its settings, or switched off or deleted) and takes
 * up those nobody holds or whose holder stopped renewing.
 */
export async function takeUpConnections(ctx: AppContext): Promise<void> {
  const rows = await repo.listConnections(ctx.db);
  const wanted = new Set(rows.filter((r) => r.enabled && r.kind !== 'cloud').map((r) => r.id));
  for (const id of [...runningOf(ctx).keys()])
    if (!wanted.has(id) || !(await repo.renewHold(ctx.db, id, holderOf(ctx), nowIso()))) await disconnect(ctx, id);
  for (const id of wanted) if (!runningOf(ctx).has(id)) await startConnection(ctx, id).catch(() => {});
}

async function restartConnection(ctx: AppContext, id: number): Promise<void> {
  await stopConnection(ctx, id);
  await startConnection(ctx, id).catch(() => {});
}

/**
 * At start-up: connects the enabled PBX connections no other instance holds (failures are retried by the
 * adapters and shown as status), and keeps watch every quarter of the lock timeout.
 */
export async function startCtiConnections(ctx: AppContext): Promise<void> {
  await takeUpConnections(ctx);
  watchByDb.get(ctx.db)?.();
  watchByDb.set(
    ctx.db,
    keepLockFresh(ctx.config.workLockTimeoutMs, () => takeUpConnections(ctx)),
  );
}

/** At shut-down: stops watching and lets go of every connection, for another instance to take up at once. */
export async function stopCtiConnections(ctx: AppContext): Promise<void> {
  watchByDb.get(ctx.db)?.();
  watchByDb.delete(ctx.db);
  for (const id of [...runningOf(ctx).keys()]) await stopConnection(ctx, id);
}

/** Waits until the events read so far from a connection are handled (tests). */
export async function settled(ctx: AppContext, id: number): Promise<void> {
  await runningOf(ctx).get(id)?.queue;
}

async function commandAdapter(ctx: AppContext, connectionId: number | null): Promise<TelephonyAdapter> {
  const row =
    connectionId === null
      ? (await repo.listConnections(ctx.db)).find((c) => c.enabled)
      : await repo.findConnection(ctx.db, connectionId);
  if (!row || !row.enabled) throw new AppError('UPSTREAM_FAILED', 'ctiNotConnected');
  if (row.kind === 'cloud') return buildAdapter(ctx, row);
  const running = runningOf(ctx).get(row.id);
  if (running) return running.adapter;
  // Another instance holds the connection: a command goes over a session of its own, closed once it is done;
  // its events are the holder's to read.
  const adapter = buildAdapter(ctx, row);
  await command(() => adapter.start(async () => {}));
  return once(adapter);
}

/** An adapter for one command: it disconnects after it. */
function once(adapter: TelephonyAdapter): TelephonyAdapter {
  const after = <T>(work: Promise<T>) => work.finally(() => adapter.stop().catch(() => {}));
  return {
    kind: adapter.kind,
    start: (sink) => adapter.start(sink),
    stop: () => adapter.stop(),
    dial: (request) => after(adapter.dial(request)),
    hangUp: (callId) => after(adapter.hangUp(callId)),
    transfer: (callId, extension) => after(adapter.transfer(callId, extension)),
  };
}

async function command<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) throw error;
    const reason = error instanceof CtiCommandError || error instanceof Error ? error.message : String(error);
    throw new AppError('UPSTREAM_FAILED', 'ctiCommandFailed', undefined, { reason });
  }
}

// ——— Seats ———

function offlineSeat(actor: Actor): Seat {
  return {
    userId: actor.userId,
    userName: actor.displayName,
    extension: null,
    state: 'offline',
    stateSince: nowIso(),
    wrapUpUntil: null,
    skills: [],
    connectionId: null,
  };
}

export async function mySeat(ctx: AppContext, actor: Actor): Promise<Seat> {
  const row = await repo.findSeat(ctx.db, actor.userId);
  return row ? toSeat(row) : offlineSeat(actor);
}

export async function listSeats(ctx: AppContext): Promise<Seat[]> {
  return (await repo.listSeats(ctx.db)).map(toSeat);
}

export async function saveSeat(
  ctx: AppContext,
  actor: Actor,
  userId: number,
  input: { extension?: string | null; skills?: string[]; connectionId?: number | null },
): Promise<Seat> {
  const user = orNotFound(await repo.userOf(ctx.db, userId));
  if (input.extension && (await repo.extensionTakenBy(ctx.db, input.extension, userId)))
    throw fieldError('extension', 'extensionTaken');
  if (input.connectionId && !(await repo.findConnection(ctx.db, input.connectionId)))
    throw fieldError('connectionId', 'invalid');
  const before = await repo.findSeat(ctx.db, userId);
  await inTransaction(ctx, async (ctx) => {
    await repo.upsertSeat(ctx.db, {
      userId,
      connectionId: input.connectionId === undefined ? (before?.connectionId ?? null) : input.connectionId,
      extension: input.extension === undefined ? (before?.extension ?? null) : input.extension || null,
      state: before?.state ?? 'offline',
      stateSince: before?.stateSince ?? nowIso(),
      wrapUpUntil: before?.wrapUpUntil ?? null,
      skills: writeJson(input.skills ?? readJson<string[]>(before?.skills, [])),
      lastCallEndedAt: before?.lastCallEndedAt ?? null,
    });
    await writeAudit(ctx.db, actor, {
      action: 'update',
      entity: 'callSeats',
      entityId: user.id,
      detail: { extension: input.extension ?? null },
    });
  });
  return toSeat(orNotFound(await repo.findSeat(ctx.db, userId)));
}

export async function setSeatState(ctx: AppContext, actor: Actor, state: SeatState): Promise<Seat> {
  const seat = await repo.findSeat(ctx.db, actor.userId);
  if (!seat?.extension) throw new AppError('BAD_REQUEST', 'ctiNoSeat');
  const now = nowIso();
  await repo.updateSeat(ctx.db, actor.userId, {
    state,
    stateSince: now,
    wrapUpUntil: state === 'after_call' ? new Date(Date.now() + wrapUpSeconds * 1000).toISOString() : null,
  });
  if (state === 'available') await offerQueuedCalls(ctx);
  return mySeat(ctx, actor);
}

// ——— Caller lookup ———

async function areaCodeOf(ctx: AppContext, connectionId: number | null): Promise<string | null> {
  const row = connectionId ? await repo.findConnection(ctx.db, connectionId) : undefined;
  return row ? settingsOf(row).areaCode : null;
}

/**
 * The records a number belongs to, as the caller may see them: customers (their phone), contacts and leads
 * (mobile and phone), found through the lists' own digit search (same scope, same field rules) by the
 * number's local digits, then kept when the number, normalised, is the caller's. A kind whose phone fields
 * the caller's role hides is not searched by number.
 */
export async function callerCard(
  ctx: AppContext,
  actor: Actor,
  number: string,
  areaCode: string | null = null,
  { figures = true }: { figures?: boolean } = {},
): Promise<CallerCard> {
  const normalized = normalizeNumber(number, areaCode);
  const key = searchDigitsOf(normalized);
  const matches: CallMatch[] = [];
  if (key.length < 4) return { number, normalized, matches };
  const same = (value: string | null | undefined) => sameNumber(value, normalized, areaCode);
  const readable = (module: 'customers' | 'contacts' | 'leads') => hiddenFields(actor, module).length === 0;
  // The PBX's routing lookup needs who the caller is, not the figures the agent is shown.
  const enrich = figures
    ? withFigures
    : async (_ctx: AppContext, _actor: Actor, match: Bare): Promise<CallMatch> => ({ ...match, ...noFigures });

  if (can(actor, 'customers.view') && readable('customers')) {
    const found = await listCustomers(ctx, actor, CustomerQuery.parse({ q: key, pageSize: 20, count: 'glance' }));
    for (const c of found.items)
      if (same(c.phone))
        matches.push(
          await enrich(ctx, actor, {
            type: 'customer',
            id: c.id,
            name: c.name,
            customerId: c.id,
            customerName: c.name,
            ownerId: c.ownerId,
            ownerName: c.ownerName,
            level: c.level,
          }),
        );
  }
  if (can(actor, 'contacts.view') && readable('contacts')) {
    const found = await listContacts(ctx, actor, ContactQuery.parse({ q: key, pageSize: 20, count: 'glance' }));
    for (const c of found.items)
      if (same(c.mobile) || same(c.phone)) {
        const customer = can(actor, 'customers.view') ? await findVisibleCustomer(ctx, actor, c.customerId) : undefined;
        matches.push(
          await enrich(ctx, actor, {
            type: 'contact',
            id: c.id,
            name: c.name,
            customerId: c.customerId,
            customerName: c.customerName,
            ownerId: customer?.ownerId ?? c.ownerId,
            ownerName: (customer as { ownerName?: string | null } | undefined)?.ownerName ?? null,
            level: customer?.level ?? null,
          }),
        );
      }
  }
  if (can(actor, 'leads.view') && readable('leads')) {
    const found = await listLeads(ctx, actor, LeadQuery.parse({ q: key, pageSize: 20, count: 'glance' }));
    for (const l of found.items)
      if (same(l.mobile) || same(l.phone))
        matches.push({
          type: 'lead',
          id: l.id,
          name: l.company ? `${l.name}（${l.company}）` : l.name,
          customerId: null,
          customerName: null,
          ownerId: l.ownerId,
          ownerName: l.ownerName,
          level: null,
          ...noFigures,
        });
  }
  return { number, normalized, matches };
}

type Bare = Omit<CallMatch, 'openTickets' | 'overdue' | 'currency' | 'lastFollowups'>;
const noFigures = { openTickets: null, overdue: null, currency: null, lastFollowups: [] };

async function withFigures(ctx: AppContext, actor: Actor, match: Bare): Promise<CallMatch> {
  const customerId = match.customerId;
  if (!customerId || !(await findVisibleCustomer(ctx, actor, customerId))) return { ...match, ...noFigures };
  const overview = await customerOverview(ctx, actor, customerId);
  const followups = can(actor, 'followups.view') ? await followupsOfCustomer(ctx.db, customerId, 3) : [];
  return {
    ...match,
    openTickets: overview.openTickets,
    overdue: overview.overdue,
    currency: overview.currency,
    lastFollowups: followups.map((f) => ({ id: f.id, occurredAt: f.occurredAt, content: f.content })),
  };
}

export async function lookupCaller(ctx: AppContext, actor: Actor, number: string): Promise<CallerCard> {
  const seat = await repo.findSeat(ctx.db, actor.userId);
  return callerCard(ctx, actor, number, await areaCodeOf(ctx, seat?.connectionId ?? null));
}

async function levelRanks(ctx: AppContext): Promise<Map<string, number>> {
  const options = await listDictionaryOptions(ctx.db, 'customer_level');
  return new Map(options.map((o, index) => [o.code, index]));
}

// ——— Call events ———

async function actorOf(ctx: AppContext, userId: number | null): Promise<Actor | null> {
  return userId ? loadActor(ctx.db, userId, { via: 'job' }, { headers: {} }) : null;
}

/** Who looks the caller up for a call with no agent yet: the administrator who made the connection. */
async function connectionActor(ctx: AppContext, connectionId: number | null): Promise<Actor | null> {
  const row = connectionId ? await repo.findConnection(ctx.db, connectionId) : undefined;
  return actorOf(ctx, row?.createdBy ?? null);
}

function pushCall(ctx: AppContext, row: repo.CallRow, card: CallerCard | null) {
  if (!row.ownerId) return;
  pushToUser(row.ownerId, card ? 'call' : 'call-update', card ? { call: toCall(row), card } : { call: toCall(row) });
}

async function screenPop(ctx: AppContext, callId: number): Promise<void> {
  const row = orNotFound(await repo.findCall(ctx.db, callId));
  const agent = await actorOf(ctx, row.ownerId);
  if (!agent) return;
  const card = await callerCard(ctx, agent, row.peerNumber, await areaCodeOf(ctx, row.connectionId));
  pushCall(ctx, row, card);
}

/**
 * One event of a PBX or cloud call center, applied to its call: ringing makes the call (once per PBX call
 * id), matched by number to the records, given to the agent of the extension or put in the queue, and pops
 * the caller's card in the agent's browser; the others move the call on and the agent's seat with it.
 */
export async function handleEvent(ctx: AppContext, connectionId: number | null, event: CtiEvent): Promise<Call | null> {
  const existing = await repo.findCallByExternal(ctx.db, connectionId, event.callId);
  const now = nowIso();
  if (event.type === 'ringing') {
    if (existing) return toCall(existing);
    const areaCode = await areaCodeOf(ctx, connectionId);
    const seat = event.extension ? await repo.findSeatByExtension(ctx.db, event.extension) : undefined;
    const agent = seat ? await repo.userOf(ctx.db, seat.userId) : undefined;
    const peer = event.direction === 'inbound' ? event.from : event.to;
    const looker = (await actorOf(ctx, agent?.id ?? null)) ?? (await connectionActor(ctx, connectionId));
    const card = looker ? await callerCard(ctx, looker, peer, areaCode) : null;
    const links = linksOf(card?.matches ?? []);
    const first = card?.matches.find((m) => m.customerId);
    const rank = first?.level ? ((await levelRanks(ctx)).get(first.level) ?? noLevelRank) : noLevelRank;
    const id = await repo.insertCall(ctx.db, {
      connectionId,
      externalId: event.callId,
      direction: event.direction,
      state: agent ? 'ringing' : 'queued',
      fromNumber: event.from,
      toNumber: event.to,
      peerNumber: normalizeNumber(peer, areaCode) || peer,
      ownerId: agent?.id ?? null,
      departmentId: agent?.departmentId ?? null,
      extension: event.extension,
      queue: event.queue,
      levelRank: rank,
      ringAt: event.at,
      customerId: links.customerId,
      contactId: links.contactId,
      leadId: links.leadId,
      channels: '{}',
      createdAt: now,
      updatedAt: now,
    });
    const row = orNotFound(await repo.findCall(ctx.db, id));
    if (agent && card) pushCall(ctx, row, card);
    else await offerQueuedCalls(ctx);
    return toCall(row);
  }
  if (!existing) return null;
  switch (event.type) {
    case 'answered': {
      const seat = event.extension ? await repo.findSeatByExtension(ctx.db, event.extension) : undefined;
      const agentChanged = seat && seat.userId !== existing.ownerId;
      const agent = agentChanged ? await repo.userOf(ctx.db, seat.userId) : undefined;
      await repo.updateCall(ctx.db, existing.id, {
        state: 'talking',
        answerAt: existing.answerAt ?? event.at,
        ...(agent ? { ownerId: agent.id, departmentId: agent.departmentId, extension: event.extension } : {}),
        updatedAt: now,
      });
      const ownerId = agent?.id ?? existing.ownerId;
      if (ownerId) await repo.updateSeat(ctx.db, ownerId, { state: 'on_call', stateSince: now, wrapUpUntil: null });
      if (agent) await screenPop(ctx, existing.id);
      break;
    }
    case 'held':
      if (existing.state !== 'ended')
        await repo.updateCall(ctx.db, existing.id, { state: event.held ? 'held' : 'talking', updatedAt: now });
      break;
    case 'transferred': {
      const seat = event.to ? await repo.findSeatByExtension(ctx.db, event.to) : undefined;
      const agent = seat ? await repo.userOf(ctx.db, seat.userId) : undefined;
      if (!agent) break;
      if (existing.ownerId && existing.ownerId !== agent.id)
        await repo.updateSeat(ctx.db, existing.ownerId, { state: 'available', stateSince: now, wrapUpUntil: null });
      await repo.updateCall(ctx.db, existing.id, {
        ownerId: agent.id,
        departmentId: agent.departmentId,
        extension: event.to,
        updatedAt: now,
      });
      await screenPop(ctx, existing.id);
      break;
    }
    case 'hungup': {
      if (existing.state === 'ended') break;
      const talk = existing.answerAt
        ? Math.max(0, Math.round((Date.parse(event.at) - Date.parse(existing.answerAt)) / 1000))
        : null;
      await repo.updateCall(ctx.db, existing.id, {
        state: 'ended',
        endAt: event.at,
        talkSeconds: talk,
        updatedAt: now,
      });
      if (existing.ownerId && existing.answerAt)
        await repo.updateSeat(ctx.db, existing.ownerId, {
          state: 'after_call',
          stateSince: now,
          wrapUpUntil: new Date(Date.now() + wrapUpSeconds * 1000).toISOString(),
          lastCallEndedAt: now,
        });
      pushCall(ctx, orNotFound(await repo.findCall(ctx.db, existing.id)), null);
      break;
    }
    case 'recording':
      if (event.url) await repo.updateCall(ctx.db, existing.id, { recordingUrl: event.url, updatedAt: now });
      break;
  }
  return toCall(orNotFound(await repo.findCall(ctx.db, existing.id)));
}

/** The records a call is linked to: when the number matched one customer (or its contact) or one lead only. */
function linksOf(matches: CallMatch[]): { customerId: number | null; contactId: number | null; leadId: number | null } {
  const customers = new Set(matches.filter((m) => m.customerId).map((m) => m.customerId));
  const contacts = matches.filter((m) => m.type === 'contact');
  const leads = matches.filter((m) => m.type === 'lead');
  if (customers.size === 1 && !leads.length)
    return { customerId: [...customers][0]!, contactId: contacts.length === 1 ? contacts[0]!.id : null, leadId: null };
  if (!customers.size && leads.length === 1) return { customerId: null, contactId: null, leadId: leads[0]!.id };
  return { customerId: null, contactId: null, leadId: null };
}

// ——— ACD ———

/**
 * Offers each waiting call, VIPs first (the first level of customer_level) and then the longest waiting,
 * to the available agent idle the longest whose skills cover the call's queue (an agent without skills
 * takes every queue). The call is claimed by a conditional update, so two instances never offer it twice;
 * a PBX connection is asked to move the call to the agent's extension.
 */
export async function offerQueuedCalls(ctx: AppContext): Promise<number> {
  const queued = await repo.queuedCalls(ctx.db);
  if (!queued.length) return 0;
  const free = await repo.idleSeats(ctx.db, nowIso());
  let offered = 0;
  for (const call of queued) {
    const index = free.findIndex((seat) => {
      const skills = readJson<string[]>(seat.skills, []);
      return !call.queue || !skills.length || skills.includes(call.queue);
    });
    if (index < 0) continue;
    const [seat] = free.splice(index, 1);
    const agent = await repo.userOf(ctx.db, seat!.userId);
    if (!agent) continue;
    const result = await repo.claimQueuedCall(ctx.db, call.id, {
      ownerId: agent.id,
      departmentId: agent.departmentId,
      extension: seat!.extension,
    });
    if (!result) continue;
    offered++;
    if (call.connectionId) {
      const running = runningOf(ctx).get(call.connectionId);
      await running?.adapter.transfer(call.externalId, seat!.extension!).catch(() => {});
    }
    await screenPop(ctx, call.id);
  }
  return offered;
}

/** The queue as it stands: waiting calls in order, and whom each would be offered to now. */
export async function queueView(ctx: AppContext) {
  const queued = await repo.queuedCalls(ctx.db);
  const free = await repo.idleSeats(ctx.db, nowIso());
  const now = Date.now();
  return queued.map((call) => {
    const index = free.findIndex((seat) => {
      const skills = readJson<string[]>(seat.skills, []);
      return !call.queue || !skills.length || skills.includes(call.queue);
    });
    const seat = index >= 0 ? free.splice(index, 1)[0]! : null;
    return {
      call: toCall(call),
      level: null,
      waitingSeconds: Math.max(0, Math.round((now - Date.parse(call.ringAt)) / 1000)),
      offeredTo: seat ? { userId: seat.userId, name: seat.userName, extension: seat.extension } : null,
    };
  });
}

// ——— Calls ———

export async function listCalls(
  ctx: AppContext,
  actor: Actor,
  query: { page: number; pageSize: number; customerId?: number; agentId?: number; direction?: string; mine?: string },
): Promise<Page<Call>> {
  const scope = await scopeFor(ctx.db, actor, 'calls');
  const { rows, total } = await repo.listCalls(
    ctx.db,
    scope,
    {
      customerId: query.customerId,
      agentId: query.mine === 'true' ? actor.userId : query.agentId,
      direction: query.direction,
    },
    query,
  );
  return { items: rows.map(toCall), total, page: query.page, pageSize: query.pageSize };
}

/** A call the caller may see: in their calls' data scope, or about a customer they may see. */
async function visibleCall(ctx: AppContext, actor: Actor, id: number): Promise<repo.CallRow> {
  const inScope = await repo.findCallInScope(ctx.db, await scopeFor(ctx.db, actor, 'calls'), id);
  if (inScope) return inScope;
  const row = await repo.findCall(ctx.db, id);
  if (row?.customerId && can(actor, 'customers.view') && (await findVisibleCustomer(ctx, actor, row.customerId)))
    return row;
  throw notFound();
}

export async function getCall(ctx: AppContext, actor: Actor, id: number): Promise<Call> {
  return toCall(await visibleCall(ctx, actor, id));
}

/** The recording's bytes, fetched from the PBX's address for whoever may see the call. */
export async function openRecording(ctx: AppContext, actor: Actor, id: number) {
  const row = await visibleCall(ctx, actor, id);
  if (!row.recordingUrl) throw notFound();
  const response = await command(() =>
    fetch(row.recordingUrl!, { redirect: 'error', signal: AbortSignal.timeout(30_000) }),
  );
  if (!response.ok || !response.body)
    throw new AppError('UPSTREAM_FAILED', 'ctiCommandFailed', undefined, { reason: `HTTP ${response.status}` });
  return {
    contentType: response.headers.get('content-type') ?? 'audio/wav',
    body: response.body,
  };
}

/**
 * The agent's wrap-up: the result (call_result dictionary), notes, which record the call was with, and in
 * the same step a follow-up, a ticket and/or a task — each made through its own module as the agent, with
 * the agent's permissions — all in one transaction. The agent's seat is then available again.
 */
export async function wrapUpCall(ctx: AppContext, actor: Actor, id: number, input: CallWrapUpInput) {
  const row = await visibleCall(ctx, actor, id);
  if (row.ownerId !== actor.userId && !can(actor, 'calls.manage')) throw new AppError('FORBIDDEN');
  await assertDictionaryCodes(ctx.db, { result: input.result }, { result: 'call_result' });
  const customerId = input.customerId ?? (input.leadId ? null : row.customerId);
  const leadId = input.leadId ?? (input.customerId ? null : row.leadId);
  const contactId = input.contactId ?? (input.customerId && input.customerId !== row.customerId ? null : row.contactId);
  if (input.customerId && !(await findVisibleCustomer(ctx, actor, input.customerId)))
    throw fieldError('customerId', 'invalid');
  const now = nowIso();
  const created = await inTransaction(ctx, async (ctx) => {
    let followupId: number | null = null;
    let ticketId: number | null = null;
    let taskId: number | null = null;
    if (input.followup) {
      if (!customerId && !leadId) throw fieldError('followup', 'customerOrLead');
      const followup = await createFollowup(ctx, actor, {
        customerId: customerId ?? null,
        leadId: customerId ? null : leadId,
        contactId: customerId ? contactId : null,
        type: 'call',
        occurredAt: row.answerAt ?? row.ringAt,
        content: input.followup.content,
        result: input.notes ?? null,
        nextFollowupAt: input.followup.nextAt ?? null,
      } as Parameters<typeof createFollowup>[2]);
      followupId = followup.id;
    }
    if (input.ticket) {
      const ticket = await createTicket(ctx, actor, {
        type: 'consultation',
        channel: 'phone',
        priority: 'normal',
        customerId: customerId ?? null,
        contactId: customerId ? contactId : null,
        requesterPhone: row.peerNumber,
        subject: input.ticket.subject,
        description: input.ticket.description ?? input.notes ?? null,
      } as Parameters<typeof createTicket>[2]);
      ticketId = ticket.id;
    }
    if (input.task) {
      const task = await createTask(ctx, actor, {
        subject: input.task.title,
        type: 'todo',
        priority: 'normal',
        recurrence: 'none',
        dueAt: input.task.dueAt,
        relatedEntity: customerId ? 'customers' : leadId ? 'leads' : null,
        relatedId: customerId ?? leadId ?? null,
      } as Parameters<typeof createTask>[2]);
      taskId = task.id;
    }
    await repo.updateCall(ctx.db, id, {
      result: input.result,
      notes: input.notes ?? null,
      customerId: customerId ?? null,
      contactId: customerId ? (contactId ?? null) : null,
      leadId: customerId ? null : (leadId ?? null),
      ticketId: ticketId ?? row.ticketId,
      wrappedUpAt: now,
      updatedAt: now,
    });
    await writeAudit(ctx.db, actor, {
      action: 'update',
      entity: 'calls',
      entityId: id,
      detail: { result: input.result, followupId, ticketId, taskId },
    });
    return { followupId, ticketId, taskId };
  });
  const seat = await repo.findSeat(ctx.db, actor.userId);
  if (seat && row.ownerId === actor.userId && seat.state === 'after_call') {
    await repo.updateSeat(ctx.db, actor.userId, { state: 'available', stateSince: now, wrapUpUntil: null });
    await offerQueuedCalls(ctx);
  }
  return { call: toCall(orNotFound(await repo.findCall(ctx.db, id))), ...created };
}

/** Click-to-dial: the caller's extension rings, then the number is called (never a number on the do-not-call list). */
export async function dial(ctx: AppContext, actor: Actor, number: string) {
  const target = dialable(number);
  if (!target) throw fieldError('number', 'invalidPhone');
  // The do-not-call list holds for every call, from a list or by hand.
  if (await isDoNotCall(ctx, target)) throw new AppError('CONFLICT', 'doNotCall');
  const seat = await repo.findSeat(ctx.db, actor.userId);
  if (!seat?.extension) throw new AppError('BAD_REQUEST', 'ctiNoSeat');
  const adapter = await commandAdapter(ctx, seat.connectionId);
  const { callId } = await command(() =>
    adapter.dial({ extension: seat.extension!, number: target, agent: actor.username }),
  );
  return { externalId: callId };
}

export async function hangUpCall(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const row = await visibleCall(ctx, actor, id);
  if (row.ownerId !== actor.userId && !can(actor, 'calls.manage')) throw new AppError('FORBIDDEN');
  const adapter = await commandAdapter(ctx, row.connectionId);
  await command(() => adapter.hangUp(row.externalId));
}

export async function transferCall(ctx: AppContext, actor: Actor, id: number, extension: string): Promise<void> {
  const row = await visibleCall(ctx, actor, id);
  if (row.ownerId !== actor.userId && !can(actor, 'calls.manage')) throw new AppError('FORBIDDEN');
  const adapter = await commandAdapter(ctx, row.connectionId);
  await command(() => adapter.transfer(row.externalId, extension));
}

/** The agent's latest call with a number since a moment: the call an attempt of a call list was made on. */
export async function latestCallWith(ctx: AppContext, agentId: number, number: string, since: string) {
  const peer = normalizeNumber(number, null);
  const row = await repo.latestCallOfAgent(ctx.db, agentId, peer, since);
  return row ? toCall(row) : null;
}

/** The outcome of a call-list call is its wrap-up: the agent's after-call work ends with it. */
export async function endAfterCallWork(ctx: AppContext, userId: number): Promise<void> {
  const seat = await repo.findSeat(ctx.db, userId);
  if (seat?.state !== 'after_call') return;
  await repo.updateSeat(ctx.db, userId, { state: 'available', stateSince: nowIso(), wrapUpUntil: null });
  await offerQueuedCalls(ctx);
}

/** A customer's calls for its timeline. */
export async function callsOfCustomer(...args: Parameters<typeof repo.callsOfCustomer>): Promise<Call[]> {
  return (await repo.callsOfCustomer(...args)).map(toCall);
}

// ——— What the PBX and the cloud call center ask (signed, no user session) ———

async function signedConnection(
  ctx: AppContext,
  connectionId: number,
  headers: Record<string, string | string[] | undefined>,
  signed: string,
): Promise<repo.ConnectionRow> {
  const row = await repo.findConnection(ctx.db, connectionId);
  const secret = row?.secretSealed ? unseal(ctx.config.sessionSecret, row.secretSealed) : null;
  if (!row || !row.enabled || !secret || !verifySignature(secret, headers, signed))
    throw new AppError('UNAUTHENTICATED', 'ctiBadSignature');
  return row;
}

/** A cloud call center's callback: one event or several, signed over the raw body. */
export async function receiveCallback(
  ctx: AppContext,
  connectionId: number,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
): Promise<{ accepted: number }> {
  await signedConnection(ctx, connectionId, headers, rawBody);
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw new AppError('BAD_REQUEST', 'MALFORMED_JSON');
  }
  let events: CtiEvent[];
  try {
    events = eventsOfCallback(body);
  } catch {
    throw new AppError('VALIDATION_FAILED');
  }
  for (const event of events) await handleEvent(ctx, connectionId, event);
  return { accepted: events.length };
}

/** A verified request of a PBX: its connection, and the administrator who made it, as whom records are read. */
export type SignedPbx = { connection: repo.ConnectionRow; actor: Actor | null };

/** Checks a PBX's signed GET (the path with its query is what is signed) and answers whose eyes it reads with. */
export async function signedPbxRequest(
  ctx: AppContext,
  connectionId: number,
  headers: Record<string, string | string[] | undefined>,
  url: string,
): Promise<SignedPbx> {
  const connection = await signedConnection(ctx, connectionId, headers, url);
  return { connection, actor: await actorOf(ctx, connection.createdBy) };
}

/**
 * The PBX's routing question, answered from the records as the connection's administrator sees them: the
 * caller's customer, its level (VIP: the first level), the queue to put it in and the owner to ring first.
 */
export async function pbxLookup(ctx: AppContext, { connection, actor }: SignedPbx, number: string): Promise<PbxLookup> {
  const card = actor ? await callerCard(ctx, actor, number, settingsOf(connection).areaCode, { figures: false }) : null;
  const match = card?.matches.find((m) => m.customerId) ?? card?.matches[0];
  const vip = Boolean(match?.level && (await levelRanks(ctx)).get(match.level) === 0);
  const ownerSeat = match?.ownerId ? await repo.findSeat(ctx.db, match.ownerId) : undefined;
  return {
    number,
    known: Boolean(match),
    name: match?.customerName ?? match?.name ?? null,
    level: match?.level ?? null,
    vip,
    queue: vip ? 'vip' : match ? 'customers' : 'general',
    owner:
      match?.ownerId && match.ownerName
        ? { userId: match.ownerId, name: match.ownerName, extension: ownerSeat?.extension ?? null }
        : null,
  };
}

/** IVR: a ticket's status by its number. */
export async function ivrTicket(ctx: AppContext, { actor }: SignedPbx, number: string) {
  if (!actor || !can(actor, 'tickets.view')) return { found: false, status: null, subject: null };
  const found = await listTickets(ctx, actor, TicketQuery.parse({ q: number, pageSize: 5 }));
  const ticket = found.items.find((t) => t.number.toLowerCase() === number.trim().toLowerCase());
  return ticket
    ? { found: true, status: ticket.status, subject: ticket.subject }
    : { found: false, status: null, subject: null };
}

/** IVR: what the caller's customer owes (outstanding and overdue instalments, default currency). */
export async function ivrAmountDue(ctx: AppContext, { connection, actor }: SignedPbx, number: string) {
  const card = actor ? await callerCard(ctx, actor, number, settingsOf(connection).areaCode) : null;
  const customerId = card?.matches.find((m) => m.customerId)?.customerId;
  if (!actor || !customerId) return { found: false, currency: null, outstanding: null, overdue: null };
  const overview = await customerOverview(ctx, actor, customerId);
  return { found: true, currency: overview.currency, outstanding: overview.outstanding, overdue: overview.overdue };
}
