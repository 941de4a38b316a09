import { LRUCache } from 'lru-cache';
import type { Kysely } from 'kysely';
import type { Dialect } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { tableVersions } from './data-versions.ts';

export type VersionedCacheOptions = {
  /** Answers kept, at most. */
  max: number;
  /** Their summed size (JSON characters), at most. */
  maxSize: number;
  /** How long an answer is kept at most, whatever the versions say. */
  ttlMs: number;
};

/**
 * Answers kept for as long as the tables they were computed from are unchanged: each is filed under its
 * question and the tables' versions, read from the database on every ask (one indexed read), so a write
 * on any instance makes the next ask compute afresh. Asks for the same answer while it is being computed
 * wait for that one computation. The answers handed out are shared: callers must not change them.
 */
export class VersionedCache<T extends object> {
  private readonly answers: LRUCache<string, T>;
  private readonly pending = new Map<string, Promise<T>>();
  hits = 0;
  misses = 0;

  constructor(options: VersionedCacheOptions) {
    this.answers = new LRUCache<string, T>({
      max: options.max,
      maxSize: options.maxSize,
      ttl: options.ttlMs,
      sizeCalculation: (answer) => Math.max(1, JSON.stringify(answer).length),
    });
  }

  async get(
    db: Kysely<DB>,
    dialect: Dialect,
    tables: readonly string[],
    question: string,
    compute: () => Promise<T>,
  ): Promise<T> {
    const key = `${question}\u0000${await tableVersions(db, dialect, tables)}`;
    const kept = this.answers.get(key);
    if (kept) {
      this.hits += 1;
      return kept;
    }
    const running = this.pending.get(key);
    if (running) return running;
    this.misses += 1;
    const computing = compute().then(
      (answer) => {
        this.pending.delete(key);
        this.answers.set(key, answer);
        return answer;
      },
      (error: unknown) => {
        this.pending.delete(key);
        throw error;
      },
    );
    this.pending.set(key, computing);
    return computing;
  }

  clear(): void {
    this.answers.clear();
  }
}
