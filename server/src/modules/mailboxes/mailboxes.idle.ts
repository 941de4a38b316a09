import type { ImapFlow } from 'imapflow';
import type { AppContext } from '../../platform/context.ts';
import { instanceId } from '../../platform/jobs.ts';
import { connectImap } from './mailboxes.imap.ts';
import * as repo from './mailboxes.repository.ts';
import { imapAccountOf } from './mailboxes.secrets.ts';
import { syncMailbox } from './mailboxes.sync.ts';

/** An IDLE connection's claim is refreshed every minute and taken over by another instance after three. */
const leaseMs = 3 * 60_000;

export function idleIsFresh(at: string | null | undefined): boolean {
  return Boolean(at) && Date.now() - new Date(at!).getTime() < leaseMs;
}

export type WatcherOptions = {
  /** Who holds the connections: this server instance unless told. */
  holder?: string;
  /** How often the mailboxes are looked at again (new, removed, changed) and the claims refreshed. */
  reconcileMs?: number;
  /** The first wait after a dropped connection; doubled each time, at most five minutes. */
  retryMs?: number;
  onError?: (mailboxId: number, error: unknown) => void;
};

type Watch = {
  signature: string;
  client: ImapFlow | null;
  stopped: boolean;
  syncing: boolean;
  again: boolean;
  done: Promise<void>;
};

/**
 * Keeps one IMAP connection idling on the inbox of each mailbox whose server offers IDLE, and syncs a
 * mailbox as soon as its server says a message arrived — so new mail shows without waiting for the
 * five-minute poll, which still runs for every mailbox (and is all a server without IDLE gets). Runs
 * beside the server, never on a request: at most one connection per mailbox across instances (a claim
 * on its row, refreshed while held), re-established after errors with a growing wait.
 */
export class MailboxWatcher {
  private readonly watches = new Map<number, Watch>();
  /** Mailboxes whose server does not offer IDLE: asked again when their settings change. */
  private readonly withoutIdle = new Map<number, string>();
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;
  private readonly holder: string;

  constructor(
    private readonly ctx: AppContext,
    private readonly options: WatcherOptions = {},
  ) {
    this.holder = options.holder ?? instanceId;
  }

  start(): void {
    const tick = () =>
      void this.reconcile()
        .catch((error) => this.options.onError?.(0, error))
        .finally(() => {
          if (!this.stopping) this.timer = setTimeout(tick, this.options.reconcileMs ?? 60_000);
          this.timer?.unref();
        });
    tick();
  }

  /** The mailboxes watched now (for tests and the mailbox list). */
  watching(): number[] {
    return [...this.watches.keys()];
  }

  async reconcile(): Promise<void> {
    const now = new Date();
    const staleBefore = new Date(now.getTime() - leaseMs).toISOString();
    const ids = new Set((await repo.allMailboxIds(this.ctx.db)).map((m) => m.id));
    for (const [id] of this.watches) if (!ids.has(id)) await this.unwatch(id);
    for (const id of ids) {
      if (this.stopping) return;
      const mailbox = await repo.findMailbox(this.ctx.db, id);
      if (!mailbox) continue;
      const signature = [
        mailbox.imapHost,
        mailbox.imapPort,
        mailbox.imapTls,
        mailbox.imapUser,
        mailbox.imapPasswordSealed,
      ].join('|');
      const current = this.watches.get(id);
      if (current && current.signature !== signature) await this.unwatch(id);
      if (this.withoutIdle.get(id) === signature) continue;
      if (!(await repo.claimIdle(this.ctx.db, id, this.holder, now.toISOString(), staleBefore))) {
        // Another instance holds it.
        if (this.watches.has(id)) await this.unwatch(id, false);
        continue;
      }
      if (!this.watches.has(id)) this.watch(id, signature);
    }
  }

  private watch(id: number, signature: string): void {
    const watch: Watch = {
      signature,
      client: null,
      stopped: false,
      syncing: false,
      again: false,
      done: Promise.resolve(),
    };
    this.watches.set(id, watch);
    watch.done = this.run(id, watch);
  }

  private async run(id: number, watch: Watch): Promise<void> {
    let wait = this.options.retryMs ?? 5_000;
    while (!watch.stopped) {
      try {
        const mailbox = await repo.findMailbox(this.ctx.db, id);
        if (!mailbox) break;
        const client = await connectImap(imapAccountOf(this.ctx, mailbox), { idle: true });
        watch.client = client;
        if (!client.capabilities.has('IDLE')) {
          // Polling only: the connection is not kept.
          this.withoutIdle.set(id, watch.signature);
          await client.logout().catch(() => client.close());
          watch.stopped = true;
          this.watches.delete(id);
          await repo.releaseIdle(this.ctx.db, id, this.holder);
          return;
        }
        const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
        client.on('exists', (event: { count: number; prevCount: number }) => {
          if (event.count > event.prevCount) this.syncSoon(id, watch);
        });
        await client.mailboxOpen('INBOX', { readOnly: true });
        wait = this.options.retryMs ?? 5_000;
        // Whatever came while the connection was down.
        this.syncSoon(id, watch);
        // IDLE now; after each command (and every few minutes, maxIdleTime) imapflow enters it again by itself.
        void client.idle().catch(() => undefined);
        await closed;
      } catch (error) {
        if (!watch.stopped) this.options.onError?.(id, error);
      } finally {
        watch.client?.close();
        watch.client = null;
      }
      if (watch.stopped) break;
      await new Promise((resolve) => setTimeout(resolve, wait).unref());
      wait = Math.min(wait * 2, 5 * 60_000);
    }
  }

  /** Syncs now; a message arriving during a sync (or while another instance syncs) brings one more round. */
  private syncSoon(id: number, watch: Watch): void {
    if (watch.syncing) {
      watch.again = true;
      return;
    }
    watch.syncing = true;
    void (async () => {
      try {
        do {
          watch.again = false;
          const result = await syncMailbox(this.ctx, id);
          if (!result.ran && !watch.stopped) {
            await new Promise((resolve) => setTimeout(resolve, 2_000).unref());
            watch.again = true;
          }
        } while (watch.again && !watch.stopped);
      } catch (error) {
        this.options.onError?.(id, error);
      } finally {
        watch.syncing = false;
      }
    })();
  }

  private async unwatch(id: number, release = true): Promise<void> {
    const watch = this.watches.get(id);
    if (!watch) return;
    watch.stopped = true;
    this.watches.delete(id);
    await watch.client?.logout().catch(() => watch.client?.close());
    watch.client?.close();
    if (release) await repo.releaseIdle(this.ctx.db, id, this.holder).catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    for (const id of [...this.watches.keys()]) await this.unwatch(id);
  }
}
