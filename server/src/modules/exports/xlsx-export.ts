import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { startTsWorker } from '../../platform/ts-worker.ts';

type Message = { chunk: Uint8Array } | { written: true } | { done: true } | { error: string };

// Batches handed to the worker and not yet taken by its writer: enough to keep both threads busy.
const IN_FLIGHT = 2;

/**
 * An .xlsx export written by a worker thread (see xlsx-stream.ts): rows go in here, the file comes out
 * of `stream`. Adding rows waits while the worker is behind or the download is slow.
 */
export function createXlsxExport(sheetName: string, headers: string[]) {
  const stream = new PassThrough();
  const worker = startTsWorker(new URL('./xlsx-worker.ts', import.meta.url), { workerData: { sheetName, headers } });
  let inFlight = 0;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const signal = () => {
    wake?.();
    wake = null;
  };
  const finished = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: Message) => {
      if ('chunk' in message)
        stream.write(Buffer.from(message.chunk.buffer, message.chunk.byteOffset, message.chunk.byteLength));
      else if ('written' in message) inFlight--;
      else if ('done' in message) {
        stream.end();
        resolve();
      } else {
        failure = new Error(message.error);
        reject(failure);
      }
      signal();
    });
    worker.on('error', (error) => {
      failure = error;
      reject(error);
      signal();
    });
  });
  // A failure is reported by write or end; this keeps it from also counting as unhandled.
  finished.catch(() => undefined);

  const write = async (rows: string[][]) => {
    while (inFlight >= IN_FLIGHT && !failure) await new Promise<void>((resolve) => (wake = resolve));
    if (failure) throw failure;
    if (stream.writableNeedDrain && !stream.destroyed)
      await Promise.race([once(stream, 'drain'), once(stream, 'close')]);
    inFlight++;
    worker.postMessage({ rows });
  };
  // Ending lets the worker finish by itself, also when the download was abandoned.
  const end = async () => {
    worker.postMessage({ end: true });
    await finished;
  };
  return { stream, write, end };
}
