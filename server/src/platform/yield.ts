/**
 * Lets the server answer other requests. SQLite's calls never wait on I/O, so a loop of them runs in
 * microtasks alone and would hold every other request (and timer) until it ends; this waits for the
 * event loop's next turn.
 */
export function yieldToOtherWork(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
