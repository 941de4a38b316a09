import { parentPort, workerData } from 'node:worker_threads';
import { customerRowChecker } from './customer-rows.ts';
import type { RowCheck } from './row-check.ts';
import { readSheet } from './sheet-rows.ts';
import type { SpreadsheetFormat } from './spreadsheet-reader.ts';

// Runs in a worker thread: reads the uploaded file and posts its header, waits to be told to go on
// (and whether to check the rows as an import of a kind), then posts its rows in batches.
// It stops when asked ('stop') and always ends by itself: terminating a thread while it unzips can
// abort the whole process (Node asserts on a compression stream closed before it was set up).
const { content, format } = workerData as { content: Uint8Array; format: SpreadsheetFormat };
const port = parentPort!;
let stopped = false;
let go: ((check: RowCheck | null) => void) | null = null;
port.on('message', (message: 'stop' | { read: RowCheck | null }) => {
  if (message === 'stop') {
    stopped = true;
    go?.(null);
  } else go?.(message.read);
});

function toldToRead(): Promise<RowCheck | null> {
  if (stopped) return Promise.resolve(null);
  // Waiting for the word keeps the thread alive; once reading, listening must not (the thread ends with the file).
  port.ref();
  return new Promise((resolve) => (go = resolve)).finally(() => port.unref()) as Promise<RowCheck | null>;
}

try {
  const parts = readSheet(Buffer.from(content.buffer, content.byteOffset, content.byteLength), format);
  const header = await parts.next();
  if (!header.done) port.postMessage(header.value);
  const check = header.done ? null : await toldToRead();
  const checkCustomers = check?.customers ? customerRowChecker(check.customers) : null;
  if (stopped) await parts.return(undefined);
  else {
    for await (const part of parts) {
      if (stopped) break;
      port.postMessage(checkCustomers && 'rows' in part ? { ...part, checked: checkCustomers(part.rows) } : part);
    }
  }
  if (!stopped) port.postMessage({ end: true });
} catch (error) {
  port.postMessage({ error: (error as Error).message ?? String(error) });
}
