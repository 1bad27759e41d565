// A tiny stand-in for the hub's HR-tool routes, for simulator tests: records every request as
// received (method, path, query, headers, raw body) and answers with whatever the test scripts.
// It does no crypto itself; tests verify and decrypt with ./hr-tool-crypto.
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCallback {
  tool: string;
  tenantId: string;
  method: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  at: number;
}

export interface ScriptedAnswer {
  status?: number;
  body?: string;
  contentType?: string;
  delayMs?: number;
}

export type Answerer = (r: ReceivedCallback, n: number) => ScriptedAnswer | Promise<ScriptedAnswer>;

export async function startHrToolReceiver() {
  const received: ReceivedCallback[] = [];
  const answerers: Record<string, Answerer> = {};
  const app = express();
  app.use(express.raw({ type: () => true, limit: '1mb' }));
  app.all('/webhooks/:tool/:tenantId', async (req, res) => {
    const r: ReceivedCallback = {
      tool: String(req.params.tool), tenantId: String(req.params.tenantId), method: req.method,
      query: Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, String(v)])),
      headers: req.headers, body: Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '', at: Date.now(),
    };
    received.push(r);
    const fallback: Answerer = () => ({ status: 200, body: '{}', contentType: 'application/json' });
    const answer = await (answerers[r.tool] ?? fallback)(r, received.filter((x) => x.tool === r.tool).length);
    if (answer.delayMs) await new Promise((x) => setTimeout(x, answer.delayMs));
    if (res.socket?.destroyed) return;
    res.status(answer.status ?? 200);
    if (answer.contentType) res.type(answer.contentType);
    res.send(answer.body ?? '');
  });
  const server: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    of: (tool: string) => received.filter((r) => r.tool === tool),
    answer(tool: string, fn: Answerer) { answerers[tool] = fn; },
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}

export type HrToolReceiver = Awaited<ReturnType<typeof startHrToolReceiver>>;
