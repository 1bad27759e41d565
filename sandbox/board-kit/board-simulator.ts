// What every simulated board shares around its own API: the common options, the tenants from the
// dev config, seeded generated applicants, how an application is delivered (webhook, listed for
// polling, both, none), the test controls (failures, rate limit, hub URL, redelivery) and serving
// the API plus /_sim on loopback. Board formats stay in each board's folder.
import express, { type Router } from 'express';
import { createApplicantGenerator, type ApplicantGenerator, type GeneratedApplicant } from './applicant-generator';
import { createControlRoutes, type SimControlTarget } from './control-routes';
import { devJobCodes, loadDevBoardTenants, type DevBoardTenant } from './dev-config';
import { createFailureInjector, type FailureInjector, type FailureSpec } from './failure-injector';
import { listenLoopback } from '../sim-kit/http-listen';
import { createRateLimiter, type RateLimiter } from './rate-limiter';
import { createSeededRandom, type SeededRandom } from './seeded-random';
import { createSimClock, type SimClock } from './sim-clock';
import type { Delivery, WebhookSender } from './webhook-sender';

/** How an application reaches the hub; `none` only records it (GET by id works), for benchmarks. */
export type DeliverMode = 'webhook' | 'poll' | 'both' | 'none';

export const sendsWebhook = (mode: DeliverMode): boolean => mode === 'webhook' || mode === 'both';
export const listedForPolling = (mode: DeliverMode): boolean => mode === 'poll' || mode === 'both';

interface SimTenant { tenantId: string; hubUrl?: string }

/** Options every board simulator takes; each board's options document its own defaults. */
export interface BoardSimulatorOptions<Tenant extends SimTenant> {
  /** Default 0 (a free port); always 127.0.0.1. */
  port?: number;
  /** Tenants and credentials. Default: this board's tenants in config/dev.yaml (HUB_CONFIG). */
  tenants?: (Omit<Tenant, 'hubUrl'> & { hubUrl?: string })[];
  /** Webhook target for tenants without their own hubUrl. No webhooks when neither is set. */
  hubUrl?: string;
  /** Seed for generated applications (default: time-based). */
  seed?: string | number;
  /** Job codes generated applications apply to. Default: the dev config's job codes. */
  jobCodes?: string[];
  /** Multiplies the board's redelivery schedule. Default 1. */
  redeliveryScale?: number;
  /** How long a webhook answer may take. */
  ackTimeoutMs?: number;
  /** Webhook deliveries in flight at once. Default 8. */
  webhookConcurrency?: number;
  /** Requests per second per app (Infinity disables the limit). */
  rateLimitPerSecond?: number;
  clock?: SimClock;
  /** Prefix of the board's application ids. */
  idPrefix?: string;
  firstSequence?: number;
}

/** What a request to add applications has in common across boards. */
export interface AddBoardApplicationsOptions {
  tenantId?: string;
  /** How many realistic applications to generate. */
  count?: number;
  /** Job code for the generated ones (default: picked from the job codes). */
  jobCode?: string;
}

/** One board's credentials for each tenant of the dev config (config/dev.yaml, HUB_CONFIG). */
export function devTenantsOf<B extends 'doumi' | 'jianzhimao'>(board: B): ({ tenantId: string } & NonNullable<DevBoardTenant[B]>)[] {
  return loadDevBoardTenants().flatMap((t) => {
    const credentials = t[board];
    return credentials ? [{ tenantId: t.tenantId, ...(credentials as NonNullable<DevBoardTenant[B]>) }] : [];
  });
}

/**
 * The mode asked for, or both when the tenant has a hubUrl (else poll). Refuses before anything is
 * stored, so a refused request leaves nothing half-delivered.
 */
export function deliverModeFor(boardName: string, tenant: SimTenant, deliver?: DeliverMode): DeliverMode {
  const mode = deliver ?? (tenant.hubUrl ? 'both' : 'poll');
  if (sendsWebhook(mode) && !tenant.hubUrl) throw new Error(`${boardName} simulator: tenant ${tenant.tenantId} has no hubUrl, so it cannot send webhooks`);
  return mode;
}

