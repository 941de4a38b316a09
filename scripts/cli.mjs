// `npm run backup|restore|migrate`: runs the server's command line (server/dist/cli.js) from the build,
// building it first when it is missing or older than its sources (see build-server.mjs).
import { spawnSync } from 'node:child_process';
import { ensureServerBuilt, serverCli, serverNodeOptions } from './build-server.mjs';

await ensureServerBuilt({ quiet: true });
const result = spawnSync(process.execPath, [...serverNodeOptions(), serverCli, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
