// Builds the server into server/dist as plain JavaScript (esbuild, the compiler tsx itself runs on), so
// that `npm start`, the CLI and the benchmarks run it without loading TypeScript at run time: the
// loader and its transformed sources cost the idle server about 100 MB of its memory.
// `node scripts/build-server.mjs` builds; imported, `ensureServerBuilt()` builds only when server/dist is
// missing or older than its sources.
//
// One bundle per entry point, all side by side in server/dist: main.js (the server), cli.js (`relate
// migrate|backup|restore|…`) and one file per worker thread, with the chunks they share. A worker is started as
// `startTsWorker(new URL('./name.ts', import.meta.url))`; from the build, where import.meta.url is the
// bundle's, that names server/dist/name.ts, and startTsWorker runs server/dist/name.js instead (see
// server/src/platform/ts-worker.ts). The workers are found by that pattern in the sources.
// Packages stay outside the bundles (native modules among them) and load from node_modules as before,
// except the workspace's own @relate/common, which is TypeScript and is bundled.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const serverSrc = path.join(root, 'server/src');
export const serverDist = path.join(root, 'server/dist');
export const serverMain = path.join(serverDist, 'main.js');
export const serverCli = path.join(serverDist, 'cli.js');

/**
 * V8 options for the server process (and its worker threads, which share V8's options):
 * - the heap grows by at most 30 % over what survived the last full collection (V8 otherwise lets it
 *   grow up to fourfold: a 1 000 000-row import let garbage grow to about 1.1 GB);
 * - young-generation semi-spaces of 8 MB instead of 16;
 * - a ceiling of 1 GB per thread, which only a runaway reaches (a hard limit near what the server
 *   holds would stop large work outright: reading a 50 MB CSV takes its thread about 500 MB).
 * An operator's own NODE_OPTIONS for any of these wins.
 */
export function serverNodeOptions(env = process.env) {
  const own = env.NODE_OPTIONS ?? '';
  return [
    ['--max-old-space-size', '--max-old-space-size=1024'],
    ['--heap-growing-percent', '--heap-growing-percent=30'],
    ['--max-semi-space-size', '--max-semi-space-size=8'],
  ]
    .filter(([name]) => !own.includes(name))
    .map(([, option]) => option);
}

function sourceFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) files.push(full);
  }
  return files;
}

function newestMtime(files) {
  return files.reduce((newest, file) => Math.max(newest, statSync(file).mtimeMs), 0);
}

/** What the build is made from: the server's and common's sources, this script and the package manifests. */
function inputs() {
  return [
    ...sourceFiles(serverSrc),
    ...sourceFiles(path.join(root, 'common/src')),
    fileURLToPath(import.meta.url),
    path.join(root, 'package.json'),
    path.join(root, 'server/package.json'),
  ];
}

/** Whether server/dist is missing or older than any of its sources. */
export function serverBuildIsStale() {
  return !existsSync(serverMain) || newestMtime(inputs()) > statSync(serverMain).mtimeMs;
}

const workerPattern = /startTsWorker\(\s*new URL\(\s*'(\.\.?\/[^']+\.ts)'\s*,\s*import\.meta\.url\s*\)/g;

/** The worker modules the server starts, by the name their bundle gets. */
export function workerEntries() {
  const entries = new Map();
  for (const file of sourceFiles(serverSrc)) {
    for (const match of readFileSync(file, 'utf8').matchAll(workerPattern)) {
      const worker = path.resolve(path.dirname(file), match[1]);
      const name = path.basename(worker, '.ts');
      if (entries.has(name) && entries.get(name) !== worker)
        throw new Error(`Two worker modules are named ${name}: ${entries.get(name)} and ${worker}`);
      entries.set(name, worker);
    }
  }
  return entries;
}

// esbuild as tsx (a dependency of the server) brings it: the same compiler the server runs on under tsx.
function loadEsbuild() {
  const fromTsx = createRequire(createRequire(path.join(root, 'server/package.json')).resolve('tsx/package.json'));
  return fromTsx('esbuild');
}

/** Builds server/dist (into a fresh folder, put in place whole once built). */
export async function buildServer({ quiet = false } = {}) {
  const esbuild = loadEsbuild();
  const started = Date.now();
  const entryPoints = { main: path.join(serverSrc, 'main.ts'), cli: path.join(serverSrc, 'cli.ts') };
  for (const [name, file] of workerEntries()) entryPoints[name] = file;
  const temporary = `${serverDist}.${process.pid}.tmp`;
  rmSync(temporary, { recursive: true, force: true });
  mkdirSync(temporary, { recursive: true });
  const common = path.join(root, 'common/src/index.ts');
  const commonReportChart = path.join(root, 'common/src/report-chart/index.ts');
  try {
    await esbuild.build({
      entryPoints,
      outdir: temporary,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      // Modules loaded with import() become chunks of their own, loaded when first asked for (a reader
      // thread loads its row checks only for an import). Chunks sit beside the entry points, so that
      // a path relative to import.meta.url means the same in any of them.
      splitting: true,
      chunkNames: 'chunk-[hash]',
      sourcemap: 'linked',
      logLevel: quiet ? 'error' : 'warning',
      plugins: [
        {
          name: 'relate-common',
          setup(build) {
            build.onResolve({ filter: /^@relate\/common$/ }, () => ({ path: common }));
            // Its chart module (a subpath of its own, for the report PDFs) is TypeScript too.
            build.onResolve({ filter: /^@relate\/common\/report-chart$/ }, () => ({ path: commonReportChart }));
          },
        },
      ],
    });
    rmSync(serverDist, { recursive: true, force: true });
    renameSync(temporary, serverDist);
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    // Another process building at the same moment has put its build in place: that one is as good.
    if (error?.code === 'ENOTEMPTY' || error?.code === 'EEXIST') {
      if (existsSync(serverMain)) return;
    }
    throw error;
  }
  if (!quiet)
    console.log(
      `Built the server into ${path.relative(process.cwd(), serverDist) || serverDist} in ${Date.now() - started} ms.`,
    );
}

/** Builds the server when server/dist is missing or older than its sources. */
export async function ensureServerBuilt(options = {}) {
  if (serverBuildIsStale()) await buildServer(options);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildServer();
}
