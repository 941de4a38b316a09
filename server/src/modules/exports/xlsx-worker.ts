import { parentPort, workerData } from 'node:worker_threads';
import { createXlsxStream } from './xlsx-stream.ts';

// Runs in a worker thread: turns the rows it is sent into the workbook's bytes and sends those back,
// so that writing and encoding the sheet's XML runs beside the database reads of the next rows.
const { sheetName, headers } = workerData as { sheetName: string; headers: string[] };
const port = parentPort!;
const xlsx = createXlsxStream(sheetName, headers);
xlsx.stream.on('data', (chunk: Buffer) => port.postMessage({ chunk }));
xlsx.stream.on('end', () => {
  port.postMessage({ done: true });
  port.close();
});
xlsx.stream.on('error', (error) => port.postMessage({ error: error.message }));

// Batches are written one after another, each acknowledged once the writer has taken it.
let queue = Promise.resolve();
port.on('message', (message: { rows: string[][] } | { end: true }) => {
  queue = queue
    .then(async () => {
      if ('rows' in message) {
        await xlsx.write(message.rows);
        port.postMessage({ written: true });
      } else await xlsx.end();
    })
    .catch((error: Error) => port.postMessage({ error: error.message }));
});
