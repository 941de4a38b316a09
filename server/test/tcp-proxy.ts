import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { freePort } from './ports.ts';

/**
 * A TCP relay on a local port to a database server, which a test can take down and bring back: down, it
 * cuts every open connection and refuses new ones, as a server that stopped would.
 */
export type TcpProxy = {
  port: number;
  /** Cuts the open connections and stops listening. */
  down: () => Promise<void>;
  /** Listens again on the same port (nothing when it listens already). */
  up: () => Promise<void>;
  /** Connections relayed so far. */
  connections: () => number;
};

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let relayed = 0;
  let server: Server | null = null;

  const relay = (client: Socket) => {
    relayed++;
    const upstream = createConnection(target);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  };

  const up = () =>
    new Promise<void>((resolve, reject) => {
      if (server) return resolve();
      const starting = createServer(relay);
      starting.once('error', reject);
      starting.listen(port, '127.0.0.1', () => {
        server = starting;
        resolve();
      });
    });

  const down = async () => {
    for (const socket of sockets) socket.destroy();
    const listening = server;
    server = null;
    if (listening) await new Promise<void>((resolve) => listening.close(() => resolve()));
  };

  await up();
  return { port, down, up, connections: () => relayed };
}

/** The URL `url` with its host and port replaced by the proxy's. */
export function throughProxy(url: string, proxy: TcpProxy): string {
  const proxied = new URL(url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
  return proxied.toString();
}
