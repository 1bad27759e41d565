// An OpenAI-compatible chat-completions endpoint for dev and tests, written from the public API
// reference (POST /v1/chat/completions, response_format json_schema), not from the hub's connector.
// It answers deterministically from the transcript in the user message, keeps a log of every
// request, and fails on request: 429 with Retry-After, 500, 401, malformed JSON, or a slow answer.
// Control: POST /_control/failures {mode, times?, delayMs?, retryAfterSeconds?}, GET/DELETE /_control/requests.
// A model name suffix does the same per request: "sim-model+429", "+500", "+malformed", "+slow".
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response } from 'express';
import { z } from 'zod';

export const FailureMode = { RATE_LIMIT: '429', SERVER_ERROR: '500', UNAUTHORIZED: '401', MALFORMED: 'malformed', WRONG_SHAPE: 'wrong-shape', SLOW: 'slow' } as const;
export type FailureMode = (typeof FailureMode)[keyof typeof FailureMode];
const MODES = Object.values(FailureMode) as [FailureMode, ...FailureMode[]];

export interface LoggedRequest {
  at: string;
  model: string;
  messages: { role: string; content: string }[];
  responseFormat: unknown;
  /** What the simulator did: ok, or the failure mode it applied. */
  result: 'ok' | FailureMode;
}

// https://platform.openai.com/docs/api-reference/chat/create (the subset the simulator honours)
const ChatRequest = z.object({
  model: z.string().min(1),
  messages: z.array(z.object({ role: z.enum(['system', 'user', 'assistant', 'developer']), content: z.string() })).min(1),
  temperature: z.number().min(0).max(2).optional(),
  response_format: z
    .discriminatedUnion('type', [
      z.object({ type: z.literal('text') }),
      z.object({ type: z.literal('json_object') }),
      z.object({
        type: z.literal('json_schema'),
        json_schema: z.object({ name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), strict: z.boolean().nullable().optional(), schema: z.record(z.string(), z.unknown()) }),
      }),
    ])
    .optional(),
});

const ControlFailure = z.object({
  mode: z.enum(MODES),
  times: z.number().int().min(1).max(100).default(1),
  delayMs: z.number().int().min(0).max(120_000).optional(),
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
});

interface QueuedFailure {
  mode: FailureMode;
  /** How long a "slow" answer takes. */
  delayMs?: number;
  /** Retry-After sent with a 429. */
  retryAfterSeconds?: number;
}

export interface LlmSimulatorOptions {
  /** How long a "slow" answer takes (default 5 s). */
  slowMs?: number;
  /** Seconds sent in Retry-After with a 429 (default 1). */
  retryAfterSeconds?: number;
}

export interface LlmSimulator {
  /** Base URL for an OpenAI client, ending in /v1. */
  baseUrl: string;
  requests: LoggedRequest[];
  /** Makes the next `times` requests fail with `mode`. */
  fail(mode: FailureMode, times?: number, options?: Omit<QueuedFailure, 'mode'>): void;
  reset(): void;
  close(): Promise<void>;
}

function openAiError(res: Response, status: number, message: string, type: string, headers: Record<string, string> = {}): void {
  res.status(status).set(headers).json({ error: { message, type, param: null, code: null } });
}

/** Answers from the user message: lines "A1: …" are answers; without them, the whole message is one. */
function answersOf(user: string): string[] {
  const answers = [...user.matchAll(/^A\d+:\s*(.*)$/gm)].map((m) => m[1]!.trim()).filter(Boolean);
  return answers.length ? answers : [user.trim()];
}

