import { parentPort, workerData } from 'node:worker_threads';
import { readSheet } from './sheet-rows.ts';
import type { SpreadsheetFormat } from './spreadsheet-reader.ts';

// Runs in a worker thread: reads the uploaded file and posts its header, then its rows in batches.
// It stops when asked ('stop') and always ends by itself: terminating a thread while it unzips can
// abort the whole process (Node asserts on a compression stream closed before it was set up).
const { content, format } = workerData as { content: Uint8Array; format: SpreadsheetFormat };
const port = parentPort!;
let stopped = false;
port.on('message', (message) => {
  if (message === 'stop') stopped = true;
});
// Listening must not keep the thread alive once the file is read.
port.unref();
try {
  for await (const part of readSheet(Buffer.from(content.buffer, content.byteOffset, content.byteLength), format)) {
    if (stopped) break;
    port.postMessage(part);
  }
  if (!stopped) port.postMessage({ end: true });
} catch (error) {
  port.postMessage({ error: (error as Error).message ?? String(error) });
}
