// The EHR REST connector against the EHR simulator (both written from sandbox/ehr/EHR-API.md):
// the three auth modes, create-or-update by external ID with Idempotency-Key, validation refusals
// that reach a person, retryable failures with Retry-After, and logs without personal data.
import { Writable } from 'node:stream';
import { ApplicationFailure } from '@temporalio/common';
import pino from 'pino';
import { parseConfig } from '../common/config';
import type { EhrRestDestinationConfig } from '../common/config-schema';
import { ErrorKind, HubError } from '../common/errors';
import { createLogger, REDACT_PATHS } from '../common/logger';
import { toActivityFailure } from '../activities/failure-boundary';
import type { DestinationWrite } from '../connectors/destination-writer';
import { EhrRestWriter } from '../connectors/ehr-rest/ehr-rest-writer';
import { parseRetryAfter } from '../connectors/destination-http-errors';
import { createDestinationWriterCache } from '../connectors/destination-registry';
import type { HubStore } from '../connectors/hub-db';
import { startEhrSimulator, type EhrSimAuth, type EhrSimulator } from '../sandbox/ehr/ehr-simulator';
import { devConfigDocument } from './support/hub-harness';

const silent = createLogger('test', 'silent');
const HMAC = { keyId: 'hr-key-1', secret: 'a-long-hmac-secret-for-tests' };
const OAUTH = { clientId: 'hub-client', clientSecret: 'hub-client-secret' };
const API_KEY = 'ehr-api-key-for-tests-0001';

function destination(baseUrl: string, auth: Record<string, unknown>, extra: Record<string, unknown> = {}): EhrRestDestinationConfig {
  const doc = devConfigDocument();
  doc.tenants[0].destinations = [{ id: 'ehr', type: 'ehr-rest', events: ['review_passed', 'onboarded', 'withdrawn'], baseUrl, auth, timeout: '2s', ...extra }];
  for (const job of doc.tenants[0].jobs) job.destinations = [];
  return parseConfig(doc, {}).tenants[0]!.destinations[0] as EhrRestDestinationConfig;
}

let n = 0;
function write(event = 'review_passed', payload: Record<string, unknown> = {}, externalId = `HB-demo-doumi-EHR-${++n}`): DestinationWrite {
  return {
    tenantId: 'demo',
    destinationId: 'ehr',
    externalId,
    event,
    idempotencyKey: `candidate:demo:doumi:${externalId}:ehr:${event}`,
    payload: { name: '王小明', mobile: '+8613800138000', jobCode: 'RX-SH-PROMO-001', event, ...payload },
  };
}

const failureOf = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as HubError);

describe.each<[string, EhrSimAuth, Record<string, unknown>]>([
  ['api-key', { mode: 'api-key', key: API_KEY }, { mode: 'api-key', key: API_KEY }],
  ['hmac', { mode: 'hmac', ...HMAC }, { mode: 'hmac', ...HMAC }],
  ['oauth2', { mode: 'oauth2', ...OAUTH }, { mode: 'oauth2', tokenUrl: 'TOKEN_URL', ...OAUTH }],
])('EHR over REST with %s auth', (_mode, simAuth, hubAuth) => {
  let sim: EhrSimulator;
  let writer: EhrRestWriter;
  beforeAll(async () => {
    sim = await startEhrSimulator({ auth: simAuth });
    const auth = { ...hubAuth, ...(hubAuth.tokenUrl ? { tokenUrl: `${sim.url}/oauth/token` } : {}) };
    writer = new EhrRestWriter(destination(sim.url, auth), silent);
  });
  afterAll(() => sim.close());

  test('review_passed creates the worker, onboarded updates the same one', async () => {
    const w = write('review_passed');
    expect(await writer.write(w)).toEqual({ created: true });
    expect(await writer.write({ ...w, event: 'onboarded', idempotencyKey: w.idempotencyKey.replace('review_passed', 'onboarded'), payload: { ...w.payload, event: 'onboarded' } })).toEqual({ created: false });
    const mine = sim.workers().filter((x) => x.externalId === w.externalId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ event: 'onboarded', version: 2, name: '王小明' });
    expect(sim.writes().filter((x) => x.externalId === w.externalId).map((x) => x.op)).toEqual(['create', 'update']);
  });

  test('wrong credentials are a config problem, not retried', async () => {
    const auth = hubAuth.mode === 'api-key' ? { ...hubAuth, key: 'not-the-right-key-at-all' } : hubAuth.mode === 'hmac' ? { ...hubAuth, secret: 'another-secret-of-16-chars' } : { ...hubAuth, tokenUrl: `${sim.url}/oauth/token`, clientSecret: 'wrong' };
    const bad = new EhrRestWriter(destination(sim.url, auth), silent);
    expect(await failureOf(bad.write(write()))).toMatchObject({ kind: ErrorKind.CONFIG, code: 'DestinationAuth' });
  });
});

