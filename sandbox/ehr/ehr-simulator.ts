// The EHR simulator: an HR system's REST API as sandbox/ehr/EHR-API.md describes it, written from
// that page (never from connectors/ehr-rest). It keeps workers and a log of committed writes,
// enforces its own validation and auth, and can be told to fail: down (refused or 503) for a
// while, 500s, 429 + Retry-After, slow answers. Used by jest (startEhrSimulator) and `npm run dev`.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { listenReopenable } from '../sim-kit/http-listen';

export type EhrSimAuth =
  | { mode: 'api-key'; header?: string; key: string }
  | { mode: 'hmac'; keyId: string; secret: string }
  | { mode: 'oauth2'; clientId: string; clientSecret: string; tokenTtlSeconds?: number };

export interface EhrWorkerRecord {
  id: string;
  externalId: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  [field: string]: unknown;
}

/** One committed change, with the time it was committed (what the benchmark measures to). */
export interface EhrWriteLog {
  seq: number;
  op: 'create' | 'update';
  workerId: string;
  externalId: string;
  event: string | null;
  idempotencyKey: string | null;
  committedAt: string;
  committedAtMs: number;
}

export type EhrFailure =
  | { kind: 'down'; mode: 'refuse' | '503'; untilMs: number; retryAfterSeconds?: number }
  | { kind: 'status'; status: 500 | 502 | 503 | 429; remaining: number; retryAfterSeconds?: number };

export interface EhrSimulator {
  url: string;
  port: number;
  workers(): EhrWorkerRecord[];
  writes(): EhrWriteLog[];
  /** Requests seen per method and route, for asserting how the connector behaved. */
  requests(): { method: string; path: string; status: number }[];
  /** Refuses connections (or answers 503) for `ms`, then serves again. */
  down(ms: number, mode?: 'refuse' | '503', retryAfterSeconds?: number): Promise<void>;
  /** The next `count` requests to /v1 answer `status` (429 and 503 with Retry-After when given). */
  fail(status: 500 | 502 | 503 | 429, count: number, retryAfterSeconds?: number): void;
  /** Delays answers to writes: before the commit, or after it (the request is held with the record saved). */
  slow(ms: number, phase?: 'before-commit' | 'after-commit'): void;
  /** Forgets issued OAuth2 tokens, as a token expiry or key rotation would. */
  revokeTokens(): void;
  reset(): void;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{7,14}$/;
const EVENTS = new Set(['review_passed', 'onboarded', 'withdrawn']);
const MAX_SKEW_MS = 5 * 60_000;

interface IdempotencyEntry {
  bodyHash: string;
  done: boolean;
  status?: number;
  response?: unknown;
}

type RawRequest = Request & { rawBody?: string };

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function validate(body: Record<string, unknown>, partial: boolean): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  for (const field of ['externalId', 'name', 'jobCode']) {
    const value = body[field];
    if (value === undefined && partial) continue;
    if (typeof value !== 'string' || value.trim() === '') errors.push({ field, message: 'is required' });
  }
  if (body.mobile !== undefined && (typeof body.mobile !== 'string' || !E164.test(body.mobile))) {
    errors.push({ field: 'mobile', message: 'must be an E.164 phone number such as +8613800138000' });
  }
  if (body.event !== undefined && (typeof body.event !== 'string' || !EVENTS.has(body.event))) {
    errors.push({ field: 'event', message: 'must be review_passed, onboarded or withdrawn' });
  }
  return errors;
}

