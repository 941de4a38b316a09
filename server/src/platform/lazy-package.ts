import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A package loaded the first time it is used instead of when the server starts. For the packages a
 * server may never need (the PostgreSQL driver on SQLite, mail, captcha, HTML cleaning): each costs
 * an idle server several megabytes of memory. The package must be loadable with require (CommonJS).
 */
export function lazyPackage<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
