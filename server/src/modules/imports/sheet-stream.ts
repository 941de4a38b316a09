import { rm } from 'node:fs/promises';
import type { CheckedBatch, RowCheck } from './row-check.ts';
import { leaseReader } from './sheet-readers.ts';
import type { SheetPart } from './sheet-rows.ts';
import type { SpreadsheetFormat } from './spreadsheet-reader.ts';

/** An uploaded sheet being read: its header row at once, its rows once asked for, as they are read. */
export type SheetStream = {
  headers: string[];
  /** The rows after the header, checked by the reading thread as `check` says (once per sheet). */
  read: (check?: RowCheck) => AsyncIterableIterator<CheckedBatch>;
  /** Stops reading (when the rows are no longer wanted). */
  stop: () => void;
};

type Message = SheetPart | CheckedBatch | { end: true } | { error: string };

/** A sheet to read: bytes in memory, or an uploaded file, removed once the sheet has been read or is stopped (`removeAfter`). */
export type SheetSource = Buffer | { file: string; removeAfter?: boolean };

/**
 * Reads a spreadsheet in a reader thread (one kept warm, see sheet-readers.ts), so that unzipping and
 * parsing a large file neither holds the server's requests nor waits for the database: rows arrive
 * (checked, if asked) while earlier ones are being written.
 * Rejects when the file cannot be read at all. Bytes in memory are copied for the thread, which takes
 * its copy over.
 */
export function openSheet(source: SheetSource, format: SpreadsheetFormat): Promise<SheetStream> {
  const queue: Message[] = [];
  let wake: (() => void) | null = null;
  // Set once the reader has said its last word about this file (or is told to stop): it then finishes by itself.
  let finished = false;
  const fileToRemove = Buffer.isBuffer(source) || !source.removeAfter ? null : source.file;
  /** Marks the file finished, the first time only (returns whether this was it), and removes an upload. */
  const finish = () => {
    if (finished) return false;
    finished = true;
    // The reading thread keeps the file open while it reads: removed, its content stays until it is closed.
    if (fileToRemove) void rm(fileToRemove, { force: true }).catch(() => {});
    return true;
  };
  const push = (message: Message) => {
    if ('end' in message || 'error' in message) finish();
    queue.push(message);
    wake?.();
    wake = null;
  };
  const leased = leaseReader(
    Buffer.isBuffer(source) ? new Uint8Array(source) : { file: source.file },
    format,
    (message) => push(message as Message),
  );
  const next = async (): Promise<Message> => {
    while (!queue.length) await new Promise<void>((resolve) => (wake = resolve));
    return queue.shift()!;
  };
  // Never worker.terminate(): see sheet-worker.ts.
  const stop = () => {
    if (finish()) void leased.then((reader) => reader.stop());
  };

  async function* batches(): AsyncGenerator<CheckedBatch> {
    try {
      for (;;) {
        const message = await next();
        if ('error' in message) throw new Error(message.error);
        if ('end' in message) return;
        if ('rows' in message) {
          void leased.then((reader) => reader.taken());
          yield message;
        }
      }
    } finally {
      stop();
    }
  }

  return (async () => {
    const first = await next();
    if ('error' in first || !('headers' in first)) {
      stop();
      throw new Error('error' in first ? first.error : 'The file has no sheet.');
    }
    let reading = false;
    const read = (check?: RowCheck) => {
      if (reading) throw new Error('The rows of a sheet are read once.');
      reading = true;
      void leased.then((reader) => reader.read(check ?? null));
      return batches();
    };
    return { headers: first.headers, read, stop };
  })();
}
