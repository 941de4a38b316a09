import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type Handshake, SocketConnection } from './socket-connection.ts';

/** A line protocol: the server says "hello", the client answers "login <word>", the server "ok" or "no". */
function fakeServer(password: string) {
  const sockets: Socket[] = [];
  const received: string[] = [];
  const server: Server = createServer((socket) => {
    sockets.push(socket);
    socket.write('hello\n');
    socket.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        received.push(line);
        if (line.startsWith('login ')) socket.write(line === `login ${password}` ? 'ok\n' : 'no\n');
      }
    });
  });
  return {
    sockets,
    received,
    listen: () =>
      new Promise<number>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
      ),
    dropAll: () => sockets.forEach((s) => s.destroy()),
    close: () => {
      sockets.forEach((s) => s.destroy());
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A line framing over the shared connection: whole lines only, the rest kept for the next read. */
function lineClient(port: number, password: string, lines: string[], closes: { count: number }) {
  let connection: SocketConnection;
  const session = (handshake: Handshake) => ({
    read: (buffer: Buffer) => {
      const end = buffer.lastIndexOf('\n');
      if (end < 0) return buffer;
      for (const line of buffer.subarray(0, end).toString('utf8').split('\n')) {
        lines.push(line);
        if (line === 'hello') connection.write(`login ${password}\n`);
        else if (line === 'ok') handshake.ready();
        else if (line === 'no') handshake.fail(new Error('refused'));
      }
      return buffer.subarray(end + 1);
    },
    closed: () => void closes.count++,
  });
  connection = new SocketConnection({ host: '127.0.0.1', port }, session, 50);
  return connection;
}

describe('the shared PBX socket connection', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0)) await step();
  });

  it('starts once the handshake is done, reports its status and reconnects after a drop until stopped', async () => {
    const server = fakeServer('secret');
    const port = await server.listen();
    cleanup.push(server.close);
    const lines: string[] = [];
    const closes = { count: 0 };
    const statuses: string[] = [];
    const connection = lineClient(port, 'secret', lines, closes);
    connection.onStatus = (status) => statuses.push(status);
    await connection.start();
    expect(connection.connected).toBe(true);
    expect(statuses).toEqual(['connected']);
    expect(server.received).toEqual(['login secret']);

    server.dropAll();
    await expect.poll(() => server.received.length).toBe(2);
    await expect.poll(() => statuses.length).toBe(2);
    expect(statuses).toEqual(['connected', 'connected']);
    expect(closes.count).toBe(1);

    await connection.stop(() => void connection.write('bye\n'));
    await expect.poll(() => server.received.at(-1)).toBe('bye');
    expect(connection.connected).toBe(false);
    // Stopped: no reconnection.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(server.received.filter((line) => line.startsWith('login'))).toHaveLength(2);
    expect(connection.write('late\n')).toBe(false);
  });

  it('rejects the start when the handshake fails, and does not try again', async () => {
    const server = fakeServer('secret');
    const port = await server.listen();
    cleanup.push(server.close);
    const statuses: string[] = [];
    const connection = lineClient(port, 'wrong', [], { count: 0 });
    connection.onStatus = (status) => statuses.push(status);
    await expect(connection.start()).rejects.toThrow('refused');
    expect(statuses).toEqual(['refused']);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(server.received).toEqual(['login wrong']);
  });

  it('rejects the start when nothing listens', async () => {
    const server = fakeServer('secret');
    const port = await server.listen();
    await server.close();
    const connection = lineClient(port, 'secret', [], { count: 0 });
    await expect(connection.start()).rejects.toThrow(/ECONNREFUSED/);
  });
});
