import { startTsWorker } from '../../platform/ts-worker.ts';
import type { CheckedBatch, RowCheck } from './row-check.ts';
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

/**
 * Reads a spreadsheet in a worker thread, so that unzipping and parsing a large file neither holds the
 * server's requests nor waits for the database: rows arrive (checked, if asked) while earlier ones are
 * being written.
 * Rejects when the file cannot be read at all.
 */
export function openSheet(content: Buffer, format: SpreadsheetFormat): Promise<SheetStream> {
  const copy = new Uint8Array(content);
  const worker = startTsWorker(new URL('./sheet-worker.ts', import.meta.url), { workerData: { content: copy, format }, transferList: [copy.buffer] });
  const queue: Message[] = [];
  let wake: (() => void) | null = null;
  // Set once the worker has said its last word (or is told to stop): it then ends by itself.
  let finished = false;
  const push = (message: Message) => {
    if ('end' in message || 'error' in message) finished = true;
    queue.push(message);
    wake?.();
    wake = null;
  };
  worker.on('message', push);
  worker.on('error', (error) => push({ error: error.message }));
  worker.on('exit', () => push({ end: true }));
  const next = async (): Promise<Message> => {
    while (!queue.length) await new Promise<void>((resolve) => (wake = resolve));
    return queue.shift()!;
  };
  // Never worker.terminate(): see sheet-worker.ts.
  const stop = () => {
    if (finished) return;
    finished = true;
    worker.postMessage('stop');
  };

  async function* batches(): AsyncGenerator<CheckedBatch> {
    try {
      for (;;) {
        const message = await next();
        if ('error' in message) throw new Error(message.error);
        if ('end' in message) return;
        if ('rows' in message) yield message;
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
      worker.postMessage({ read: check ?? null });
      return batches();
    };
    return { headers: first.headers, read, stop };
  })();
}
