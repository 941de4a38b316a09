/**
 * The one server-sent events stream a signed-in browser holds (/api/v1/notifications/stream): the bell's
 * unread count and whatever the server pushes to the user (a ringing call's screen pop). Each listener
 * subscribes to an event name; the stream opens with the first listener and closes with the last.
 */
const streamUrl = '/api/v1/notifications/stream';
type Listener = (data: unknown) => void;

let source: EventSource | null = null;
const listeners = new Map<string, Set<Listener>>();

function attach(name: string) {
  source?.addEventListener(name, (event) => {
    const data: unknown = JSON.parse((event as MessageEvent<string>).data);
    for (const listener of listeners.get(name) ?? []) listener(data);
  });
}

export function onLiveEvent(name: string, listener: Listener): () => void {
  if (typeof EventSource === 'undefined') return () => undefined;
  let set = listeners.get(name);
  if (!set) {
    listeners.set(name, (set = new Set()));
    attach(name);
  }
  set.add(listener);
  if (!source) {
    source = new EventSource(streamUrl);
    for (const known of listeners.keys()) attach(known);
  }
  return () => {
    set.delete(listener);
    if ([...listeners.values()].every((s) => !s.size)) {
      source?.close();
      source = null;
      listeners.clear();
    }
  };
}
