import type { AppContext } from '../../platform/context.ts';
import { isStopping } from '../../platform/lifecycle.ts';
import { pendingMigrations, pingDatabase } from './health.repository.ts';

export type Readiness =
  { status: 'ready' } | { status: 'unavailable'; reason: 'stopping' | 'database' | 'migrations'; pending?: string[] };

/**
 * Whether this instance should be sent requests: it is not stopping, its database answers and holds
 * every migration this version knows (an instance of a newer version waits for `npm run migrate`).
 */
export async function readiness(ctx: AppContext): Promise<Readiness> {
  if (isStopping(ctx.db)) return { status: 'unavailable', reason: 'stopping' };
  try {
    await pingDatabase(ctx.db);
  } catch {
    return { status: 'unavailable', reason: 'database' };
  }
  const pending = await pendingMigrations(ctx.db).catch(() => null);
  if (!pending) return { status: 'unavailable', reason: 'database' };
  if (pending.length) return { status: 'unavailable', reason: 'migrations', pending };
  return { status: 'ready' };
}