/** The controls every board simulator offers tests. */
export interface BoardSimControls {
  clock: SimClock;
  deliveries(): Delivery[];
  webhooksIdle(timeoutMs?: number): Promise<void>;
  injectFailure(spec: FailureSpec): void;
  clearFailures(): void;
  setHubUrl(hubUrl: string | undefined, tenantId?: string): void;
  setRateLimit(perSecond: number): void;
  setRedeliveryScale(scale: number): void;
}

export interface BoardSimKit {
  clock: SimClock;
  failures: FailureInjector;
  rateLimiter: RateLimiter;
  generator: ApplicantGenerator;
  /** The board's own random choices, seeded from the same seed. */
  rng: SeededRandom;
  /**
   * Builds one application for each explicit input, then for `count` empty ones, each from a freshly
   * generated applicant (given `add.jobCode` when set); whatever the input leaves out comes from it.
   */
  build<I extends object, R>(explicit: I[] | undefined, add: AddBoardApplicationsOptions, make: (input: I, applicant: GeneratedApplicant) => R): R[];
  controls(parts: { tenants: Map<string, SimTenant>; sender: WebhookSender }): BoardSimControls;
}

export function createBoardSimKit(
  board: 'doumi' | 'jianzhimao',
  options: BoardSimulatorOptions<SimTenant>,
  defaults: { rateLimitPerSecond: number },
): BoardSimKit {
  const clock = options.clock ?? createSimClock();
  const failures = createFailureInjector();
  const rateLimiter = createRateLimiter(options.rateLimitPerSecond ?? defaults.rateLimitPerSecond);
  const seed = options.seed ?? Date.now();
  const generator = createApplicantGenerator({ seed, jobCodes: options.jobCodes ?? devJobCodes(), now: clock.now });
  return {
    clock,
    failures,
    rateLimiter,
    generator,
    rng: createSeededRandom(`${seed}:${board}`),
    build: (explicit, add, make) => {
      const inputs = [...(explicit ?? []), ...Array.from({ length: add.count ?? 0 }, () => ({}) as never)];
      return inputs.map((input) => {
        const applicant = generator.next();
        if (add.jobCode !== undefined) applicant.jobCode = add.jobCode;
        return make(input, applicant);
      });
    },
    controls: ({ tenants, sender }) => ({
      clock,
      deliveries: () => sender.deliveries(),
      webhooksIdle: (timeoutMs) => sender.idle(timeoutMs),
      injectFailure: (spec) => failures.add(spec),
      clearFailures: () => failures.clear(),
      setHubUrl(hubUrl, tenantId) {
        for (const t of tenants.values()) if (tenantId === undefined || t.tenantId === tenantId) t.hubUrl = hubUrl;
      },
      setRateLimit: (perSecond) => rateLimiter.setLimit(perSecond),
      setRedeliveryScale: (scale) => sender.setRedeliveryScale(scale),
    }),
  };
}

export interface ServeBoardOptions {
  port?: number;
  clock: SimClock;
  failures: FailureInjector;
  sender: WebhookSender;
  /** Where the board's own API is mounted (e.g. /open/v2) and the router that serves it. */
  apiPath: string;
  api: Router;
  add: SimControlTarget['add'];
  withdraw: SimControlTarget['withdraw'];
  /** The board's part of GET /_sim/state; the deliveries are added here. */
  snapshot(): Record<string, unknown>;
}

/** Serves the API and /_sim on 127.0.0.1 and completes `sim` with its url and close(). */
export async function serveBoardSimulator<T extends object>(sim: T, options: ServeBoardOptions): Promise<T & { url: string; close(): Promise<void> }> {
  const { sender, failures } = options;
  const app = express();
  app.disable('x-powered-by');
  app.use(options.apiPath, options.api);
  app.use('/_sim', createControlRoutes({
    clock: options.clock,
    add: options.add,
    withdraw: options.withdraw,
    injectFailure: (spec) => failures.add(spec),
    snapshot: () => ({
      ...options.snapshot(),
      deliveries: sender.deliveries().map((d) => ({ id: d.id, event: d.event, subject: d.subject, state: d.state, attempts: d.attempts.length })),
    }),
  }));
  const server = await listenLoopback(app, options.port ?? 0);
  return Object.assign(sim, {
    url: server.url,
    async close() {
      sender.close();
      await server.close();
    },
  });
}
