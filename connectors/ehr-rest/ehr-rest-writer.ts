// Writes one event for one person to an EHR over REST (sandbox/ehr/EHR-API.md): look the worker up
// by the hub's external ID, update it if it exists, otherwise create it with the activity's
// idempotency key, so neither a retry nor a concurrent duplicate makes a second record.
import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import type { EhrRestDestinationConfig } from '../../common/config-schema';
import { invalidError, transientError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { networkFailure, statusFailure } from '../destination-http-errors';
import type { DestinationWrite, DestinationWriter } from '../destination-writer';
import { createEhrAuth, type EhrAuth } from './ehr-auth';
import { EhrErrorSchema, EhrWorkerListSchema, EhrWorkerSchema, type EhrErrorBody, type EhrWorker } from './ehr-schemas';

/** How many lookup → create/update rounds one attempt makes when it races a concurrent writer. */
const MAX_ROUNDS = 3;

export class EhrRestWriter implements DestinationWriter {
  private readonly http: AxiosInstance;
  private readonly auth: EhrAuth;
  private readonly resource: string;
  /** The base URL's own path (e.g. /api): the signature covers the path the EHR receives. */
  private readonly basePath: string;

  constructor(
    private readonly config: EhrRestDestinationConfig,
    private readonly logger: Logger,
  ) {
    this.http = axios.create({
      baseURL: config.baseUrl.replace(/\/+$/, ''),
      timeout: config.timeout,
      // Keep-alive: a burst of decisions should not open a connection per write.
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: 32 }),
      httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 32 }),
      // Statuses are classified here, not thrown by axios; bodies are parsed by the zod schemas.
      validateStatus: () => true,
      transitional: { clarifyTimeoutError: true },
    });
    this.auth = createEhrAuth(config.id, config.auth, this.http);
    this.resource = config.resource.replace(/\/+$/, '');
    this.basePath = new URL(config.baseUrl).pathname.replace(/\/+$/, '');
  }

  async write(w: DestinationWrite): Promise<{ created: boolean }> {
    const body = JSON.stringify({ ...w.payload, externalId: w.externalId, event: w.payload.event ?? w.event });
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const existing = await this.lookup(w);
      if (existing) {
        await this.update(w, existing, body);
        return { created: false };
      }
      const outcome = await this.create(w, body);
      if (outcome === 'created') return { created: true };
      if (outcome === 'replayed') return { created: false };
      // 'exists': another writer created it between our lookup and create; update it next round.
    }
    throw transientError('DestinationConflict', `destination "${this.config.id}" kept reporting a conflicting write for ${w.externalId}`);
  }

  private async lookup(w: DestinationWrite): Promise<EhrWorker | undefined> {
    const res = await this.send(w, 'GET', `${this.resource}?externalId=${encodeURIComponent(w.externalId)}`);
    this.failOnStatus(w, res);
    if (res.status !== 200) throw this.unexpected(res, 'lookup');
    const parsed = EhrWorkerListSchema.safeParse(res.data);
    if (!parsed.success) throw this.unexpected(res, 'lookup');
    return parsed.data.items.find((item) => item.externalId === w.externalId);
  }

  private async create(w: DestinationWrite, body: string): Promise<'created' | 'replayed' | 'exists'> {
    const headers = this.config.idempotencyKeyHeader ? { 'idempotency-key': w.idempotencyKey } : undefined;
    const res = await this.send(w, 'POST', this.resource, body, headers);
    this.failOnStatus(w, res);
    if (res.status === 200 || res.status === 201) {
      if (!EhrWorkerSchema.safeParse(res.data).success) throw this.unexpected(res, 'create');
      return res.headers['idempotent-replayed'] === 'true' ? 'replayed' : 'created';
    }
    if (res.status === 409) {
      const err = this.errorBody(res);
      // The same key still in flight (a concurrent retry): try again shortly, the first one decides.
      if (err.error === 'idempotency_key_in_use') throw transientError('DestinationConflict', `destination "${this.config.id}" is still processing an earlier attempt of this write`, { status: 409, retryAfterMs: 1000 });
      return 'exists';
    }
    throw this.unexpected(res, 'create');
  }

  private async update(w: DestinationWrite, existing: EhrWorker, body: string): Promise<void> {
    const res = await this.send(w, 'PUT', `${this.resource}/${encodeURIComponent(existing.id)}`, body);
    this.failOnStatus(w, res);
    if (res.status === 200 || res.status === 204) return;
    // Deleted between lookup and update: the next attempt looks it up (or creates it) again.
    if (res.status === 404) throw transientError('DestinationConflict', `destination "${this.config.id}": worker ${existing.id} vanished during the update`, { status: 404 });
    throw this.unexpected(res, 'update');
  }

  /** One request, re-sent once with fresh credentials when an OAuth2 token was refused. */
  private async send(w: DestinationWrite, method: 'GET' | 'POST' | 'PUT', path: string, body = '', extraHeaders: Record<string, string> = {}): Promise<AxiosResponse> {
    for (let attempt = 0; ; attempt++) {
      const started = Date.now();
      const headers = { ...(await this.auth.headers(method, `${this.basePath}${path}`, body)), ...extraHeaders, ...(body ? { 'content-type': 'application/json' } : {}) };
      let res: AxiosResponse;
      try {
        res = await this.http.request({ method, url: path, data: body || undefined, headers, transformRequest: [(data: unknown) => data] });
      } catch (err) {
        const failure = networkFailure(this.config.id, err);
        this.logger.warn({ destination: this.config.id, method, path: this.resource, externalId: w.externalId, idempotencyKey: w.idempotencyKey, ms: Date.now() - started, error: failure.code }, 'EHR request failed');
        throw failure;
      }
      // Never the bodies or headers: they hold names, phone numbers and credentials.
      this.logger.info({ destination: this.config.id, method, path: this.resource, externalId: w.externalId, idempotencyKey: w.idempotencyKey, status: res.status, ms: Date.now() - started }, 'EHR request');
      if (res.status === 401 && attempt === 0 && this.auth.refreshAfterUnauthorized()) continue;
      return res;
    }
  }

  private failOnStatus(w: DestinationWrite, res: AxiosResponse): void {
    const failure = statusFailure(this.config.id, res.status, res.headers as Record<string, unknown>);
    if (failure) throw failure;
    if (res.status === 400 || res.status === 422) {
      const err = this.errorBody(res);
      const fields = err.errors ?? [];
      const what = fields.length > 0 ? fields.map((f) => `${f.field}: ${f.message}`).join('; ') : (err.message ?? err.error ?? `status ${res.status}`);
      throw invalidError('DestinationValidation', `destination "${this.config.id}" rejected the record ${w.externalId}: ${what}`, {
        status: res.status,
        fields: fields.map((f) => f.field),
      });
    }
  }

  private errorBody(res: AxiosResponse): EhrErrorBody {
    const parsed = EhrErrorSchema.safeParse(res.data);
    return parsed.success ? parsed.data : {};
  }

  private unexpected(res: AxiosResponse, step: string) {
    // An answer outside the contract (a proxy's HTML page, a half-deployed EHR): retry, a person sees it if it persists.
    return transientError('DestinationUnexpectedAnswer', `destination "${this.config.id}" gave an unexpected answer to the ${step} (status ${res.status})`, { status: res.status });
  }
}
