// Serving a simulator: an express app on 127.0.0.1 (port 0 = a free port) with its URL and a close()
// that also ends kept-alive connections, so jest suites finish cleanly; a server that can go down
// (connections refused) for a while and come back on the same port; a response cut mid-body.
import { once } from 'node:events';
import type { Express } from 'express';
import type { AddressInfo, Socket } from 'node:net';
import type { Server } from 'node:http';

export async function listenLoopback(app: Express, port = 0): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    server,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** Answers with a half-written body, then cuts the TCP connection (failure injection). */
export function dropMidResponse(res: import('express').Response, contentType: string, partial: string): void {
  res.writeHead(200, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(partial) * 4) });
  res.write(partial);
  setTimeout(() => res.socket?.destroy(), 10);
}

export interface ReopenableServer {
  readonly host: string;
  /** The port actually bound (kept across outages). */
  readonly port: number;
  /** Stops listening and destroys every open connection for `ms`, then listens again on the same port. */
  downFor(ms: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Listens on host:port (0 = a free port, then kept). `onListening` runs after every (re)start, for
 * servers that attach to the socket (node-soap).
 */
export async function listenReopenable(app: Express, options: { host: string; port?: number; onListening?(server: Server): void }): Promise<ReopenableServer> {
  const { host } = options;
  const sockets = new Set<Socket>();
  let server: Server;
  let port = options.port ?? 0;
  let reopen: NodeJS.Timeout | undefined;
  async function listen(): Promise<void> {
    server = app.listen(port, host);
    server.on('connection', (s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
    options.onListening?.(server);
  }
  async function stopListening(): Promise<void> {
    const closed = new Promise((r) => server.close(() => r(undefined)));
    for (const s of sockets) s.destroy();
    await closed;
  }
  await listen();
  return {
    host,
    get port() {
      return port;
    },
    async downFor(ms) {
      await stopListening();
      reopen = setTimeout(() => void listen(), ms);
    },
    async close() {
      if (reopen) clearTimeout(reopen);
      if (server.listening) await stopListening();
    },
  };
}
