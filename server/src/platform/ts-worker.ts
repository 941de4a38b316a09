import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

// Under tsx a worker runs TypeScript like the rest of the server: it registers the TypeScript loader,
// then loads its module (a worker's own execArgv loader would not apply to its entry module).
// From the build (scripts/build-server.mjs) this module is part of a bundle in server/dist, where each
// worker module is a bundle of its own beside it: `new URL('./name.ts', import.meta.url)` there names
// server/dist/name.ts, and server/dist/name.js is what runs.
const compiled = import.meta.url.endsWith('.js');

// (The "import" target of the package's ./esm/api export; resolving it by name would give the "require" one.)
const tsxApi = () =>
  pathToFileURL(
    path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs'),
  ).href;

/** Starts a worker thread on a TypeScript module (or on its build). */
export function startTsWorker(
  module: URL,
  options: Pick<WorkerOptions, 'workerData' | 'transferList' | 'resourceLimits'>,
): Worker {
  if (compiled) return new Worker(new URL(module.href.replace(/\.ts$/, '.js')), options);
  const bootstrap = `import(${JSON.stringify(tsxApi())}).then(({ register }) => { register(); return import(${JSON.stringify(module.href)}); })`;
  return new Worker(bootstrap, { eval: true, ...options });
}
