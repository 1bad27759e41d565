// Bearer authentication for /api/v1: the key names the tenant, and a key only ever sees its own
// tenant. Keys are compared as SHA-256 digests with timingSafeEqual, against every configured key
// without stopping at a match, so the time taken tells nothing about which keys exist.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { HubConfig, TenantConfig } from '../../common/config';
import { ApiError, ApiErrorKind } from '../http-errors';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

export function apiKeyAuth(config: HubConfig): RequestHandler {
  const keys = config.tenants.flatMap((tenant) => tenant.apiKeys.map((key) => ({ tenant, digest: digest(key) })));
  return (req, res, next) => {
    const match = /^Bearer +(\S+) *$/i.exec(req.get('authorization') ?? '');
    if (!match) {
      next(unauthorized('MissingApiKey', 'send the tenant API key as "Authorization: Bearer <key>"', 'Bearer realm="hirebridge"'));
      return;
    }
    const given = digest(match[1]!);
    let tenant: TenantConfig | undefined;
    for (const key of keys) {
      if (timingSafeEqual(key.digest, given) && tenant === undefined) tenant = key.tenant;
    }
    if (!tenant) {
      next(unauthorized('InvalidApiKey', 'the API key is not valid', 'Bearer realm="hirebridge", error="invalid_token"'));
      return;
    }
    res.locals.tenant = tenant;
    next();
  };
}

/** The tenant the request's API key belongs to; only valid behind apiKeyAuth. */
export function callerTenant(res: Response): TenantConfig {
  const tenant = res.locals.tenant as TenantConfig | undefined;
  if (!tenant) throw new Error('callerTenant used on a route without apiKeyAuth');
  return tenant;
}

function unauthorized(code: string, message: string, challenge: string): ApiError {
  return new ApiError(ApiErrorKind.UNAUTHORIZED, code, message, { headers: { 'WWW-Authenticate': challenge } });
}
