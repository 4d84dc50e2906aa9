import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A throwaway HTTP server on 127.0.0.1 for fault-injection tests. */
export interface Loopback {
  readonly origin: string;
  /** Requests received, by path. */
  readonly hits: Map<string, number>;
  /** The most requests the server was handling at once. */
  readonly peak: () => number;
  close(): Promise<void>;
}

export async function startLoopback(handler: (request: http.IncomingMessage, response: http.ServerResponse) => void): Promise<Loopback> {
  const hits = new Map<string, number>();
  let active = 0;
  let peak = 0;
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((request, response) => {
    hits.set(request.url ?? '', (hits.get(request.url ?? '') ?? 0) + 1);
    active++;
    peak = Math.max(peak, active);
    response.on('close', () => active--);
    handler(request, response);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    peak: () => peak,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy(); // hanging and dripping responses too
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on: take one, then close it. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
