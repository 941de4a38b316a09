import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../../platform/ts-worker.ts';
import type { RowCheck } from './row-check.ts';
import type { SheetInput } from './sheet-rows.ts';
import type { SpreadsheetFormat } from './spreadsheet-reader.ts';

/** What the server tells a reader thread, about the file it is reading (by id) or about itself. */
export type ReaderCommand =
  | { kind: 'open'; id: number; input: SheetInput; format: SpreadsheetFormat }
  | { kind: 'read'; id: number; check: RowCheck | null }
  | { kind: 'stop'; id: number }
  /** The server has taken one batch of rows off its queue: the reader may read one further ahead. */
  | { kind: 'taken'; id: number }
  | { kind: 'exit' };

/** One file's use of a reader thread: commands go to its file, its messages come to `onMessage` until it is idle again. */
export type ReaderLease = {
  read: (check: RowCheck | null) => void;
  /** Says that one batch of rows has been taken, so that the reader never runs far ahead of the writer. */
  taken: () => void;
  stop: () => void;
};

type Reader = { worker: Worker; deliver: ((message: unknown) => void) | null; gone: boolean };

/**
 * Reader threads kept warm between files: starting one costs a preview of a two-row file about 350 ms
 * on two busy cores from the build (about a second under the TypeScript loader), against 20–30 ms on a
 * warm one. An idle thread holds about 10 MB: it loads the sheet modules only; the row checks and
 * SheetJS are loaded once a file needs them (an import, an .xls or .csv).
 * At most `warmReaders` idle threads are kept. A file that finds none idle waits a moment for one (a
 * preview holds its thread for milliseconds), then gets a thread of its own (an import may hold one for
 * minutes), which ends after it unless a place among the warm ones is free. Threads are kept only while
 * some application holds the pool (`holdSheetReaders`), and are only ever ended while idle.
 */
const warmReaders = 2;
const waitForIdleMs = 250;
const idle: Reader[] = [];
const waiting: Array<(reader: Reader) => void> = [];
let holders = 0;
let nextId = 0;
let running = 0;

function startReader(): Reader {
  const reader: Reader = {
    worker: startTsWorker(new URL('./sheet-worker.ts', import.meta.url), {}),
    deliver: null,
    gone: false,
  };
  const lost = (error: string) => {
    reader.gone = true;
    const at = idle.indexOf(reader);
    if (at >= 0) idle.splice(at, 1);
    reader.deliver?.({ error });
  };
  reader.worker.on('message', (message: unknown) => reader.deliver?.(message));
  reader.worker.on('error', (error) => lost(error.message));
  running++;
  reader.worker.on('exit', () => {
    running--;
    lost('The reading thread ended.');
  });
  return reader;
}

function release(reader: Reader): void {
  reader.deliver = null;
  if (!reader.gone && waiting.length) waiting.shift()!(reader);
  else if (!reader.gone && holders > 0 && idle.length < warmReaders) {
    // An idle thread never keeps the process alive.
    reader.worker.unref();
    idle.push(reader);
  } else if (!reader.gone) reader.worker.postMessage({ kind: 'exit' } satisfies ReaderCommand);
}

/**
 * Gives a file to a reader thread; its messages (header, batches, end or error) go to `onMessage`, in
 * order, until the thread has finished with the file. Bytes in memory are moved to the thread, not copied.
 */
function idleReader(): Promise<Reader> {
  const ready = idle.pop();
  if (ready) return Promise.resolve(ready);
  // Fewer threads than the warm ones: this one joins them once it has read its file.
  if (!holders || running < warmReaders) return Promise.resolve(startReader());
  return new Promise((resolve) => {
    const take = (reader: Reader) => {
      clearTimeout(timer);
      resolve(reader);
    };
    const timer = setTimeout(() => {
      waiting.splice(waiting.indexOf(take), 1);
      resolve(startReader());
    }, waitForIdleMs);
    waiting.push(take);
  });
}

export async function leaseReader(
  input: SheetInput,
  format: SpreadsheetFormat,
  onMessage: (message: unknown) => void,
): Promise<ReaderLease> {
  const reader = await idleReader();
  const id = ++nextId;
  let done = false;
  reader.worker.ref();
  reader.deliver = (message) => {
    if (done) return;
    if (message && typeof message === 'object' && 'idle' in message) {
      done = true;
      release(reader);
      return;
    }
    onMessage(message);
    if (reader.gone) done = true;
  };
  reader.worker.postMessage(
    { kind: 'open', id, input, format } satisfies ReaderCommand,
    input instanceof Uint8Array ? [input.buffer as ArrayBuffer] : [],
  );
  return {
    read: (check) => reader.worker.postMessage({ kind: 'read', id, check } satisfies ReaderCommand),
    taken: () => {
      if (!done && !reader.gone) reader.worker.postMessage({ kind: 'taken', id } satisfies ReaderCommand);
    },
    stop: () => {
      if (!done && !reader.gone) reader.worker.postMessage({ kind: 'stop', id } satisfies ReaderCommand);
    },
  };
}

/** Starts the warm reader threads ahead of the first file (a server does this once it is up). */
export function warmSheetReaders(): void {
  while (holders > 0 && idle.length < warmReaders) release(startReader());
}

/** Keeps reader threads warm until the returned function is called (an application, from start to close). */
export function holdSheetReaders(): () => void {
  holders++;
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    if (--holders > 0) return;
    for (const reader of idle.splice(0)) reader.worker.postMessage({ kind: 'exit' } satisfies ReaderCommand);
  };
}

/** How many reader threads are running (idle or reading). */
export function sheetReaderCount(): number {
  return running;
}
