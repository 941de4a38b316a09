import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

// A worker runs TypeScript like the rest of the server: it registers the TypeScript loader, then loads
// its module (a worker's own execArgv loader would not apply to its entry module).
// (The "import" target of the package's ./esm/api export; resolving it by name would give the "require" one.)
const tsxApi = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;

/** Starts a worker thread on a TypeScript module. */
export function startTsWorker(module: URL, options: Pick<WorkerOptions, 'workerData' | 'transferList'>): Worker {
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(module.href)}); })`;
  return new Worker(bootstrap, { eval: true, ...options });
}