/** Dimension ids from the JSON schema (dimensions.items.properties.id.enum). */
function dimensionIds(schema: Record<string, unknown>): string[] {
  let node: unknown = schema;
  for (const key of ['properties', 'dimensions', 'items', 'properties', 'id', 'enum']) {
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  return Array.isArray(node) ? node.map(String) : [];
}

/**
 * The deterministic "model": each dimension scores by how developed the answers are (1.5 points per
 * character of the average answer, at most 100; dimensions later in the rubric a little lower), with
 * the longest answer's opening words as evidence. Short answers give low scores, long ones high.
 */
function assess(answers: string[], ids: string[]): Record<string, unknown> {
  const lengths = answers.map((a) => [...a].length);
  const average = lengths.reduce((s, n) => s + n, 0) / Math.max(1, lengths.length);
  const longest = answers[lengths.indexOf(Math.max(...lengths))] ?? '';
  const quote = [...longest].slice(0, 12).join('');
  return {
    dimensions: ids.map((id, i) => ({ id, score: Math.max(0, Math.min(100, Math.round(average * 1.5) - i * 2)), evidence: quote ? [quote] : [] })),
    strengths: average >= 40 ? ['回答具体，有细节'] : [],
    weaknesses: average < 40 ? ['回答偏短，缺少具体例子'] : [],
    summary: `共${answers.length}个回答，平均${Math.round(average)}字。`,
  };
}

function completion(model: string, content: string) {
  return {
    id: `chatcmpl-sim-${Date.now().toString(36)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  };
}

export function createLlmSimulatorApp(state: { requests: LoggedRequest[]; failures: QueuedFailure[] }, options: LlmSimulatorOptions = {}) {
  const slowMs = options.slowMs ?? 5000;
  const retryAfter = String(options.retryAfterSeconds ?? 1);
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '2mb' }));

  app.post('/v1/chat/completions', async (req: Request, res: Response) => {
    if (!/^Bearer \S+/.test(req.get('authorization') ?? '')) return openAiError(res, 401, 'You did not provide an API key.', 'invalid_request_error');
    const parsed = ChatRequest.safeParse(req.body);
    if (!parsed.success) return openAiError(res, 400, `Invalid request: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, 'invalid_request_error');
    const body = parsed.data;
    const [baseModel, suffixMode] = body.model.split('+') as [string, string | undefined];
    const queued = state.failures.shift();
    const mode = (queued?.mode ?? (MODES.includes(suffixMode as FailureMode) ? suffixMode : undefined)) as FailureMode | undefined;
    state.requests.push({ at: new Date().toISOString(), model: body.model, messages: body.messages, responseFormat: body.response_format ?? null, result: mode ?? 'ok' });

    if (mode === FailureMode.RATE_LIMIT) return openAiError(res, 429, 'Rate limit reached for requests', 'requests', { 'Retry-After': String(queued?.retryAfterSeconds ?? retryAfter) });
    if (mode === FailureMode.SERVER_ERROR) return openAiError(res, 500, 'The server had an error while processing your request.', 'server_error');
    if (mode === FailureMode.UNAUTHORIZED) return openAiError(res, 401, 'Incorrect API key provided.', 'invalid_request_error');
    if (mode === FailureMode.SLOW) {
      // unref: a slow answer in flight never keeps a test process alive.
      await new Promise((r) => setTimeout(r, queued?.delayMs ?? slowMs).unref());
    }
    if (res.destroyed) return undefined;

    const format = body.response_format;
    if (format?.type === 'json_schema' && format.json_schema.strict !== true) {
      return openAiError(res, 400, 'The simulator only supports strict json_schema', 'invalid_request_error');
    }
    const user = body.messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
    let content: string;
    if (mode === FailureMode.MALFORMED) content = '{"dimensions": [ {"id": "oops", "score": ';
    else if (mode === FailureMode.WRONG_SHAPE) content = JSON.stringify({ verdict: 'PASS' });
    else if (format?.type === 'json_schema' && format.json_schema.name === 'follow_up_question') {
      const answer = answersOf(user.replace(/^Answer:\s*/m, 'A1: '))[0] ?? '';
      content = JSON.stringify({ question: `能具体说说“${[...answer].slice(0, 8).join('')}”时的一个例子吗？` });
    } else if (format?.type === 'json_schema') content = JSON.stringify(assess(answersOf(user), dimensionIds(format.json_schema.schema)));
    else content = `共${answersOf(user).length}个回答。`;
    res.json(completion(baseModel, content));
    return undefined;
  });

  app.post('/_control/failures', (req, res) => {
    const parsed = ControlFailure.safeParse(req.body);
    if (!parsed.success) return void res.status(400).json({ error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    const { times, ...failure } = parsed.data;
    for (let i = 0; i < times; i++) state.failures.push(failure);
    res.status(204).end();
  });
  app.get('/_control/requests', (_req, res) => void res.json({ items: state.requests }));
  app.delete('/_control/requests', (_req, res) => {
    state.requests.length = 0;
    state.failures.length = 0;
    res.status(204).end();
  });
  return app;
}

/** Starts the simulator on 127.0.0.1 (port 0: a free port). */
export async function startLlmSimulator(port = 0, options: LlmSimulatorOptions = {}): Promise<LlmSimulator> {
  const state = { requests: [] as LoggedRequest[], failures: [] as QueuedFailure[] };
  const server: Server = createLlmSimulatorApp(state, options).listen(port, '127.0.0.1');
  await once(server, 'listening');
  const { port: bound } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${bound}/v1`,
    requests: state.requests,
    fail(mode, times = 1, failure = {}) {
      for (let i = 0; i < times; i++) state.failures.push({ mode, ...failure });
    },
    reset() {
      state.requests.length = 0;
      state.failures.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
