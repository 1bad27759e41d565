// Signature vectors for both boards' schemes (specs/job-boards.md). Expected values are computed
// here with node:crypto (and pinned as literals computed with `openssl dgst`), never with the
// functions under test, so a shared mistake cannot make both sides agree.
import { createHash, createHmac } from 'node:crypto';
import {
  canonicalQuery,
  doumiRequestSignature,
  doumiStringToSign,
  doumiWebhookSignature,
  verifyDoumiWebhook,
} from '../connectors/doumi/doumi-signature';
import { jianzhimaoSign, jianzhimaoTimestampFresh, verifyJianzhimaoSign } from '../connectors/jianzhimao/jianzhimao-signature';

const hmacHex = (key: string, data: string | Buffer) => createHmac('sha256', key).update(data).digest('hex');
const md5Upper = (data: string) => createHash('md5').update(data, 'utf8').digest('hex').toUpperCase();

describe('Doumi webhook signature: HMAC-SHA256(webhookSecret, TIMESTAMP + "." + rawBody), lowercase hex', () => {
  const secret = 'whsec-test-0001';
  const ts = '1764034200000';
  const body = '{"event":"application.created","deliveryId":"d-1"}';
  const now = Number(ts);

  it('matches the fixed vector (openssl) and node:crypto', () => {
    expect(doumiWebhookSignature(secret, ts, body)).toBe('dd4db01aa5e2acc5d17662d4ed99438fefa2496ec0f6409e1dd042d05ed627b2');
    expect(doumiWebhookSignature(secret, ts, Buffer.from(body))).toBe(hmacHex(secret, `${ts}.${body}`));
  });

  it('signs the exact bytes: Chinese text in UTF-8, and whitespace counts', () => {
    const chinese = Buffer.from('{"name":"张三","city":"上海"}', 'utf8');
    expect(doumiWebhookSignature(secret, ts, chinese)).toBe(hmacHex(secret, Buffer.concat([Buffer.from(`${ts}.`), chinese])));
    expect(doumiWebhookSignature(secret, ts, `${body} `)).not.toBe(doumiWebhookSignature(secret, ts, body));
  });

  it('verifies a good delivery, also with an upper-case signature', () => {
    const signature = hmacHex(secret, `${ts}.${body}`);
    expect(verifyDoumiWebhook({ secret, timestampHeader: ts, signatureHeader: signature, rawBody: body, nowMs: now })).toEqual({ ok: true });
    expect(verifyDoumiWebhook({ secret, timestampHeader: ts, signatureHeader: signature.toUpperCase(), rawBody: body, nowMs: now })).toEqual({ ok: true });
  });

  it.each([
    ['another secret', { signatureHeader: hmacHex('other-secret', `${ts}.${body}`) }, 'does not match'],
    ['a changed body', { rawBody: body.replace('d-1', 'd-2') }, 'does not match'],
    ['no signature', { signatureHeader: undefined }, 'missing X-Dm-Signature'],
    ['a truncated signature', { signatureHeader: 'abc123' }, 'not 64 hex'],
    ['no timestamp', { timestampHeader: undefined }, 'missing X-Dm-Timestamp'],
    ['a timestamp in seconds', { timestampHeader: '1764034200' }, '±300 s'],
    ['a timestamp 301 s old', { nowMs: now + 301_000 }, '±300 s'],
    ['a timestamp 301 s ahead', { nowMs: now - 301_000 }, '±300 s'],
  ])('refuses %s', (_what, change, reason) => {
    const input = { secret, timestampHeader: ts as string | undefined, signatureHeader: hmacHex(secret, `${ts}.${body}`) as string | undefined, rawBody: body, nowMs: now, ...change };
    const verdict = verifyDoumiWebhook(input);
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? '' : verdict.reason).toContain(reason);
  });

  it('accepts the edges of the ±300 s window', () => {
    for (const nowMs of [now + 300_000, now - 300_000]) {
      const signatureHeader = hmacHex(secret, `${ts}.${body}`);
      expect(verifyDoumiWebhook({ secret, timestampHeader: ts, signatureHeader, rawBody: body, nowMs }).ok).toBe(true);
    }
  });
});

