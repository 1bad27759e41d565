// The simulated Tencent Cloud API gateway in front of SMS (notify-providers.md §2.1–§2.3): the
// TC3-HMAC-SHA256 signature over the exact body bytes, rebuilt from the SignedHeaders the caller
// lists (content-type and host at least); the 5-minute clock window, the service `sms` and the UTC
// scope date; the action, version and region; then injected failures. Always HTTP 200.
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { NotifyFailureInjector, TakenFailure } from '../notify-kit/notify-failures';
import { TENCENT_CODES, TENCENT_INPUT_CODES, TENCENT_REGIONS, type TencentAccount } from './tencent-model';
import { parseTc3Authorization, sameHex, tc3CanonicalRequest, tc3Date, tc3Signature, tc3StringToSign } from './tencent-signing';
import type { TencentState } from './tencent-state';

export const TENCENT_VERSION = '2021-01-11';
export const TENCENT_ACTIONS = ['SendSms', 'PullSmsSendStatusByPhoneNumber'] as const;
const CLOCK_WINDOW_S = 300;

export interface TencentCall {
  account: TencentAccount;
  action: (typeof TENCENT_ACTIONS)[number];
  body: Record<string, unknown>;
  requestId: string;
  /** An injected per-number refusal, applied by SendSms to every number. */
  perNumberFailure?: TakenFailure;
}

/** `{"Response": {...fields, "RequestId"}}`; an `Error` member makes it a request-level failure. */
export function tencentReply(req: Request, res: Response, fields: Record<string, unknown>): void {
  const error = fields.Error as { Code?: string } | undefined;
  res.locals.code = error?.Code ?? res.locals.code;
  if (res.locals.dropAfterAccept && !error) {
    // The provider acted, but the caller never hears it.
    res.locals.dropped = true;
    req.socket.destroy();
    return;
  }
  res.status(200).json({ Response: { ...fields, RequestId: res.locals.requestId ?? randomUUID() } });
}

export function tencentError(req: Request, res: Response, code: string, message?: string): void {
  tencentReply(req, res, { Error: { Code: code, Message: message ?? TENCENT_CODES[code]?.message ?? TENCENT_INPUT_CODES[code] ?? code } });
}

const header = (req: Request, name: string): string => {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v ?? '';
};

/**
 * §2.2.2: the value each signed header contributes. content-type and host as sent; other headers
 * (x-tc-action …) in lowercase. The host is also tried without its port: a client on the default
 * port never sends one, and Tencent's Node SDK signs the host name alone even when the URL has a port.
 */
function canonicalHeaderVariants(req: Request, names: string[]): [string, string][][] {
  const base = names.map((n): [string, string] => [n, n === 'content-type' || n === 'host' ? header(req, n).trim() : header(req, n).trim().toLowerCase()]);
  const host = header(req, 'host').trim();
  const withoutPort = host.replace(/:\d+$/, '');
  if (withoutPort === host) return [base];
  return [base, base.map(([n, v]): [string, string] => [n, n === 'host' ? withoutPort : v])];
}

