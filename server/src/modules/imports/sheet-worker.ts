import { parentPort, workerData } from 'node:worker_threads';
import { readSheet } from './sheet-rows.ts';
import type { SpreadsheetFormat } from './spreadsheet-reader.ts';

// Runs in a worker thread: reads the uploaded file and posts its header, then its rows in batches.
const { content, format } = workerData as { content: Uint8Array; format: SpreadsheetFormat };
try {
  for await (const part of readSheet(Buffer.from(content.buffer, content.byteOffset, content.byteLength), format)) parentPort!.postMessage(part);
  parentPort!.postMessage({ end: true });
} catch (error) {
  parentPort!.postMessage({ error: (error as Error).message ?? String(error) });
}