describe('Doumi request signature: HMAC-SHA256(appSecret, METHOD\\nPATH\\nQUERY\\nTS\\nNONCE\\nhex(SHA256(body)))', () => {
  it('canonical query: sorted by name, RFC 3986 encoded, empty for none', () => {
    expect(canonicalQuery({ updatedAfter: '2026-11-25T00:00:00+08:00', limit: 50, cursor: 'abc/==' })).toBe(
      'cursor=abc%2F%3D%3D&limit=50&updatedAfter=2026-11-25T00%3A00%3A00%2B08%3A00',
    );
    expect(canonicalQuery({})).toBe('');
    expect(canonicalQuery(undefined)).toBe('');
    // RFC 3986: space is %20 (not +), and !'()* are encoded; unreserved -._~ are not.
    expect(canonicalQuery({ q: "a b!'()*-._~" })).toBe('q=a%20b%21%27%28%29%2A-._~');
    expect(canonicalQuery({ city: '上海' })).toBe('city=%E4%B8%8A%E6%B5%B7');
    expect(canonicalQuery({ b: '2', a: '1', absent: undefined })).toBe('a=1&b=2');
    expect(canonicalQuery(new URLSearchParams('limit=5&cursor=x'))).toBe('cursor=x&limit=5');
  });

  it('GET without a body: matches the fixed vector (openssl) and node:crypto', () => {
    const input = {
      appSecret: 'app-secret-1',
      method: 'get',
      path: '/open/v2/applications',
      query: { updatedAfter: '2026-11-25T00:00:00+08:00', limit: 50, cursor: 'abc/==' },
      timestampMs: '1764034200000',
      nonce: 'n0nce-0123456789ab',
    };
    const emptySha = createHash('sha256').update('').digest('hex');
    expect(emptySha).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const stringToSign = `GET\n/open/v2/applications\ncursor=abc%2F%3D%3D&limit=50&updatedAfter=2026-11-25T00%3A00%3A00%2B08%3A00\n1764034200000\nn0nce-0123456789ab\n${emptySha}`;
    expect(doumiStringToSign(input)).toBe(stringToSign);
    expect(doumiRequestSignature(input)).toBe('78c2edf57295d06e7b57a398facb61509905d3f1009c3f29a70758ec91f34cdc');
    expect(doumiRequestSignature(input)).toBe(hmacHex('app-secret-1', stringToSign));
  });

  it('POST with a JSON body hashes the body bytes', () => {
    const body = JSON.stringify({ status: 'INTERVIEWING' });
    const input = { appSecret: 's3', method: 'POST', path: '/open/v2/applications/DM1/status', timestampMs: '1764034200123', nonce: 'abcdefghijklmnop', body };
    const bodySha = createHash('sha256').update(body).digest('hex');
    expect(doumiRequestSignature(input)).toBe(hmacHex('s3', `POST\n/open/v2/applications/DM1/status\n\n1764034200123\nabcdefghijklmnop\n${bodySha}`));
  });
});

describe('Jianzhimao MD5 sign: sorted non-empty fields except sign, &key=secret, uppercase hex', () => {
  const fields = {
    app_id: 'jzm-app',
    method: 'resume.list',
    timestamp: '1764034200',
    nonce_str: 'abc123',
    sign_type: 'MD5',
    biz_content: '{"page_no":1}',
  };

  it('matches the fixed vector (openssl) and node:crypto', () => {
    const plain = 'app_id=jzm-app&biz_content={"page_no":1}&method=resume.list&nonce_str=abc123&sign_type=MD5&timestamp=1764034200&key=jzm-secret';
    expect(jianzhimaoSign(fields, 'jzm-secret')).toBe('5B4493B4092F2FF8FFC5B6D59CDDB08B');
    expect(jianzhimaoSign(fields, 'jzm-secret')).toBe(md5Upper(plain));
  });

  it('ignores `sign` itself and drops empty fields; order of the input does not matter', () => {
    const reversed = Object.fromEntries(Object.entries(fields).reverse());
    const expected = jianzhimaoSign(fields, 'jzm-secret');
    expect(jianzhimaoSign({ ...reversed, sign: 'WHATEVER', empty: '', missing: null }, 'jzm-secret')).toBe(expected);
  });

  it('sorts by ASCII: upper case before lower case, and _ between them', () => {
    const f = { b: '2', B: '1', a_b: '3', ab: '4' };
    expect(jianzhimaoSign(f, 'k')).toBe(md5Upper('B=1&a_b=3&ab=4&b=2&key=k'));
  });

  it('signs Chinese text as UTF-8', () => {
    const f = { app_id: 'x', biz_content: '{"real_name":"李四"}' };
    expect(jianzhimaoSign(f, 'k')).toBe(md5Upper('app_id=x&biz_content={"real_name":"李四"}&key=k'));
  });

  it('verifies the sign (case-insensitive hex) and refuses a wrong one', () => {
    const sign = md5Upper('app_id=jzm-app&biz_content={"page_no":1}&method=resume.list&nonce_str=abc123&sign_type=MD5&timestamp=1764034200&key=jzm-secret');
    expect(verifyJianzhimaoSign({ ...fields, sign }, 'jzm-secret')).toBe(true);
    expect(verifyJianzhimaoSign({ ...fields, sign: sign.toLowerCase() }, 'jzm-secret')).toBe(true);
    expect(verifyJianzhimaoSign({ ...fields, sign }, 'other-secret')).toBe(false);
    expect(verifyJianzhimaoSign({ ...fields, method: 'resume.get', sign }, 'jzm-secret')).toBe(false);
    expect(verifyJianzhimaoSign({ ...fields, sign: 'short' }, 'jzm-secret')).toBe(false);
    expect(verifyJianzhimaoSign(fields, 'jzm-secret')).toBe(false);
  });

  it('timestamps: unix seconds within ±600 s', () => {
    const now = 1764034200_000;
    expect(jianzhimaoTimestampFresh('1764034200', now)).toBe(true);
    expect(jianzhimaoTimestampFresh('1764034800', now)).toBe(true);
    expect(jianzhimaoTimestampFresh('1764034801', now)).toBe(false);
    expect(jianzhimaoTimestampFresh('1764033599', now)).toBe(false);
    expect(jianzhimaoTimestampFresh('1764034200000', now)).toBe(false);
    expect(jianzhimaoTimestampFresh(undefined, now)).toBe(false);
  });
});
