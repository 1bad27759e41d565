// Board API clients for activities, built from the tenant's board config, and the one place that
// turns a board's HubError into a Temporal failure (rate limits carry Retry-After as nextRetryDelay).
import { ApplicationFailure } from '@temporalio/common';
import { requireTenant } from '../common/config';
import type { HubConfig } from '../common/config-schema';
import { configError, ErrorKind, HubError } from '../common/errors';
import { boardContract, type BoardClientOf, type PartnerBoard } from '../connectors/board-registry';

export interface BoardClients {
  /** The tenant's client of `board`, built by that board's contract. */
  get<B extends PartnerBoard>(board: B, tenantId: string): BoardClientOf<B>;
}

/** One client per tenant and board, created on first use (the config is fixed for the process). */
export function createBoardClients(config: HubConfig): BoardClients {
  const clients = new Map<string, unknown>();
  return {
    get<B extends PartnerBoard>(board: B, tenantId: string): BoardClientOf<B> {
      const key = `${board}/${tenantId}`;
      if (!clients.has(key)) {
        const boardConfig = requireTenant(config, tenantId).boards[board];
        if (!boardConfig) throw configError('BoardNotConfigured', `tenant "${tenantId}" has no ${board} credentials`);
        clients.set(key, boardContract(board).createClient(boardConfig));
      }
      // Built by this board's own contract above: the pairing the type cannot see.
      return clients.get(key) as BoardClientOf<B>;
    },
  };
}

/**
 * A board's transient error becomes a retryable failure; a rate limit waits exactly as long as the
 * board asked (its Retry-After, or the pause its spec names) instead of the retry policy's backoff.
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