describe('EHR over REST: behaviour under failure', () => {
  let sim: EhrSimulator;
  let writer: EhrRestWriter;
  beforeAll(async () => {
    sim = await startEhrSimulator({ auth: { mode: 'oauth2', ...OAUTH, tokenTtlSeconds: 3600 } });
    writer = new EhrRestWriter(destination(sim.url, { mode: 'oauth2', tokenUrl: `${sim.url}/oauth/token`, ...OAUTH }), silent);
  });
  afterEach(() => {
    sim.fail(500, 0);
    sim.slow(0);
  });
  afterAll(() => sim.close());

  const tokenRequests = () => sim.requests().filter((r) => r.path === '/oauth/token').length;

  test('the OAuth2 token is fetched once, cached, and refreshed once after a 401', async () => {
    const before = tokenRequests();
    await Promise.all([writer.write(write()), writer.write(write()), writer.write(write())]);
    expect(tokenRequests() - before).toBeLessThanOrEqual(1);
    sim.revokeTokens();
    expect(await writer.write(write())).toEqual({ created: true });
    expect(tokenRequests() - before).toBe(2);
  });

  test('the same write retried (or five retries at once) leaves one record', async () => {
    const w = write();
    const results = await Promise.all(Array.from({ length: 5 }, () => new EhrRestWriter(destination(sim.url, { mode: 'oauth2', tokenUrl: `${sim.url}/oauth/token`, ...OAUTH }), silent).write(w)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await writer.write(w)).toEqual({ created: false });
    expect(sim.workers().filter((x) => x.externalId === w.externalId)).toHaveLength(1);
    expect(sim.writes().filter((x) => x.externalId === w.externalId && x.op === 'create')).toHaveLength(1);
  });

  test('five concurrent retries while the EHR is slow to commit: retried until done, still one record', async () => {
    sim.slow(300, 'before-commit');
    const w = write();
    const attempt = async (): Promise<{ created: boolean }> => {
      const writerN = new EhrRestWriter(destination(sim.url, { mode: 'oauth2', tokenUrl: `${sim.url}/oauth/token`, ...OAUTH }), silent);
      for (;;) {
        try {
          return await writerN.write(w);
        } catch (err) {
          // What Temporal does with a transient failure: try again (after Retry-After when given).
          if (!(err instanceof HubError) || err.kind !== ErrorKind.TRANSIENT) throw err;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    };
    const results = await Promise.all(Array.from({ length: 5 }, attempt));
    expect(results.filter((r) => r.created).length).toBeLessThanOrEqual(1);
    expect(sim.workers().filter((x) => x.externalId === w.externalId)).toHaveLength(1);
  });

  test("a validation refusal is `invalid` with the EHR's field messages and reaches the workflow as non-retryable", async () => {
    const err = await failureOf(writer.write(write('review_passed', { mobile: '13911110000', name: '' })));
    expect(err).toMatchObject({ kind: ErrorKind.INVALID, code: 'DestinationValidation', details: { status: 422, fields: ['name', 'mobile'] } });
    expect(err!.message).toContain('name: is required; mobile: must be an E.164 phone number');
    expect(err!.message).not.toContain('13911110000');
    const failure = toActivityFailure(err) as ApplicationFailure;
    expect(failure).toMatchObject({ type: 'DestinationValidation', nonRetryable: true });
  });

  test('429 with Retry-After, 503 and 500 are transient; Retry-After becomes the next retry delay', async () => {
    sim.fail(429, 1, 7);
    const limited = await failureOf(writer.write(write()));
    expect(limited).toMatchObject({ kind: ErrorKind.TRANSIENT, code: 'DestinationRateLimited', details: { status: 429, retryAfterMs: 7000 } });
    expect(toActivityFailure(limited)).toMatchObject({ nonRetryable: false, nextRetryDelay: 7000 });
    sim.fail(503, 1, 3);
    expect(await failureOf(writer.write(write()))).toMatchObject({ kind: ErrorKind.TRANSIENT, code: 'DestinationUnavailable', details: { retryAfterMs: 3000 } });
    sim.fail(500, 1);
    const server = await failureOf(writer.write(write()));
    expect(server).toMatchObject({ kind: ErrorKind.TRANSIENT, details: { status: 500 } });
    expect(toActivityFailure(server)).toMatchObject({ nonRetryable: false, nextRetryDelay: undefined });
  });

  test('a timeout and a refused connection are transient; after the outage the write goes through', async () => {
    sim.slow(3000, 'before-commit');
    expect(await failureOf(writer.write(write()))).toMatchObject({ kind: ErrorKind.TRANSIENT, code: 'DestinationTimeout' });
    sim.slow(0);
    await sim.down(1500, 'refuse');
    const w = write();
    const refused = await failureOf(writer.write(w));
    await new Promise((r) => setTimeout(r, 1700));
    // Refused on a new connection; a kept-alive socket the outage cut reports a reset.
    expect(refused).toMatchObject({ kind: ErrorKind.TRANSIENT, code: 'DestinationUnavailable', details: { network: expect.stringMatching(/^(ECONNREFUSED|ECONNRESET)$/) } });
    expect(await writer.write(w)).toEqual({ created: true });
  });

  test('logs carry method, status, timing and keys, never names, phone numbers, bodies or tokens', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, cb) => { lines.push(String(chunk)); cb(); } });
    const logger = pino({ level: 'debug', redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, sink);
    const logged = new EhrRestWriter(destination(sim.url, { mode: 'oauth2', tokenUrl: `${sim.url}/oauth/token`, ...OAUTH }), logger);
    const w = write('review_passed', { name: '赵六', mobile: '+8613911112222' });
    await logged.write(w);
    await failureOf(logged.write(write('review_passed', { mobile: 'bad' })));
    const text = lines.join('');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(text).toContain(w.idempotencyKey);
    expect(text).toContain('"status":201');
    for (const secret of ['赵六', '13911112222', OAUTH.clientSecret, 'Bearer ']) expect(text).not.toContain(secret);
  });
});

