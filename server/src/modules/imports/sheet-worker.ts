import { parentPort } from 'node:worker_threads';
import type { RowCheck } from './row-check.ts';
import { readSheet, type SheetInput } from './sheet-rows.ts';
import type { SpreadsheetFormat } from './spreadsheet-reader.ts';
import type { ReaderCommand } from './sheet-readers.ts';

// Runs in a reader thread that stays warm between files (see sheet-readers.ts). For each file it is
// given, it posts the header, waits to be told to go on (and whether to check the rows as an import of
// a kind), posts the rows in batches, then says it is idle again.
// It stops reading when asked ('stop') and is only ever asked to end while idle: terminating a thread
// while it unzips can abort the whole process (Node asserts on a compression stream closed before it
// was set up).
type File = { id: number; input: SheetInput; format: SpreadsheetFormat };

const port = parentPort!;
// Under the TypeScript loader (npm run dev, tests) loading the row checks and SheetJS takes seconds,
// which the first import would wait for: a thread loads them as soon as it starts. From the build they
// take a third of a second each and are loaded when a file first needs them, so that an idle thread
// stays small.
if (!import.meta.url.endsWith('.js')) void Promise.all([import('./customer-rows.ts'), import('@e965/xlsx')]);
/**
 * Batches posted and not yet taken by the server. The reader waits when this many are ahead: reading
 * runs faster than writing, and unchecked it would hold the whole file's rows in memory (3 GB of a
 * 1 000 000-row import).
 */
const maxAhead = 4;
let ahead = 0;
let caughtUp: (() => void) | null = null;
let current: File | null = null;
let stopped = false;
let go: ((check: RowCheck | null) => void) | null = null;
let nextFile: ((file: File) => void) | null = null;

port.on('message', (command: ReaderCommand) => {
  if (command.kind === 'exit') port.close();
  else if (command.kind === 'open') {
    current = command;
    stopped = false;
    nextFile?.(command);
  } else if (command.id !== current?.id) {
    // A word about a file this thread has finished with.
  } else if (command.kind === 'stop') {
    stopped = true;
    go?.(null);
    caughtUp?.();
  } else if (command.kind === 'taken') {
    ahead = Math.max(0, ahead - 1);
    caughtUp?.();
  } else go?.(command.check);
});

function toldToRead(): Promise<RowCheck | null> {
  if (stopped) return Promise.resolve(null);
  return new Promise<RowCheck | null>((resolve) => (go = resolve)).finally(() => (go = null));
}

async function readFile({ input, format }: File): Promise<void> {
  ahead = 0;
  try {
    const parts = readSheet(input, format);
    const header = await parts.next();
    if (!header.done) port.postMessage(header.value);
    const check = header.done ? null : await toldToRead();
    // The row checks (validation schemas, search text) are loaded the first time an import asks for
    // them, so that a fresh thread is quick to read a preview.
    const checkCustomers = check?.customers
      ? (await import('./customer-rows.ts')).customerRowChecker(check.customers)
      : null;
    if (stopped) await parts.return(undefined);
    else {
      for await (const part of parts) {
        while (ahead >= maxAhead && !stopped)
          await new Promise<void>((resolve) => (caughtUp = resolve)).finally(() => (caughtUp = null));
        if (stopped) break;
        port.postMessage(
          checkCustomers && 'rows' in part
            ? {
                numbers: part.numbers,
                rows: check!.customers!.keepCells ? part.rows : [],
                checked: checkCustomers(part.rows),
              }
            : part,
        );
        if ('rows' in part) ahead++;
      }
    }
    if (!stopped) port.postMessage({ end: true });
  } catch (error) {
    port.postMessage({ error: (error as Error).message ?? String(error) });
  }
}

for (;;) {
  const file = current ?? (await new Promise<File>((resolve) => (nextFile = resolve)));
  nextFile = null;
  await readFile(file);
  current = null;
  port.postMessage({ idle: true });
}
