import { currentUnitOfWork, runAsUnitOfWork } from './unit-of-work.ts';

/**
 * Which reads of a unit of work (a request, a job run) the read replica may answer. None, unless the unit
 * is a heavy read — a list, search, report or export route (`reads: 'replica'` in defineRoute), or a job
 * run through `withReplicaReads` — and even then none once the unit has written, nor while its user's own
 * recent write may not have reached the replica yet (read-your-writes, platform/read-your-writes.ts).
 */
type UnitReads = {
  replicaAllowed: boolean;
  ownWriteRecent: boolean;
  wrote: boolean;
  /** Where its plain reads go, decided at the first: one request reads one server (unless the replica fails it). */
  onReplica?: boolean;
};

const units = new WeakMap<object, UnitReads>();

function readsOf(unit: object): UnitReads {
  let reads = units.get(unit);
  if (!reads) {
    reads = { replicaAllowed: false, ownWriteRecent: false, wrote: false };
    units.set(unit, reads);
  }
  return reads;
}

/** The unit is a heavy read that may be a few seconds behind: its plain reads may go to the replica. */
export function allowReplicaReads(unit: object): void {
  readsOf(unit).replicaAllowed = true;
}

/** The unit's user wrote a moment ago: every read of the unit goes to the primary. */
export function readOwnWritesFromPrimary(unit: object): void {
  readsOf(unit).ownWriteRecent = true;
}

/** Called by the database driver when the current unit has written (a committed change, or a write outside a transaction). */
export function noteWrite(): void {
  const unit = currentUnitOfWork();
  if (unit) readsOf(unit).wrote = true;
}

export function hasWritten(unit: object): boolean {
  return units.get(unit)?.wrote ?? false;
}

/**
 * Whether a plain read of the current unit, outside a transaction, may be answered by the replica:
 * `replicaUsable` is asked at the unit's first such read, and its answer kept for the rest.
 */
export function replicaMayAnswer(replicaUsable: () => boolean): boolean {
  const unit = currentUnitOfWork();
  const reads = unit && units.get(unit);
  if (!reads?.replicaAllowed || reads.ownWriteRecent || reads.wrote) return false;
  reads.onReplica ??= replicaUsable();
  return reads.onReplica;
}

/** The replica failed a read of the current unit: the rest of its reads go to the primary. */
export function leaveReplica(): void {
  const unit = currentUnitOfWork();
  const reads = unit && units.get(unit);
  if (reads) reads.onReplica = false;
}

/** Runs a job that is a heavy read (a scheduled report) as its unit of work, its plain reads the replica's to answer. */
export function withReplicaReads<T>(work: () => T): T {
  const unit = currentUnitOfWork() ?? {};
  allowReplicaReads(unit);
  return runAsUnitOfWork(work, unit);
}