describe('destination config', () => {
  test('each type is checked on its own terms, and every problem names its field', () => {
    const doc = devConfigDocument();
    doc.tenants[0].destinations.push(
      { id: 'x', type: 'ehr-rest', events: ['onboarded'], baseUrl: 'not a url', auth: { mode: 'hmac', keyId: 'k', secret: 'short' } },
      { id: 'y', type: 'erp-sqll', events: ['onboarded'] },
      { id: 'z', type: 'erp-sql', dialect: 'oracle', connection: 'x', table: 'a b', events: ['onboarded'] },
      { id: 'w', type: 'erp-soap', events: ['onboarded'], endpoint: '${NO_SUCH_ERP_URL}' },
    );
    const n = doc.tenants[0].destinations.length;
    let problems: string[] = [];
    try {
      parseConfig(doc, {});
    } catch (err) {
      problems = (err as { problems: string[] }).problems;
    }
    expect(problems).toEqual([`tenants[0].destinations[${n - 1}].endpoint: environment variable NO_SUCH_ERP_URL is not set`]);
    doc.tenants[0].destinations[n - 1].endpoint = 'http://127.0.0.1:1/soap';
    try {
      parseConfig(doc, {});
    } catch (err) {
      problems = (err as { problems: string[] }).problems;
    }
    expect(problems).toEqual([
      `tenants[0].destinations[${n - 4}].baseUrl: Invalid URL`,
      `tenants[0].destinations[${n - 4}].auth.secret: HMAC secrets must be at least 16 characters`,
      `tenants[0].destinations[${n - 3}].type: Invalid discriminator value. Expected 'recording' | 'ehr-rest' | 'erp-soap' | 'erp-sql'`,
      `tenants[0].destinations[${n - 2}].dialect: Invalid option: expected one of "pg"|"mysql"|"mssql"|"sqlite"`,
      `tenants[0].destinations[${n - 2}].table: a table name, optionally schema-qualified (schema.table): letters, digits and _`,
    ]);
  });

  test('the dev config falls back to recording without the simulators and targets them with `npm run dev`', () => {
    const types = (env: NodeJS.ProcessEnv) => Object.fromEntries(parseConfig(devConfigDocument(), env).tenants[0]!.destinations.map((d) => [d.id, d.type]));
    expect(types({})).toEqual({ ehr: 'recording', erp: 'recording', 'erp-staffing': 'recording', 'erp-staging': 'erp-sql' });
    expect(types({ DEMO_EHR_TYPE: 'ehr-rest', DEMO_ERP_STAFFING_TYPE: 'erp-soap' })).toEqual({ ehr: 'ehr-rest', erp: 'recording', 'erp-staffing': 'erp-soap', 'erp-staging': 'erp-sql' });
  });
});

test('HMAC signs the path the EHR receives, also when its base URL has a path of its own', async () => {
  const sim = await startEhrSimulator({ auth: { mode: 'hmac', ...HMAC }, basePath: '/api' });
  try {
    const writer = new EhrRestWriter(destination(`${sim.url}/api`, { mode: 'hmac', ...HMAC }), silent);
    expect(await writer.write(write())).toEqual({ created: true });
    expect(sim.requests().map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200', 'POST 201']);
  } finally {
    await sim.close();
  }
});

test('Retry-After: seconds or an HTTP date, at least 1 s, at most 10 min', () => {
  const now = Date.parse('2026-11-26T03:00:00Z');
  expect(parseRetryAfter('7', now)).toBe(7000);
  expect(parseRetryAfter('Thu, 26 Nov 2026 03:00:30 GMT', now)).toBe(30_000);
  expect(parseRetryAfter('0', now)).toBe(1000);
  expect(parseRetryAfter('86400', now)).toBe(600_000);
  expect(parseRetryAfter('soon', now)).toBeUndefined();
  expect(parseRetryAfter(undefined, now)).toBeUndefined();
});

test('writers are cached per tenant and destination, and rebuilt when the connection settings change', () => {
  const cache = createDestinationWriterCache({} as HubStore, silent);
  const a = destination('http://127.0.0.1:9/', { mode: 'api-key', key: API_KEY });
  const first = cache.get('demo', a);
  expect(cache.get('demo', { ...a, fields: { other: 'jobCode' } })).toBe(first); // the mapping is applied by the activity
  expect(cache.get('other-tenant', a)).not.toBe(first);
  expect(cache.get('demo', { ...a, baseUrl: 'http://127.0.0.1:10/' })).not.toBe(first);
  return cache.close();
});