export function createTencentGateway(deps: { state: TencentState; failures: NotifyFailureInjector }) {
  const { state } = deps;
  return async function gateway(req: Request, res: Response, next: NextFunction): Promise<void> {
    res.locals.requestId = randomUUID();
    const action = header(req, 'x-tc-action');
    let logged = false;
    const log = () => {
      if (logged) return;
      logged = true;
      state.requests.push({ at: Date.now(), action, secretId: res.locals.secretId as string | undefined, code: res.locals.dropped ? 'dropped' : res.locals.code as string | undefined, injected: res.locals.injected as string | undefined });
    };
    res.on('finish', log);
    res.on('close', log);
    const refuse = (code: string, message?: string) => tencentError(req, res, code, message);

    if (req.method !== 'POST' || req.path !== '/') return refuse('InvalidAction', 'Tencent Cloud API takes POST / here.');
    const auth = parseTc3Authorization(header(req, 'authorization'));
    if (!auth) return refuse('AuthFailure.SignatureFailure', 'Authorization must be TC3-HMAC-SHA256 Credential=<SecretId>/<date>/sms/tc3_request, SignedHeaders=…, Signature=….');
    res.locals.secretId = auth.secretId;
    const account = state.accounts.get(auth.secretId);
    if (!account) return refuse('AuthFailure.SecretIdNotFound');

    const timestampText = header(req, 'x-tc-timestamp');
    if (!/^\d{9,11}$/.test(timestampText)) return refuse('AuthFailure.SignatureExpire', 'X-TC-Timestamp must be unix seconds.');
    const timestamp = Number(timestampText);
    // Signature times are checked against the real clock: the hub signs with it.
    if (Math.abs(Date.now() / 1000 - timestamp) > CLOCK_WINDOW_S) return refuse('AuthFailure.SignatureExpire', `Signature expired. Timestamp ${timestamp} is more than 5 minutes from the server time.`);
    if (auth.service !== 'sms') return refuse('AuthFailure.SignatureFailure', `CredentialScope service must be sms, not ${auth.service}.`);
    if (auth.date !== tc3Date(timestamp)) return refuse('AuthFailure.SignatureFailure', `CredentialScope date must be the UTC date of X-TC-Timestamp (${tc3Date(timestamp)}).`);
    if (!auth.signedHeaders.includes('content-type') || !auth.signedHeaders.includes('host')) {
      return refuse('AuthFailure.SignatureFailure', 'SignedHeaders must include content-type and host.');
    }

    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
    const signed = canonicalHeaderVariants(req, auth.signedHeaders).some((headers) => {
      const canonical = tc3CanonicalRequest({ query, headers, body });
      return sameHex(tc3Signature(account.secretKey, timestamp, 'sms', tc3StringToSign(timestamp, 'sms', canonical)), auth.signature);
    });
    if (!signed) return refuse('AuthFailure.SignatureFailure');

    if (!(TENCENT_ACTIONS as readonly string[]).includes(action) || header(req, 'x-tc-version') !== TENCENT_VERSION) {
      return refuse('InvalidAction', `接口不存在：${action} ${header(req, 'x-tc-version')}`);
    }
    if (!TENCENT_REGIONS.includes(header(req, 'x-tc-region'))) return refuse('UnsupportedRegion', `X-TC-Region must be one of ${TENCENT_REGIONS.join(', ')}.`);

    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return refuse('InvalidParameter', 'The body is not valid JSON.');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return refuse('InvalidParameter', 'The body must be a JSON object.');
    const fields = parsed as Record<string, unknown>;

    const phones = Array.isArray(fields.PhoneNumberSet) ? fields.PhoneNumberSet.join(',') : String(fields.PhoneNumber ?? '');
    const target = [action, phones, String(fields.TemplateId ?? ''), String(fields.SessionContext ?? '')].join(' ');
    const call: TencentCall = { account, action: action as TencentCall['action'], body: fields, requestId: res.locals.requestId as string };
    const failure = deps.failures.take(target);
    if (failure) {
      res.locals.injected = failure.kind === 'refuse' ? failure.code : failure.kind;
      if (failure.kind === 'refuse') {
        const scope = failure.scope ?? TENCENT_CODES[failure.code!]?.scope ?? 'request';
        if (scope === 'request' || action !== 'SendSms') return refuse(failure.code!, failure.message);
        call.perNumberFailure = failure;
      }
      if (failure.kind === 'drop') { res.locals.dropped = true; req.socket.destroy(); return; }
      if (failure.kind === 'dropAfterAccept') res.locals.dropAfterAccept = true;
      if (failure.kind === 'slow') await new Promise((r) => setTimeout(r, failure.delayMs));
    }
    res.locals.call = call;
    next();
  };
}