export async function startEhrSimulator(options: { auth: EhrSimAuth; port?: number; host?: string; /** Serve everything under this path, as behind a gateway (e.g. /api). */ basePath?: string }): Promise<EhrSimulator> {
  const host = options.host ?? '127.0.0.1';
  const auth = options.auth;
  let workers = new Map<string, EhrWorkerRecord>();
  let byExternalId = new Map<string, string>();
  let writes: EhrWriteLog[] = [];
  let requests: { method: string; path: string; status: number }[] = [];
  let idempotency = new Map<string, IdempotencyEntry>();
  let tokens = new Map<string, number>();
  let failure: EhrFailure | null = null;
  let slow: { ms: number; phase: 'before-commit' | 'after-commit' } | null = null;
  let nextId = 1;
  let seq = 0;

  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb', verify: (req, _res, buf) => ((req as RawRequest).rawBody = buf.toString('utf8')) }));
  app.use(express.urlencoded({ extended: false }));
  app.use((req, res, next) => {
    res.on('finish', () => requests.push({ method: req.method, path: req.path, status: res.statusCode }));
    next();
  });

  // ---- control API (dev and tests only) ----
  app.get('/_control/workers', (_req, res) => void res.json({ items: [...workers.values()] }));
  app.get('/_control/writes', (req, res) => {
    const externalId = typeof req.query.externalId === 'string' ? req.query.externalId : undefined;
    res.json({ items: writes.filter((w) => !externalId || w.externalId === externalId) });
  });
  app.post('/_control/down', (req, res) => {
    const seconds = Number(req.body?.seconds ?? 30);
    const mode = req.body?.mode === '503' ? '503' : 'refuse';
    // After the answer has left: a refused outage closes every socket, this one included.
    res.on('finish', () => void sim.down(seconds * 1000, mode, req.body?.retryAfterSeconds));
    res.json({ ok: true, seconds, mode });
  });
  app.post('/_control/fail', (req, res) => {
    sim.fail(Number(req.body?.status ?? 500) as 500, Number(req.body?.count ?? 1), req.body?.retryAfterSeconds);
    res.json({ ok: true });
  });
  app.post('/_control/slow', (req, res) => {
    sim.slow(Number(req.body?.ms ?? 0), req.body?.phase === 'after-commit' ? 'after-commit' : 'before-commit');
    res.json({ ok: true });
  });
  app.post('/_control/reset', (_req, res) => {
    sim.reset();
    res.json({ ok: true });
  });

  // ---- OAuth2 token endpoint (EHR-API.md § Authentication) ----
  app.post('/oauth/token', (req, res) => {
    if (auth.mode !== 'oauth2') return void res.status(404).json({ error: 'not_found' });
    const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
    const [clientId, clientSecret] = basic ? Buffer.from(basic[1]!, 'base64').toString('utf8').split(':') : [];
    if (req.body?.grant_type !== 'client_credentials') return void res.status(400).json({ error: 'unsupported_grant_type' });
    if (clientId !== auth.clientId || !clientSecret || !safeEqual(clientSecret, auth.clientSecret)) return void res.status(401).json({ error: 'invalid_client' });
    const token = randomBytes(24).toString('hex');
    const ttl = auth.tokenTtlSeconds ?? 3600;
    tokens.set(token, Date.now() + ttl * 1000);
    res.json({ access_token: token, token_type: 'Bearer', expires_in: ttl });
  });

  // ---- failure injection, then auth, in front of /v1 ----
  app.use('/v1', (_req, res, next) => {
    if (failure?.kind === 'down' && failure.mode === '503') {
      if (Date.now() < failure.untilMs) {
        if (failure.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(failure.retryAfterSeconds));
        return void res.status(503).json({ error: 'maintenance' });
      }
      failure = null;
    }
    if (failure?.kind === 'status' && failure.remaining > 0) {
      failure.remaining -= 1;
      const f = failure;
      if (f.remaining === 0) failure = null;
      if (f.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(f.retryAfterSeconds));
      return void res.status(f.status).json({ error: f.status === 429 ? 'too_many_requests' : 'internal_error' });
    }
    next();
  });
  app.use('/v1', (req: RawRequest, res: Response, next: NextFunction) => {
    const unauthorized = (message: string) => res.status(401).json({ error: 'unauthorized', message });
    if (auth.mode === 'api-key') {
      const given = req.header(auth.header ?? 'X-Api-Key');
      if (!given || !safeEqual(given, auth.key)) return void unauthorized('bad API key');
    } else if (auth.mode === 'hmac') {
      const keyId = req.header('X-HB-Key-Id');
      const timestamp = req.header('X-HB-Timestamp') ?? '';
      const signature = req.header('X-HB-Signature') ?? '';
      if (keyId !== auth.keyId) return void unauthorized('unknown key id');
      if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() - Number(timestamp)) > MAX_SKEW_MS) return void unauthorized('timestamp missing or more than 5 minutes off');
      const body = req.method === 'GET' ? '' : (req.rawBody ?? '');
      const expected = createHmac('sha256', auth.secret).update(`${req.method}\n${req.originalUrl}\n${timestamp}\n${sha256(body)}`, 'utf8').digest('hex');
      if (!safeEqual(signature, expected)) return void unauthorized('bad signature');
    } else {
      const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const expiresAt = bearer ? tokens.get(bearer) : undefined;
      if (!expiresAt || expiresAt < Date.now()) {
        res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
        return void unauthorized('token expired or unknown');
      }
    }
    next();
  });

  // ---- workers (EHR-API.md § Workers) ----
  app.get('/v1/workers', (req, res) => {
    const externalId = typeof req.query.externalId === 'string' ? req.query.externalId : undefined;
    const items = externalId ? [byExternalId.get(externalId)].filter((id): id is string => !!id).map((id) => workers.get(id)!) : [...workers.values()];
    res.json({ items });
  });

  function commit(op: 'create' | 'update', worker: EhrWorkerRecord, idempotencyKey: string | null): void {
    const now = Date.now();
    writes.push({ seq: ++seq, op, workerId: worker.id, externalId: worker.externalId, event: typeof worker.event === 'string' ? worker.event : null, idempotencyKey, committedAt: new Date(now).toISOString(), committedAtMs: now });
  }

  app.post('/v1/workers', async (req: RawRequest, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const key = req.header('Idempotency-Key') ?? null;
    const bodyHash = sha256(req.rawBody ?? '');
    if (key !== null) {
      if (key.length === 0 || key.length > 255) return void res.status(400).json({ error: 'bad_idempotency_key', message: 'Idempotency-Key must be 1–255 characters' });
      const seen = idempotency.get(key);
      if (seen) {
        if (seen.bodyHash !== bodyHash) return void res.status(422).json({ error: 'idempotency_key_reused', message: 'this Idempotency-Key was used with another body' });
        if (!seen.done) return void res.status(409).json({ error: 'idempotency_key_in_use' });
        res.setHeader('Idempotent-Replayed', 'true');
        return void res.status(seen.status!).json(seen.response);
      }
    }
    const errors = validate(body, false);
    if (errors.length > 0) return void res.status(422).json({ error: 'validation_failed', errors });
    const entry: IdempotencyEntry = { bodyHash, done: false };
    if (key !== null) idempotency.set(key, entry);
    try {
      if (slow?.phase === 'before-commit') await sleep(slow.ms);
      const externalId = body.externalId as string;
      const existing = byExternalId.get(externalId);
      let status: number;
      let response: unknown;
      if (existing) {
        status = 409;
        response = { error: 'duplicate_external_id', id: existing, message: `a worker with externalId ${externalId} exists` };
      } else {
        const now = new Date().toISOString();
        const worker: EhrWorkerRecord = { ...body, id: String(nextId++), externalId, version: 1, createdAt: now, updatedAt: now };
        workers.set(worker.id, worker);
        byExternalId.set(externalId, worker.id);
        commit('create', worker, key);
        status = 201;
        response = worker;
      }
      Object.assign(entry, { done: true, status, response });
      if (slow?.phase === 'after-commit') await sleep(slow.ms);
      res.status(status).json(response);
    } catch (err) {
      if (key !== null) idempotency.delete(key);
      throw err;
    }
  });

  app.put('/v1/workers/:id', async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const current = workers.get(String(req.params.id));
    if (!current) return void res.status(404).json({ error: 'not_found' });
    const errors = validate({ ...current, ...body }, false);
    if (body.externalId !== undefined && body.externalId !== current.externalId) errors.push({ field: 'externalId', message: 'cannot be changed' });
    if (errors.length > 0) return void res.status(422).json({ error: 'validation_failed', errors });
    if (slow?.phase === 'before-commit') await sleep(slow.ms);
    const updated: EhrWorkerRecord = { ...current, ...body, id: current.id, externalId: current.externalId, version: current.version + 1, createdAt: current.createdAt, updatedAt: new Date().toISOString() };
    workers.set(updated.id, updated);
    commit('update', updated, req.header('Idempotency-Key') ?? null);
    if (slow?.phase === 'after-commit') await sleep(slow.ms);
    res.json(updated);
  });

  app.use((_req: Request, res: Response) => void res.status(404).json({ error: 'not_found' }));

  // ---- the listening socket, closable for a "refused" outage ----
  const root = express();
  root.disable('x-powered-by');
  root.use(options.basePath ?? '/', app);
  const server = await listenReopenable(root, { host, port: options.port });

  const sim: EhrSimulator = {
    get url() {
      return `http://${host}:${server.port}`;
    },
    get port() {
      return server.port;
    },
    workers: () => [...workers.values()],
    writes: () => [...writes],
    requests: () => [...requests],
    async down(ms, mode = 'refuse', retryAfterSeconds) {
      if (mode === '503') {
        failure = { kind: 'down', mode, untilMs: Date.now() + ms, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
        return;
      }
      await server.downFor(ms);
    },
    fail(status, count, retryAfterSeconds) {
      failure = { kind: 'status', status, remaining: count, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
    },
    slow(ms, phase = 'before-commit') {
      slow = ms > 0 ? { ms, phase } : null;
    },
    revokeTokens() {
      tokens = new Map();
    },
    reset() {
      workers = new Map();
      byExternalId = new Map();
      writes = [];
      requests = [];
      idempotency = new Map();
      failure = null;
      slow = null;
    },
    close: () => server.close(),
  };
  return sim;
}
