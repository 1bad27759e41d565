// Board API clients for activities, built from the tenant's board config, and the one place that
// turns a board's HubError into a Temporal failure (rate limits carry Retry-After as nextRetryDelay).
import { ApplicationFailure } from '@temporalio/common';
import { requireTenant } from '../common/config';
import type { HubConfig, TenantConfig } from '../common/config-schema';
import { configError, ErrorKind, HubError } from '../common/errors';
import { DoumiClient } from '../connectors/doumi/doumi-client';
import { JianzhimaoClient } from '../connectors/jianzhimao/jianzhimao-client';

export type ApiBoard = 'doumi' | 'jianzhimao';

export interface BoardClients {
  doumi(tenantId: string): DoumiClient;
  jianzhimao(tenantId: string): JianzhimaoClient;
}

/** One client per tenant and board, created on first use (the config is fixed for the process). */
export function createBoardClients(config: HubConfig): BoardClients {
  const doumi = new Map<string, DoumiClient>();
  const jianzhimao = new Map<string, JianzhimaoClient>();
  const boardConfig = <B extends ApiBoard>(tenantId: string, board: B) => {
    const tenant = requireTenant(config, tenantId);
    const boards = tenant.boards[board];
    if (!boards) throw configError('BoardNotConfigured', `tenant "${tenantId}" has no ${board} credentials`);
    return boards as NonNullable<TenantConfig['boards'][B]>;
  };
  return {
    doumi(tenantId) {
      let client = doumi.get(tenantId);
      if (!client) {
        const c = boardConfig(tenantId, 'doumi');
        client = new DoumiClient({ appKey: c.appKey, appSecret: c.appSecret, baseUrl: c.baseUrl });
        doumi.set(tenantId, client);
      }
      return client;
    },
    jianzhimao(tenantId) {
      let client = jianzhimao.get(tenantId);
      if (!client) {
        const c = boardConfig(tenantId, 'jianzhimao');
        client = new JianzhimaoClient({ appId: c.appId, appSecret: c.appSecret, baseUrl: c.baseUrl });
        jianzhimao.set(tenantId, client);
      }
      return client;
    },
  };
}

/**
 * A board's transient error becomes a retryable failure; a rate limit waits exactly as long as the
 * board asked (Retry-After, or 1 s for Jianzhimao's 4290) instead of the retry policy's backoff.
 * `config`/`invalid` ones are non-retryable. Anything else is rethrown as is.
 */
export function toBoardFailure(err: unknown): unknown {
  if (!(err instanceof HubError)) return err;
  const retryAfterMs = typeof err.details?.retryAfterMs === 'number' ? err.details.retryAfterMs : undefined;
  return ApplicationFailure.create({
    type: err.code,
    message: err.message,
    nonRetryable: err.kind !== ErrorKind.TRANSIENT,
    details: [{ kind: err.kind, ...(err.details ?? {}) }],
    ...(retryAfterMs !== undefined && err.kind === ErrorKind.TRANSIENT ? { nextRetryDelay: retryAfterMs } : {}),
  });
}
