import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { amiBlock, parseAmiBlocks } from '../src/modules/cti/adapters/ami.ts';

/** A fake Asterisk: the banner, Login checked, every action recorded and answered with Success. */
export function fakeAsterisk(secret: string) {
  const actions: Array<Record<string, string>> = [];
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => {
    sockets.push(socket);
    socket.setEncoding('utf8');
    socket.write('Asterisk Call Manager/5.0.1\r\n');
    let buffer = '';
    socket.on('data', (chunk: string) => {
      const { messages, rest } = parseAmiBlocks(buffer + chunk);
      buffer = rest;
      for (const m of messages) {
        actions.push(m);
        if (m.Action === 'Login' && m.Secret !== secret)
          socket.write(amiBlock({ Response: 'Error', ActionID: m.ActionID!, Message: 'Authentication failed' }));
        else socket.write(amiBlock({ Response: 'Success', ActionID: m.ActionID!, Message: 'OK' }));
      }
    });
  });
  return {
    actions,
    listen: () =>
      new Promise<number>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
      ),
    /** Sends events to every connected manager session. */
    send: (events: Array<Record<string, string>>) => {
      for (const socket of sockets) for (const e of events) socket.write(amiBlock(e));
    },
    connected: () => sockets.some((s) => !s.destroyed) && actions.some((a) => a.Action === 'Login'),
    /** Manager sessions open now. */
    openSessions: () => sockets.filter((s) => !s.destroyed).length,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
