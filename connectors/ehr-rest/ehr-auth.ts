// Request authentication for the EHR (sandbox/ehr/EHR-API.md § Authentication): an API key, an
// HMAC signature over method, path, timestamp and body, or an OAuth2 client-credentials token
// that is cached until shortly before it expires and dropped when the EHR answers 401.
import { createHash, createHmac } from 'node:crypto';
import type { AxiosInstance } from 'axios';
import type { EhrAuthConfig } from '../../common/config-schema';
import { configError } from '../../common/errors';
import { networkFailure, statusFailure } from '../destination-http-errors';
import { OAuthTokenSchema } from './ehr-schemas';

/** Refresh this long before the token's stated expiry, so a request never leaves with a dying token. */
const EXPIRY_MARGIN_MS = 30_000;

export interface EhrAuth {
  /** Headers for one request; `body` is the exact text that will be sent ('' for none). */
  headers(method: string, pathWithQuery: string, body: string): Promise<Record<string, string>>;
  /** Called after a 401: true when new credentials were obtained and the request may be sent once more. */
  refreshAfterUnauthorized(): boolean;
}

export function hmacSignature(secret: string, method: string, pathWithQuery: string, timestamp: string, body: string): string {
  const bodyHash = createHash('sha256').update(body, 'utf8').digest('hex');
  return createHmac('sha256', secret).update(`${method.toUpperCase()}\n${pathWithQuery}\n${timestamp}\n${bodyHash}`, 'utf8').digest('hex');
}

export function createEhrAuth(destinationId: string, auth: EhrAuthConfig, http: AxiosInstance, now: () => number = Date.now): EhrAuth {
  switch (auth.mode) {
    case 'api-key':
      return { headers: async () => ({ [auth.header]: auth.key }), refreshAfterUnauthorized: () => false };
    case 'hmac':
      return {
        headers: async (method, pathWithQuery, body) => {
          const timestamp = String(now());
          return { 'X-HB-Key-Id': auth.keyId, 'X-HB-Timestamp': timestamp, 'X-HB-Signature': hmacSignature(auth.secret, method, pathWithQuery, timestamp, body) };
        },
        refreshAfterUnauthorized: () => false,
      };
    case 'oauth2': {
      let cached: { token: string; expiresAt: number } | undefined;
      // Concurrent writes share one token request instead of each fetching their own.
      let inflight: Promise<string> | undefined;
      const fetchToken = async (): Promise<string> => {
        const form = new URLSearchParams({ grant_type: 'client_credentials', ...(auth.scope ? { scope: auth.scope } : {}) });
        let res;
        try {
          res = await http.post(auth.tokenUrl, form.toString(), {
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            auth: { username: auth.clientId, password: auth.clientSecret },
            validateStatus: () => true,
          });
        } catch (err) {
          throw networkFailure(destinationId, err);
        }
        const failure = statusFailure(destinationId, res.status, res.headers as Record<string, unknown>);
        if (failure) throw failure;
        if (res.status === 400) throw configError('DestinationAuth', `destination "${destinationId}": the token endpoint refused the client credentials (400)`);
        const parsed = OAuthTokenSchema.safeParse(res.data);
        if (res.status !== 200 || !parsed.success) {
          throw configError('DestinationAuth', `destination "${destinationId}": unexpected token endpoint answer (${res.status})`);
        }
        const lifetimeMs = (parsed.data.expires_in ?? 3600) * 1000;
        cached = { token: parsed.data.access_token, expiresAt: now() + Math.max(lifetimeMs - EXPIRY_MARGIN_MS, lifetimeMs / 2) };
        return cached.token;
      };
      return {
        headers: async () => {
          let token = cached && cached.expiresAt > now() ? cached.token : undefined;
          if (!token) {
            inflight ??= fetchToken().finally(() => (inflight = undefined));
            token = await inflight;
          }
          return { authorization: `Bearer ${token}` };
        },
        refreshAfterUnauthorized: () => {
          cached = undefined;
          return true;
        },
      };
    }
  }
}
