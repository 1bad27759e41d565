// Starts an express app on 127.0.0.1 (port 0 = a free port) and gives back its URL and a close()
// that also ends kept-alive connections, so jest suites finish cleanly.
import type { Express } from 'express';
import type { AddressInfo } from 'node:net';
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
