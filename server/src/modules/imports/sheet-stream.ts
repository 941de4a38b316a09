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

/**
 * The bytes to move to the reading thread: the caller's own when it gives them up (`take`) and they
 * fill their memory alone (an uploaded file does), otherwise a copy. An upload held by the server
 * for the length of its import would cost its size again beside the thread's.
 */
function ownBytes(content: Buffer, take: boolean): Uint8Array {
  const whole = content.byteOffset === 0 && content.byteLength === content.buffer.byteLength && content.buffer instanceof ArrayBuffer;
  return take && whole ? new Uint8Array(content.buffer) : new Uint8Array(content);
}

/**
 * Reads a spreadsheet in a reader thread (one kept warm, see sheet-readers.ts), so that unzipping and parsing a large file neither holds the
 * server's requests nor waits for the database: rows arrive (checked, if asked) while earlier ones are
 * being written.
 * Rejects when the file cannot be read at all. With `take`, the caller gives up `content`: it is moved,
 * not copied, and left empty.
 */
export function openSheet(content: Buffer, format: SpreadsheetFormat, { take = false }: { take?: boolean } = {}): Promise<SheetStream> {
  const queue: Message[] = [];
  let wake: (() => void) | null = null;
  // Set once the reader has said its last word about this file (or is told to stop): it then finishes by itself.
  let finished = false;
  const push = (message: Message) => {
    if ('end' in message || 'error' in message) finished = true;
    queue.push(message);
    wake?.();
    wake = null;
  };
  const leased = leaseReader(ownBytes(content, take), format, (message) => push(message as Message));
  const next = async (): Promise<Message> => {
    while (!queue.length) await new Promise<void>((resolve) => (wake = resolve));
    return queue.shift()!;
  };
  // Never worker.terminate(): see sheet-worker.ts.
  const stop = () => {
    if (finished) return;
    finished = true;
    void leased.then((reader) => reader.stop());
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
