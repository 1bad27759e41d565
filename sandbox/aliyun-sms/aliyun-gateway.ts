// The simulated Aliyun API gateway in front of dysmsapi (notify-providers.md §1.1–§1.3): the V3
// signature over whatever body arrives, the 15-minute clock window, nonce reuse, the action and
// version, then injected failures; it hands on the parameters from the query and a form body.
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { NotifyFailureInjector } from '../notify-kit/notify-failures';
import { ALIYUN_CODES, ALIYUN_INPUT_CODES, type AliyunAccount } from './aliyun-model';
import {
  acsCanonicalRequest, acsSignature, acsStringToSign, parseAcsAuthorization, parseRawQuery, sameHex, sha256Hex,
} from './aliyun-signing';
import type { AliyunState } from './aliyun-state';

export const ALIYUN_VERSION = '2017-05-25';
export const ALIYUN_ACTIONS = ['SendSms', 'QuerySendDetails'] as const;
const CLOCK_WINDOW_MS = 15 * 60_000;

export interface AliyunCall {
  account: AliyunAccount;
  action: (typeof ALIYUN_ACTIONS)[number];
  params: Map<string, string>;
  requestId: string;
}

/** HTTP 200 business body, or the gateway's 4xx body, by the code's table entry. */
export function aliyunReply(req: Request, res: Response, code: string, message?: string, extra: Record<string, unknown> = {}): void {
  const entry = ALIYUN_CODES[code] ?? ALIYUN_INPUT_CODES[code] ?? { http: 200, message: code };
  const requestId = (res.locals.requestId as string | undefined) ?? randomUUID().toUpperCase();
  res.locals.code = code;
  if (res.locals.dropAfterAccept && code === 'OK') {
    // The provider acted, but the caller never hears it: cut the connection instead of answering.
    res.locals.dropped = true;
    req.socket.destroy();
    return;
  }
  if (entry.http === 200) {
    res.status(200).json({ Code: code, Message: message ?? entry.message, RequestId: requestId, ...extra });
    return;
  }
  res.status(entry.http).json({
    RequestId: requestId,
    HostId: req.get('host') ?? 'dysmsapi.aliyuncs.com',
    Code: code,
    Message: message ?? entry.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=Dysmsapi`,
  });
}

/** Lowercase header names → values (a repeated header, which node gives as a list, joined with a comma). */
function headerMap(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(',') : value;
  return out;
}

export function createAliyunGateway(deps: { state: AliyunState; failures: NotifyFailureInjector }) {
  const { state } = deps;
  const nonces = new Map<string, number>(); // `${accessKeyId}:${nonce}` → wall ms first seen

  return async function gateway(req: Request, res: Response, next: NextFunction): Promise<void> {
    res.locals.requestId = randomUUID().toUpperCase();
    const headers = headerMap(req);
    const action = headers['x-acs-action'] ?? '';
    let logged = false;
    const log = () => {
      if (logged) return;
      logged = true;
      state.requests.push({
        at: Date.now(), action, accessKeyId: res.locals.accessKeyId as string | undefined, httpStatus: res.locals.dropped ? 0 : res.statusCode,
        code: res.locals.code as string | undefined, injected: res.locals.injected as string | undefined,
      });
    };
    res.on('finish', log);
    res.on('close', log);
    const refuse = (code: string, message?: string) => aliyunReply(req, res, code, message);

    if (req.method !== 'POST' || req.path !== '/') return refuse('InvalidAction.NotFound', 'dysmsapi takes POST / only.');
    const auth = parseAcsAuthorization(headers.authorization);
    if (!auth) return refuse('SignatureDoesNotMatch', 'Authorization must be ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=….');
    res.locals.accessKeyId = auth.accessKeyId;
    const account = state.accounts.get(auth.accessKeyId);
    if (!account) return refuse('InvalidAccessKeyId.NotFound');

    const date = headers['x-acs-date'] ?? '';
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(date) || Number.isNaN(Date.parse(date))) {
      return refuse('InvalidTimeStamp.Expired', 'x-acs-date must be UTC YYYY-MM-DDTHH:mm:ssZ.');
    }
    // Signature times are checked against the real clock: the hub signs with it.
    if (Math.abs(Date.now() - Date.parse(date)) > CLOCK_WINDOW_MS) return refuse('InvalidTimeStamp.Expired', `x-acs-date ${date} is more than 15 minutes from the server's clock.`);

    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const hashedPayload = sha256Hex(body);
    if ((headers['x-acs-content-sha256'] ?? '') !== hashedPayload) return refuse('SignatureDoesNotMatch', 'x-acs-content-sha256 is not the SHA-256 of the body.');

    // §1.2.4: host, content-type if present and every x-acs-* header must be signed, sorted.
    const required = Object.keys(headers).filter((n) => n === 'host' || n === 'content-type' || n.startsWith('x-acs-'));
    const missing = required.filter((n) => !auth.signedHeaders.includes(n));
    if (missing.length > 0) return refuse('SignatureDoesNotMatch', `SignedHeaders must include ${missing.join(', ')}.`);
    if (auth.signedHeaders.join(';') !== [...auth.signedHeaders].sort().join(';')) return refuse('SignatureDoesNotMatch', 'SignedHeaders must be sorted.');

    const rawQuery = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
    let query: [string, string][];
    try {
      query = parseRawQuery(rawQuery);
    } catch {
      return refuse('SignatureDoesNotMatch', 'The query string is not valid percent-encoding.');
    }
    const canonical = acsCanonicalRequest({ query, headers, signedHeaders: auth.signedHeaders, hashedPayload });
    const stringToSign = acsStringToSign(canonical);
    if (!sameHex(acsSignature(account.accessKeySecret, stringToSign), auth.signature)) {
      return refuse('SignatureDoesNotMatch', `Specified signature does not match our calculation. server string to sign is:${stringToSign}`);
    }

    // After the signature, so that a forged request cannot use up someone's nonce.
    const nonce = headers['x-acs-signature-nonce'] ?? '';
    if (!nonce) return refuse('SignatureDoesNotMatch', 'x-acs-signature-nonce is required.');
    const now = Date.now();
    for (const [key, seenAt] of nonces) if (seenAt < now - CLOCK_WINDOW_MS) nonces.delete(key);
    const nonceKey = `${account.accessKeyId}:${nonce}`;
    if (nonces.has(nonceKey)) return refuse('SignatureNonceUsed');
    nonces.set(nonceKey, now);

    if (!(ALIYUN_ACTIONS as readonly string[]).includes(action) || headers['x-acs-version'] !== ALIYUN_VERSION) {
      return refuse('InvalidAction.NotFound', `Specified api is not found: ${action} ${headers['x-acs-version'] ?? ''}.`);
    }

    const params = new Map(query);
    if ((headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      // The other RPC option: parameters in a form body (hashed and signed above).
      for (const [name, value] of new URLSearchParams(body.toString('utf8'))) params.set(name, value);
    }

    const target = [action, params.get('PhoneNumbers') ?? params.get('PhoneNumber') ?? '', params.get('TemplateCode') ?? '', params.get('OutId') ?? ''].join(' ');
    const failure = deps.failures.take(target);
    if (failure) {
      res.locals.injected = failure.kind === 'refuse' ? failure.code : failure.kind;
      if (failure.kind === 'refuse') return refuse(failure.code!, failure.message);
      if (failure.kind === 'drop') { res.locals.dropped = true; req.socket.destroy(); return; }
      if (failure.kind === 'dropAfterAccept') res.locals.dropAfterAccept = true;
      if (failure.kind === 'slow') await new Promise((r) => setTimeout(r, failure.delayMs));
    }

    const call: AliyunCall = { account, action: action as AliyunCall['action'], params, requestId: res.locals.requestId as string };
    res.locals.call = call;
    next();
  };
}
