// The message simulators themselves (sandbox/aliyun-sms, sandbox/tencent-sms, sandbox/wechat-mp),
// checked against ../shared/specs/notify-providers.md: the spec's signature vectors reproduced by
// each simulator's own code (expected values copied from the spec), requests signed here by code
// written in this file from the spec, every refusal class, receipts at a receiver on 127.0.0.1,
// look-ups, transport faults, and the vendor SDKs where they are installed.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { acsCanonicalRequest, acsSignature, acsStringToSign, canonicalQuery, EMPTY_SHA256, sha256Hex as acsSha } from '../sandbox/aliyun-sms/aliyun-signing';
import { startAliyunSmsSimulator, type AliyunSmsSimulator } from '../sandbox/aliyun-sms/aliyun-simulator';
import type { AliyunAccount } from '../sandbox/aliyun-sms/aliyun-model';
import { sha256Hex as tcSha, tc3CanonicalRequest, tc3Keys, tc3Signature, tc3StringToSign } from '../sandbox/tencent-sms/tencent-signing';
import { startTencentSmsSimulator, type TencentSmsSimulator } from '../sandbox/tencent-sms/tencent-simulator';
import type { TencentAccount } from '../sandbox/tencent-sms/tencent-model';
import { startWechatMpSimulator, type WechatMpSimulator } from '../sandbox/wechat-mp/wechat-simulator';
import type { WechatApp } from '../sandbox/wechat-mp/wechat-model';
import { eventually } from './support/eventually';

// ---------------------------------------------------------------------------------------------
// 1. The spec's vectors, reproduced by the simulators' own signing code
// ---------------------------------------------------------------------------------------------

const SIGN_NAME = '嗨桥招聘';
const A_KEY_ID = 'LTAI5tHBTestKeyId00000001';
const A_SECRET = 'hbAliyunTestSecret0000000000001';
const T_SECRET_ID = 'AKIDhbTestSecretId0000000000000000001';
const T_SECRET_KEY = 'hbTencentTestSecretKey000000001';
const JSON_CT = 'application/json; charset=utf-8';

const acsHeaders = (host: string, action: string, version: string, date: string, nonce: string) => ({
  host, 'x-acs-action': action, 'x-acs-version': version, 'x-acs-date': date, 'x-acs-signature-nonce': nonce, 'x-acs-content-sha256': EMPTY_SHA256,
});

describe('signature vectors (notify-providers.md §1.5, §2.5) by the simulators’ code', () => {
  it('A0: Aliyun’s own RunInstances example', () => {
    const canonical = acsCanonicalRequest({
      query: [['ImageId', 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd'], ['RegionId', 'cn-shanghai']],
      headers: acsHeaders('ecs.cn-shanghai.aliyuncs.com', 'RunInstances', '2014-05-26', '2023-10-26T09:01:01Z', 'd410180a5abf7fe235dd9b74aca91fc0'),
      hashedPayload: EMPTY_SHA256,
    });
    expect(acsSignature('YourAccessKeySecret', acsStringToSign(canonical))).toBe('e521358f7776c97df52e6b2891a8bc73026794a071b50c3323388c4e0df64804');
  });

  const a1Query: [string, string][] = [
    ['PhoneNumbers', '13800138000'], ['SignName', SIGN_NAME], ['TemplateCode', 'SMS_480001234'],
    ['TemplateParam', '{"name":"张三","job":"门店促销员","code":"K7P2Q9"}'], ['OutId', 'ntf_01JDZ9A1B2C3'],
  ];
  const a1Headers = acsHeaders('dysmsapi.aliyuncs.com', 'SendSms', '2017-05-25', '2026-11-25T01:30:00Z', '6a1f0c2e9b8d4e7fa3c5b7d9e1f20304');

  it('A1: result notice, the canonical request exactly as printed', () => {
    const canonical = acsCanonicalRequest({ query: a1Query, headers: a1Headers, hashedPayload: EMPTY_SHA256 });
    expect(canonical).toBe([
      'POST', '/',
      'OutId=ntf_01JDZ9A1B2C3&PhoneNumbers=13800138000&SignName=%E5%97%A8%E6%A1%A5%E6%8B%9B%E8%81%98&TemplateCode=SMS_480001234&TemplateParam=%7B%22name%22%3A%22%E5%BC%A0%E4%B8%89%22%2C%22job%22%3A%22%E9%97%A8%E5%BA%97%E4%BF%83%E9%94%80%E5%91%98%22%2C%22code%22%3A%22K7P2Q9%22%7D',
      'host:dysmsapi.aliyuncs.com', 'x-acs-action:SendSms',
      'x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'x-acs-date:2026-11-25T01:30:00Z', 'x-acs-signature-nonce:6a1f0c2e9b8d4e7fa3c5b7d9e1f20304', 'x-acs-version:2017-05-25', '',
      'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    ].join('\n'));
    expect(acsSha(canonical)).toBe('f7322172bbda2f521b17ee4c4b805b21bf5d4bcba8414b05d23c9a7603956e0a');
    expect(acsSignature(A_SECRET, acsStringToSign(canonical))).toBe('11187231c2b9f059d4a11aa8c2ad631945cd92458fb726448f6b0099c3c6c026');
  });

  it('A2: two numbers, the comma encoded', () => {
    const query: [string, string][] = [['PhoneNumbers', '13800138000,13900139000'], ['SignName', SIGN_NAME], ['TemplateCode', 'SMS_480001235'], ['TemplateParam', '{"code":"482913"}']];
    expect(canonicalQuery(query)).toBe('PhoneNumbers=13800138000%2C13900139000&SignName=%E5%97%A8%E6%A1%A5%E6%8B%9B%E8%81%98&TemplateCode=SMS_480001235&TemplateParam=%7B%22code%22%3A%22482913%22%7D');
    const canonical = acsCanonicalRequest({ query, headers: acsHeaders('dysmsapi.aliyuncs.com', 'SendSms', '2017-05-25', '2026-11-25T01:31:07Z', '0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e'), hashedPayload: EMPTY_SHA256 });
    expect(acsSha(canonical)).toBe('2d26e2ca5965fe6951542113eb4361a5393ed013037199d23c8c3dc9a39da5dc');
    expect(acsSignature(A_SECRET, acsStringToSign(canonical))).toBe('47bd4ac0d20d28a022de91882a1d738fbbc94210b29c569e715fb8e43b8b34dd');
  });

  it('A1 with one byte changed in any signed part no longer verifies', () => {
    const good = acsSignature(A_SECRET, acsStringToSign(acsCanonicalRequest({ query: a1Query, headers: a1Headers, hashedPayload: EMPTY_SHA256 })));
    const variants = [
      acsCanonicalRequest({ query: a1Query.map(([n, v]) => [n, n === 'OutId' ? 'ntf_01JDZ9A1B2C4' : v]), headers: a1Headers, hashedPayload: EMPTY_SHA256 }),
      acsCanonicalRequest({ query: a1Query, headers: { ...a1Headers, 'x-acs-date': '2026-11-25T01:30:01Z' }, hashedPayload: EMPTY_SHA256 }),
      acsCanonicalRequest({ query: a1Query, headers: { ...a1Headers, 'x-acs-signature-nonce': '6a1f0c2e9b8d4e7fa3c5b7d9e1f20305' }, hashedPayload: EMPTY_SHA256 }),
      acsCanonicalRequest({ query: a1Query, headers: { ...a1Headers, host: 'dysmsapi.aliyuncs.con' }, hashedPayload: EMPTY_SHA256 }),
      acsCanonicalRequest({ query: a1Query, headers: a1Headers, hashedPayload: acsSha(' ') }),
    ];
    for (const canonical of variants) expect(acsSignature(A_SECRET, acsStringToSign(canonical))).not.toBe(good);
  });

  it('T0: Tencent’s own DescribeInstances example, with the EXAMPLE key and with the masked key', () => {
    const body = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
    expect(tcSha(body)).toBe('35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064');
    const canonical = tc3CanonicalRequest({ headers: [['content-type', JSON_CT], ['host', 'cvm.tencentcloudapi.com']], body });
    const sts = tc3StringToSign(1551113065, 'cvm', canonical);
    expect(tc3Signature('Gu5t9xGARNpq86cd98joQYCN3EXAMPLE', 1551113065, 'cvm', sts)).toBe('72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168');
    expect(tc3Signature('Gu5t9xGARNpq86cd98joQYCN3*******', 1551113065, 'cvm', sts)).toBe('2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c');
  });

  const t1Body = '{"PhoneNumberSet":["+8613800138000"],"SmsSdkAppId":"1400987654","SignName":"嗨桥招聘","TemplateId":"2345678","TemplateParamSet":["张三","K7P2Q9"],"SessionContext":"ntf_01JDZ9A1B2C3"}';
  const smsHeaders: [string, string][] = [['content-type', JSON_CT], ['host', 'sms.tencentcloudapi.com']];

  it('T1: result notice, every intermediate value', () => {
    expect(tcSha(t1Body)).toBe('22811d725fcd5dcca499f629bb8d98c5cf6454abdff3e0aea5124c5d0ebe23bb');
    const canonical = tc3CanonicalRequest({ headers: smsHeaders, body: t1Body });
    expect(tcSha(canonical)).toBe('b70fa4fd635d66fd2faf748307764175f845ad103cf88d39820bc2fbbd0e4f75');
    const sts = tc3StringToSign(1795570200, 'sms', canonical);
    expect(sts).toBe('TC3-HMAC-SHA256\n1795570200\n2026-11-25/sms/tc3_request\nb70fa4fd635d66fd2faf748307764175f845ad103cf88d39820bc2fbbd0e4f75');
    const keys = tc3Keys(T_SECRET_KEY, '2026-11-25', 'sms');
    expect(keys.kDate.toString('hex')).toBe('48889846c2b90ce5e86cea2a45fee50dfbdb3a8e486c01c2cb1fd1b869f8cec9');
    expect(keys.kService.toString('hex')).toBe('d0d4fea793ad7c03d67fa17ca6df12f5a6233ac0c33aaba1c9fcd6fe8cd745b2');
    expect(keys.kSigning.toString('hex')).toBe('75b7c79251f1a284ebe39d6d00ca73edf44ef9b72d58f0c18527689630cfc927');
    expect(tc3Signature(T_SECRET_KEY, 1795570200, 'sms', sts)).toBe('631ef6fbbdbcd3fc2bf8172f546ef0e0fbacfd92fcc245105ad39c50ac8f41d4');
  });

  it('T2: just before UTC midnight, the scope date is the UTC date', () => {
    const body = '{"PhoneNumberSet":["+8613900139000"],"SmsSdkAppId":"1400987654","SignName":"嗨桥招聘","TemplateId":"2345679","TemplateParamSet":["482913"]}';
    expect(tcSha(body)).toBe('5fc3c109ea0fe4422c51a6ca24985c286bd8e94d13d6a86590b5543a7ad62f34');
    const canonical = tc3CanonicalRequest({ headers: smsHeaders, body });
    expect(tcSha(canonical)).toBe('1a0f3bb815e03f599d1e16eeaaaff96c15d3425d5bd266672e02ee1f55193268');
    const sts = tc3StringToSign(1795564799, 'sms', canonical);
    expect(sts.split('\n')[2]).toBe('2026-11-24/sms/tc3_request');
    const keys = tc3Keys(T_SECRET_KEY, '2026-11-24', 'sms');
    expect(keys.kDate.toString('hex')).toBe('8fc267a341567bc57475a9ab75c186d2d1b285c678f6af32f6667c41c72e6ee4');
    expect(keys.kSigning.toString('hex')).toBe('6c7ce4c764c29c40fd50bd99aaca4eeac4ee69bea58986f85aae84e6e2164f4f');
    expect(tc3Signature(T_SECRET_KEY, 1795564799, 'sms', sts)).toBe('c92f7c4fef555ec0484b2115750f6fac7b8efced47941c38e09ef4c64fa2bfa8');
  });

  it('T1 with one byte changed in the body, a header, the time or the scope no longer verifies', () => {
    const good = tc3Signature(T_SECRET_KEY, 1795570200, 'sms', tc3StringToSign(1795570200, 'sms', tc3CanonicalRequest({ headers: smsHeaders, body: t1Body })));
    const sign = (ts: number, service: string, headers: [string, string][], body: string) => tc3Signature(T_SECRET_KEY, ts, service, tc3StringToSign(ts, service, tc3CanonicalRequest({ headers, body })));
    expect(sign(1795570200, 'sms', smsHeaders, t1Body.replace('K7P2Q9', 'K7P2Q8'))).not.toBe(good);
    expect(sign(1795570200, 'sms', [['content-type', 'application/json; charset=utf-9'], smsHeaders[1]!], t1Body)).not.toBe(good);
    expect(sign(1795570201, 'sms', smsHeaders, t1Body)).not.toBe(good);
    expect(sign(1795570200, 'smt', smsHeaders, t1Body)).not.toBe(good);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Clients written here from the spec (never the simulators' code), and a receipt receiver
// ---------------------------------------------------------------------------------------------

/** RFC 3986 via encodeURIComponent, which leaves !'()* alone. */
const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

interface AliyunCallOptions {
  action?: string;
  params: Record<string, string>;
  keyId?: string;
  secret?: string;
  dateMs?: number;
  nonce?: string;
  /** Put the parameters in a form body instead of the query. */
  form?: boolean;
  /** Extra headers, sent and (unless unsigned) signed. */
  extraHeaders?: Record<string, string>;
  unsigned?: string[];
  /** Change the request after signing. */
  afterSigning?: (r: { query: string; headers: Record<string, string>; body: string }) => void;
}

async function aliyunCall(sim: AliyunSmsSimulator, o: AliyunCallOptions): Promise<{ status: number; json: any }> {
  const pairs = Object.entries(o.params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const encoded = pairs.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join('&');
  const query = o.form ? '' : encoded;
  const body = o.form ? pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&') : '';
  const headers: Record<string, string> = {
    host: sim.host,
    'x-acs-action': o.action ?? 'SendSms',
    'x-acs-version': '2017-05-25',
    'x-acs-date': isoSeconds(o.dateMs ?? Date.now()),
    'x-acs-signature-nonce': o.nonce ?? randomBytes(16).toString('hex'),
    'x-acs-content-sha256': sha256(body),
    ...(o.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    ...o.extraHeaders,
  };
  const signedNames = Object.keys(headers).filter((n) => !(o.unsigned ?? []).includes(n)).sort();
  const canonical = ['POST', '/', query, signedNames.map((n) => `${n}:${headers[n]!.trim()}\n`).join(''), signedNames.join(';'), headers['x-acs-content-sha256']].join('\n');
  const stringToSign = `ACS3-HMAC-SHA256\n${sha256(canonical)}`;
  const signature = createHmac('sha256', o.secret ?? A_SECRET).update(stringToSign).digest('hex');
  headers.authorization = `ACS3-HMAC-SHA256 Credential=${o.keyId ?? A_KEY_ID},SignedHeaders=${signedNames.join(';')},Signature=${signature}`;
  const request = { query, headers, body };
  o.afterSigning?.(request);
  const { host: _host, ...sent } = request.headers; // fetch sets Host itself (to the same value)
  const res = await fetch(`${sim.url}/${request.query ? `?${request.query}` : ''}`, { method: 'POST', headers: sent, body: request.body || undefined });
  return { status: res.status, json: await res.json() };
}

interface TencentCallOptions {
  action?: string;
  body: unknown;
  secretId?: string;
  secretKey?: string;
  timestamp?: number;
  contentType?: string;
  /** The host value signed (default: as sent). */
  signHost?: string;
  scopeDate?: string;
  service?: string;
  /** Also sign x-tc-action (lowercase value), as §2.2.2 allows. */
  signAction?: boolean;
  region?: string | null;
  extraHeaders?: Record<string, string>;
  afterSigning?: (r: { body: string; headers: Record<string, string> }) => void;
}

async function tencentCall(sim: TencentSmsSimulator, o: TencentCallOptions): Promise<any> {
  const body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
  const timestamp = o.timestamp ?? Math.floor(Date.now() / 1000);
  const contentType = o.contentType ?? JSON_CT;
  const action = o.action ?? 'SendSms';
  const date = o.scopeDate ?? new Date(timestamp * 1000).toISOString().slice(0, 10);
  const service = o.service ?? 'sms';
  const signed: [string, string][] = [['content-type', contentType], ['host', o.signHost ?? sim.host]];
  if (o.signAction) signed.push(['x-tc-action', action.toLowerCase()]);
  const canonical = `POST\n/\n\n${signed.map(([n, v]) => `${n}:${v}\n`).join('')}\n${signed.map(([n]) => n).join(';')}\n${sha256(body)}`;
  const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/${service}/tc3_request\n${sha256(canonical)}`;
  const h = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text).digest();
  const kSigning = h(h(h(`TC3${o.secretKey ?? T_SECRET_KEY}`, date), service), 'tc3_request');
  const signature = createHmac('sha256', kSigning).update(stringToSign).digest('hex');
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-tc-action': action,
    'x-tc-version': '2021-01-11',
    'x-tc-timestamp': String(timestamp),
    ...(o.region === null ? {} : { 'x-tc-region': o.region ?? 'ap-guangzhou' }),
    ...o.extraHeaders,
    authorization: `TC3-HMAC-SHA256 Credential=${o.secretId ?? T_SECRET_ID}/${date}/${service}/tc3_request, SignedHeaders=${signed.map(([n]) => n).join(';')}, Signature=${signature}`,
  };
  const request = { body, headers };
  o.afterSigning?.(request);
  const res = await fetch(`${sim.url}/`, { method: 'POST', headers: request.headers, body: request.body });
  expect(res.status).toBe(200); // Tencent always answers 200
  return ((await res.json()) as { Response: any }).Response;
}

interface ReceivedReceipt { provider: string; tenantId: string; secret: string; items: any[] }
interface Receiver { url: string; received: ReceivedReceipt[]; refuseNext: number; close(): Promise<void> }

/** The hub's receipt endpoints as the spec describes them, on 127.0.0.1. */
async function startReceiver(): Promise<Receiver> {
  const app = express();
  app.use(express.json());
  const receiver: Receiver = { url: '', received: [], refuseNext: 0, close: async () => {} };
  app.post('/webhooks/sms/:provider/:tenantId/:secret', (req, res) => {
    if (receiver.refuseNext > 0) { receiver.refuseNext -= 1; res.status(503).json({ code: 1 }); return; }
    const { provider, tenantId, secret } = req.params;
    receiver.received.push({ provider, tenantId, secret, items: req.body as any[] });
    if (provider === 'aliyun') res.json({ code: 0, msg: '接收成功' });
    else res.json({ result: 0, errmsg: 'OK' });
  });
  const server: Server = await new Promise((r) => { const s = app.listen(0, '127.0.0.1', () => r(s)); });
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.close = () => new Promise((r) => { server.close(() => r()); server.closeAllConnections(); });
  return receiver;
}

const moduleAvailable = (name: string): boolean => {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
};

// ---------------------------------------------------------------------------------------------
// 3. Aliyun SMS
// ---------------------------------------------------------------------------------------------

const ALIYUN: AliyunAccount = {
  tenantId: 'acme', accessKeyId: A_KEY_ID, accessKeySecret: A_SECRET, receiptSecret: 'acme-aliyun-receipt-7f3a',
  signNames: [SIGN_NAME],
  templates: {
    SMS_480001234: { content: '${name}您好，您应聘的${job}结果已出，请登录 hb.example.cn/r/${code} 查看。' },
    SMS_480001235: { content: '您的验证码为${code}，5分钟内有效。', kind: 'verification' },
    SMS_480009999: { content: '${name}您好，这是一个审核中的模板。', approved: false },
  },
};
const RESULT_PARAMS = { name: '张三', job: '门店促销员', code: 'K7P2Q9' };
const resultNotice = (extra: Record<string, string> = {}) => ({
  PhoneNumbers: '13800138000', SignName: SIGN_NAME, TemplateCode: 'SMS_480001234', TemplateParam: JSON.stringify(RESULT_PARAMS), OutId: 'ntf_01JDZ9A1B2C3', ...extra,
});
const beijingDay = (ms = Date.now()) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');

describe('Aliyun SMS simulator', () => {
  let sim: AliyunSmsSimulator;
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
    sim = await startAliyunSmsSimulator({ accounts: [ALIYUN], hubUrl: receiver.url, receiptDelayMs: 10, receiptRetryScale: 0.001, undeliverable: ['13700137000'] });
  });
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });
  beforeEach(() => sim.clearFailures());

  it('accepts a correctly signed SendSms, records it with its OutId, pushes the receipt and lists it in QuerySendDetails', async () => {
    const { status, json } = await aliyunCall(sim, { params: resultNotice() });
    expect(status).toBe(200);
    expect(json).toMatchObject({ Code: 'OK', Message: 'OK' });
    expect(json.BizId).toMatch(/^\d+\^0$/);
    expect(typeof json.RequestId).toBe('string');
    const [message] = sim.messages({ outId: 'ntf_01JDZ9A1B2C3' });
    expect(message).toMatchObject({ bizId: json.BizId, phone: '13800138000', templateCode: 'SMS_480001234', params: RESULT_PARAMS, status: 'ACCEPTED' });
    expect(message!.text).toBe('【嗨桥招聘】张三您好，您应聘的门店促销员结果已出，请登录 hb.example.cn/r/K7P2Q9 查看。');

    await sim.receiptsIdle();
    const receipt = receiver.received.find((r) => r.items.some((i) => i.biz_id === json.BizId))!;
    expect(receipt).toMatchObject({ provider: 'aliyun', tenantId: 'acme', secret: 'acme-aliyun-receipt-7f3a' });
    expect(receipt.items).toEqual([expect.objectContaining({
      phone_number: '13800138000', success: true, err_code: 'DELIVERED', biz_id: json.BizId, out_id: 'ntf_01JDZ9A1B2C3', sms_size: '1',
    })]);
    expect(receipt.items[0].send_time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/); // Beijing time, no zone
    expect(sim.messages({ outId: 'ntf_01JDZ9A1B2C3' })[0]!.status).toBe('DELIVERED');

    const query = await aliyunCall(sim, { action: 'QuerySendDetails', params: { PhoneNumber: '13800138000', SendDate: beijingDay(), PageSize: '10', CurrentPage: '1', BizId: json.BizId } });
    expect(query.json).toMatchObject({ Code: 'OK', TotalCount: '1' });
    expect(query.json.SmsSendDetailDTOs.SmsSendDetailDTO).toEqual([expect.objectContaining({ PhoneNum: '13800138000', SendStatus: 3, ErrCode: 'DELIVERED', OutId: 'ntf_01JDZ9A1B2C3', TemplateCode: 'SMS_480001234' })]);
  });

  it('refuses a bad signature, an unknown key, a stale clock and a reused nonce the gateway’s way (HTTP 4xx)', async () => {
    const before = sim.messages().length;
    const bad = await aliyunCall(sim, { params: resultNotice(), secret: 'not-the-secret' });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ Code: 'SignatureDoesNotMatch' });
    for (const field of ['RequestId', 'HostId', 'Message', 'Recommend']) expect(typeof bad.json[field]).toBe('string');

    const tampered = await aliyunCall(sim, { params: resultNotice(), afterSigning: (r) => { r.query = r.query.replace('K7P2Q9', 'K7P2Q8'); } });
    expect(tampered.json.Code).toBe('SignatureDoesNotMatch');
    const unsignedHeader = await aliyunCall(sim, { params: resultNotice(), extraHeaders: { 'x-acs-extra': '1' }, unsigned: ['x-acs-extra'] });
    expect(unsignedHeader.json.Code).toBe('SignatureDoesNotMatch');

    const unknown = await aliyunCall(sim, { params: resultNotice(), keyId: 'LTAI5tNobody' });
    expect(unknown.status).toBe(404);
    expect(unknown.json.Code).toBe('InvalidAccessKeyId.NotFound');

    const stale = await aliyunCall(sim, { params: resultNotice(), dateMs: Date.now() - 16 * 60_000 });
    expect(stale.status).toBe(400);
    expect(stale.json.Code).toBe('InvalidTimeStamp.Expired');
    const withinWindow = await aliyunCall(sim, { params: resultNotice(), dateMs: Date.now() - 14 * 60_000 });
    expect(withinWindow.json.Code).toBe('OK');

    const nonce = randomBytes(16).toString('hex');
    expect((await aliyunCall(sim, { params: resultNotice(), nonce })).json.Code).toBe('OK');
    const reused = await aliyunCall(sim, { params: resultNotice(), nonce });
    expect(reused.status).toBe(400);
    expect(reused.json.Code).toBe('SignatureNonceUsed');
    expect(sim.messages().length).toBe(before + 2);
  });

  it('also takes the parameters in a signed form body', async () => {
    const { json } = await aliyunCall(sim, { params: resultNotice({ OutId: 'ntf_form_1' }), form: true });
    expect(json.Code).toBe('OK');
    expect(sim.messages({ outId: 'ntf_form_1' })).toHaveLength(1);
  });

  it('enforces §0 and §1.4: numbers, SignName, TemplateCode, string values, no URLs, short values, no blocked words', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ PhoneNumbers: '+8613800138000' }, 'isv.MOBILE_NUMBER_ILLEGAL'],
      [{ PhoneNumbers: '0213800138' }, 'isv.MOBILE_NUMBER_ILLEGAL'],
      [{ PhoneNumbers: Array.from({ length: 1001 }, (_, i) => `138${String(i).padStart(8, '0')}`).join(',') }, 'isv.MOBILE_COUNT_OVER_LIMIT'],
      [{ SignName: '别的签名' }, 'isv.SMS_SIGNATURE_ILLEGAL'],
      [{ TemplateCode: 'SMS_000000000' }, 'isv.SMS_TEMPLATE_ILLEGAL'],
      [{ TemplateCode: 'SMS_480009999', TemplateParam: '{"name":"张三"}' }, 'isv.SMS_TEMPLATE_ILLEGAL'],
      [{ TemplateParam: '{"name":"张三","job":"门店促销员"}' }, 'isv.TEMPLATE_MISSING_PARAMETERS'],
      [{ TemplateParam: '{"name":"张三","job":"门店促销员","code":482913}' }, 'isv.INVALID_JSON_PARAM'],
      [{ TemplateParam: '{name:张三}' }, 'isv.INVALID_JSON_PARAM'],
      [{ TemplateParam: JSON.stringify({ ...RESULT_PARAMS, code: 'https://t.cn/x' }) }, 'isv.PARAM_NOT_SUPPORT_URL'],
      [{ TemplateParam: JSON.stringify({ ...RESULT_PARAMS, job: 'hb.example.com/j' }) }, 'isv.PARAM_NOT_SUPPORT_URL'],
      [{ TemplateParam: JSON.stringify({ ...RESULT_PARAMS, job: '门店促销员门店促销员门店促' }) }, 'isv.PARAM_LENGTH_LIMIT'],
      [{ TemplateParam: JSON.stringify({ ...RESULT_PARAMS, code: '密码123456' }) }, 'isv.BLACK_KEY_CONTROL_LIMIT'],
    ];
    const before = sim.messages().length;
    for (const [override, code] of cases) {
      const { status, json } = await aliyunCall(sim, { params: resultNotice(override) });
      expect([override, status, json.Code]).toEqual([override, 200, code]); // business refusals are HTTP 200
    }
    expect(sim.messages().length).toBe(before);
  });

  it('applies the per-number limits to verification codes (1/minute, 5/hour) on its clock', async () => {
    const otp = (phone: string) => aliyunCall(sim, { params: { PhoneNumbers: phone, SignName: SIGN_NAME, TemplateCode: 'SMS_480001235', TemplateParam: '{"code":"482913"}' } });
    expect((await otp('13600136000')).json.Code).toBe('OK');
    const limited = await otp('13600136000');
    expect(limited.json).toMatchObject({ Code: 'isv.BUSINESS_LIMIT_CONTROL' });
    expect((await otp('13600136001')).json.Code).toBe('OK'); // per number
    for (let i = 0; i < 4; i += 1) {
      sim.clock.advance(61_000);
      expect((await otp('13600136000')).json.Code).toBe('OK');
    }
    sim.clock.advance(61_000);
    const hourly = await otp('13600136000');
    expect(hourly.json.Code).toBe('isv.BUSINESS_LIMIT_CONTROL');
    expect(hourly.json.Message).toContain('小时');
    sim.clock.reset();
  });

  it('refuses by balance and when the account is out of service', async () => {
    sim.setBalance(0, 'acme');
    expect((await aliyunCall(sim, { params: resultNotice() })).json.Code).toBe('isv.AMOUNT_NOT_ENOUGH');
    sim.setBalance(undefined, 'acme');
    sim.setOutOfService(true, 'acme');
    expect((await aliyunCall(sim, { params: resultNotice() })).json.Code).toBe('isv.OUT_OF_SERVICE');
    sim.setOutOfService(false, 'acme');
  });

  it('answers every injected code of §1.3 where the spec puts it: isv/isp in an HTTP 200 body, the rest from the gateway', async () => {
    const business = ['isv.BUSINESS_LIMIT_CONTROL', 'isv.DAY_LIMIT_CONTROL', 'isv.MOBILE_NUMBER_ILLEGAL', 'isv.MOBILE_COUNT_OVER_LIMIT', 'isv.SMS_SIGNATURE_ILLEGAL',
      'isv.SMS_TEMPLATE_ILLEGAL', 'isv.TEMPLATE_MISSING_PARAMETERS', 'isv.INVALID_JSON_PARAM', 'isv.PARAM_LENGTH_LIMIT', 'isv.PARAM_NOT_SUPPORT_URL',
      'isv.BLACK_KEY_CONTROL_LIMIT', 'isv.AMOUNT_NOT_ENOUGH', 'isv.OUT_OF_SERVICE', 'isp.SYSTEM_ERROR'];
    const gateway = ['SignatureDoesNotMatch', 'InvalidAccessKeyId.NotFound', 'InvalidTimeStamp.Expired', 'SignatureNonceUsed', 'Throttling.User'];
    const before = sim.messages().length;
    for (const code of business) {
      sim.injectFailure({ code });
      const { status, json } = await aliyunCall(sim, { params: resultNotice() });
      expect([code, status, json.Code, typeof json.RequestId]).toEqual([code, 200, code, 'string']);
    }
    for (const code of gateway) {
      sim.injectFailure({ code });
      const { status, json } = await aliyunCall(sim, { params: resultNotice() });
      expect(status >= 400 && status < 500).toBe(true);
      expect([code, json.Code, typeof json.HostId, typeof json.Recommend]).toEqual([code, code, 'string', 'string']);
    }
    expect(sim.messages().length).toBe(before);
    // A match limits the failure to one number; others go through.
    sim.injectFailure({ code: 'isv.MOBILE_NUMBER_ILLEGAL', match: '13500135000' });
    expect((await aliyunCall(sim, { params: resultNotice() })).json.Code).toBe('OK');
    expect((await aliyunCall(sim, { params: resultNotice({ PhoneNumbers: '13500135000' }) })).json.Code).toBe('isv.MOBILE_NUMBER_ILLEGAL');
  });

  it('injects through POST /_sim/failures, and refuses an unknown code', async () => {
    const ok = await fetch(`${sim.url}/_sim/failures`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'Throttling.User', count: 1 }) });
    expect(ok.status).toBe(200);
    expect((await aliyunCall(sim, { params: resultNotice() })).json.Code).toBe('Throttling.User');
    const unknown = await fetch(`${sim.url}/_sim/failures`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'isv.NO_SUCH_CODE' }) });
    expect(unknown.status).toBe(400);
  });

  it('drop: nothing sent; dropAfterAccept: sent once, the caller never hears it, QuerySendDetails finds its OutId', async () => {
    sim.injectFailure({ kind: 'drop' });
    await expect(aliyunCall(sim, { params: resultNotice({ OutId: 'ntf_drop_1' }) })).rejects.toThrow();
    expect(sim.messages({ outId: 'ntf_drop_1' })).toHaveLength(0);

    sim.injectFailure({ kind: 'dropAfterAccept' });
    await expect(aliyunCall(sim, { params: resultNotice({ OutId: 'ntf_lost_answer', PhoneNumbers: '13400134000' }) })).rejects.toThrow();
    expect(sim.messages({ outId: 'ntf_lost_answer' })).toHaveLength(1);
    const query = await aliyunCall(sim, { action: 'QuerySendDetails', params: { PhoneNumber: '13400134000', SendDate: beijingDay(), PageSize: '10', CurrentPage: '1' } });
    expect(query.json.SmsSendDetailDTOs.SmsSendDetailDTO.map((d: any) => d.OutId)).toContain('ntf_lost_answer');
  });

  it('reports success: false for an undeliverable number, and retries a receipt the hub refused', async () => {
    await sim.receiptsIdle(); // earlier tests' receipts must not take the refusal
    receiver.refuseNext = 1;
    const { json } = await aliyunCall(sim, { params: resultNotice({ PhoneNumbers: '13700137000', OutId: 'ntf_undeliverable' }) });
    expect(json.Code).toBe('OK');
    await sim.receiptsIdle();
    const delivery = sim.receipts().find((d) => d.id === json.BizId)!;
    expect(delivery.state).toBe('delivered');
    expect(delivery.attempts.map((a) => a.status)).toEqual([503, 200]);
    const items = receiver.received.find((r) => r.items[0].biz_id === json.BizId)!.items;
    expect(items[0]).toMatchObject({ success: false, phone_number: '13700137000', out_id: 'ntf_undeliverable' });
    expect(sim.messages({ outId: 'ntf_undeliverable' })[0]!.status).toBe('FAILED');
  });

  it('is down for a while, then back on the same port', async () => {
    await sim.downFor(300);
    await expect(aliyunCall(sim, { params: resultNotice() })).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 400));
    expect((await aliyunCall(sim, { params: resultNotice() })).json.Code).toBe('OK');
  });

  it('lists what it received, masked, at /_sim/state, /_sim/outbox and on its page', async () => {
    const outbox = await (await fetch(`${sim.url}/_sim/outbox`)).json() as any[];
    expect(outbox.length).toBe(sim.messages().length);
    expect(outbox[0]).toEqual(expect.objectContaining({ provider: 'aliyun-sms', channel: 'sms', tenantId: 'acme', to: '138****8000', template: 'SMS_480001234', params: RESULT_PARAMS }));
    expect(Object.keys(outbox[0])).toEqual(expect.arrayContaining(['at', 'status', 'providerMessageId', 'idempotencyKey']));
    const state = await (await fetch(`${sim.url}/_sim/state`)).text();
    expect(state).not.toContain('13800138000');
    expect(state).not.toContain(A_SECRET);
    const page = await (await fetch(`${sim.url}/`)).text();
    expect(page).toContain('138****8000');
    expect(page).not.toContain('13800138000');
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Tencent Cloud SMS
// ---------------------------------------------------------------------------------------------

const TENCENT: TencentAccount = {
  tenantId: 'acme', secretId: T_SECRET_ID, secretKey: T_SECRET_KEY, smsSdkAppId: '1400987654', receiptSecret: 'acme-tencent-receipt-91c2',
  signNames: [SIGN_NAME],
  templates: {
    2345678: { content: '{1}您好，您的应聘结果已出，请登录 hb.example.cn/r/{2} 查看。' },
    2345679: { content: '您的验证码为{1}，5分钟内有效。', kind: 'verification' },
  },
};
const tResult = (extra: Record<string, unknown> = {}) => ({
  PhoneNumberSet: ['+8613800138000'], SmsSdkAppId: '1400987654', SignName: SIGN_NAME, TemplateId: '2345678', TemplateParamSet: ['张三', 'K7P2Q9'], SessionContext: 'ntf_01JDZ9A1B2C3', ...extra,
});

describe('Tencent Cloud SMS simulator', () => {
  let sim: TencentSmsSimulator;
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
    // Per-number limits off here except in their own test, so that sends to one number in a row go through.
    sim = await startTencentSmsSimulator({ accounts: [TENCENT], hubUrl: receiver.url, receiptDelayMs: 10, receiptRetryScale: 0.001, perNumberLimits: [], undeliverable: ['+8613700137000'], blacklist: ['+8613300133000'] });
  });
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });
  beforeEach(() => sim.clearFailures());

  it('accepts a correctly signed SendSms (the T1 body), per-number status, SessionContext echoed, receipt pushed, status pullable', async () => {
    const response = await tencentCall(sim, { body: tResult() });
    expect(response.Error).toBeUndefined();
    expect(typeof response.RequestId).toBe('string');
    expect(response.SendStatusSet).toEqual([expect.objectContaining({ PhoneNumber: '+8613800138000', Code: 'Ok', SessionContext: 'ntf_01JDZ9A1B2C3', Fee: 1, IsoCode: 'CN' })]);
    const serialNo = response.SendStatusSet[0].SerialNo as string;
    expect(serialNo).not.toBe('');
    expect(sim.messages({ sessionContext: 'ntf_01JDZ9A1B2C3' })[0]).toMatchObject({ serialNo, phone: '+8613800138000', params: ['张三', 'K7P2Q9'], text: '【嗨桥招聘】张三您好，您的应聘结果已出，请登录 hb.example.cn/r/K7P2Q9 查看。' });

    await sim.receiptsIdle();
    const receipt = receiver.received.find((r) => r.items.some((i) => i.sid === serialNo))!;
    expect(receipt).toMatchObject({ provider: 'tencent', tenantId: 'acme', secret: 'acme-tencent-receipt-91c2' });
    expect(receipt.items).toEqual([expect.objectContaining({ nationcode: '86', mobile: '13800138000', report_status: 'SUCCESS', errmsg: 'DELIVRD', sid: serialNo })]);
    expect(receipt.items[0].user_receive_time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    const pulled = await tencentCall(sim, { action: 'PullSmsSendStatusByPhoneNumber', body: { BeginTime: Math.floor(Date.now() / 1000) - 60, Offset: 0, Limit: 100, PhoneNumber: '+8613800138000', SmsSdkAppId: '1400987654' } });
    expect(pulled.PullSmsSendStatusSet).toEqual([expect.objectContaining({ SerialNo: serialNo, PhoneNumber: '+8613800138000', ReportStatus: 'SUCCESS' })]);
    expect(typeof pulled.PullSmsSendStatusSet[0].UserReceiveTime).toBe('number');
  });

  it('refuses bad signatures, unknown ids, clock skew and a wrong scope with a request-level Error', async () => {
    const before = sim.messages().length;
    const error = async (o: Partial<TencentCallOptions>) => (await tencentCall(sim, { body: tResult(), ...o })).Error?.Code;
    expect(await error({ secretKey: 'wrong' })).toBe('AuthFailure.SignatureFailure');
    expect(await error({ afterSigning: (r) => { r.body = r.body.replace('K7P2Q9', 'K7P2Q8'); } })).toBe('AuthFailure.SignatureFailure');
    expect(await error({ afterSigning: (r) => { r.headers['content-type'] = 'application/json;charset=utf-8'; } })).toBe('AuthFailure.SignatureFailure');
    expect(await error({ secretId: 'AKIDnobody' })).toBe('AuthFailure.SecretIdNotFound');
    expect(await error({ timestamp: Math.floor(Date.now() / 1000) - 301 })).toBe('AuthFailure.SignatureExpire');
    expect(await error({ service: 'cvm' })).toBe('AuthFailure.SignatureFailure');
    // The Beijing date instead of the UTC date (T2's trap), for a time just before UTC midnight.
    const nowS = Math.floor(Date.now() / 1000);
    const beijingDate = new Date((nowS + 8 * 3600) * 1000).toISOString().slice(0, 10);
    const utcDate = new Date(nowS * 1000).toISOString().slice(0, 10);
    if (beijingDate !== utcDate) expect(await error({ scopeDate: beijingDate })).toBe('AuthFailure.SignatureFailure');
    expect(await error({ scopeDate: '2001-01-01' })).toBe('AuthFailure.SignatureFailure');
    expect(await error({ region: 'us-east-1' })).toBe('UnsupportedRegion');
    expect(sim.messages().length).toBe(before);
    // Within the 5-minute window it is accepted.
    expect((await tencentCall(sim, { body: tResult(), timestamp: nowS - 290 })).SendStatusSet[0].Code).toBe('Ok');
  });

  it('rebuilds the canonical headers from the SignedHeaders sent (x-tc-action signed too)', async () => {
    const response = await tencentCall(sim, { body: tResult({ SessionContext: 'ntf_signed_action' }), signAction: true });
    expect(response.SendStatusSet[0].Code).toBe('Ok');
  });

  it('accepts the request shape of Tencent’s Node SDK: application/json, the host signed without its port, unsigned X-TC-* extras', async () => {
    const response = await tencentCall(sim, {
      body: tResult({ SessionContext: 'ntf_sdk_shape' }), contentType: 'application/json', signHost: '127.0.0.1',
      extraHeaders: { 'x-tc-requestclient': 'SDK_NODEJS_4.1.0', 'x-tc-traceid': randomBytes(8).toString('hex') },
    });
    expect(response.Error).toBeUndefined();
    expect(response.SendStatusSet[0].Code).toBe('Ok');
  });

  it('enforces §0 and §2.1: request-level template rules, per-number numbers and opt-outs', async () => {
    const requestCases: [Record<string, unknown>, string][] = [
      [{ SignName: '别的签名' }, 'FailedOperation.SignatureIncorrectOrUnapproved'],
      [{ SignName: undefined }, 'FailedOperation.SignatureIncorrectOrUnapproved'],
      [{ TemplateId: '9999999' }, 'FailedOperation.TemplateIncorrectOrUnapproved'],
      [{ TemplateParamSet: ['张三'] }, 'FailedOperation.TemplateParamSetNotMatchApprovedTemplate'],
      [{ TemplateParamSet: ['张三', 'https://t.cn/x'] }, 'InvalidParameterValue.ProhibitedUseUrlInTemplateParameter'],
      [{ TemplateParamSet: ['张三张三张三张三张三张三张', 'K7P2Q9'] }, 'InvalidParameterValue.TemplateParameterLengthLimit'],
      [{ TemplateId: '2345679', TemplateParamSet: ['K7P2Q9'] }, 'InvalidParameterValue.TemplateParameterFormatError'],
      [{ TemplateId: '2345679', TemplateParamSet: ['4829130'] }, 'InvalidParameterValue.TemplateParameterFormatError'],
    ];
    const before = sim.messages().length;
    for (const [override, code] of requestCases) {
      const response = await tencentCall(sim, { body: tResult(override) });
      expect([override, response.Error?.Code]).toEqual([override, code]);
    }
    const mixed = await tencentCall(sim, { body: tResult({ PhoneNumberSet: ['13800138000', '+8613300133000', '+8613900139000'] }) });
    expect(mixed.SendStatusSet.map((s: any) => s.Code)).toEqual(['InvalidParameterValue.IncorrectPhoneNumber', 'FailedOperation.PhoneNumberInBlacklist', 'Ok']);
    expect(sim.messages().length).toBe(before + 1);
    expect((await tencentCall(sim, { body: tResult({ TemplateId: '2345679', TemplateParamSet: ['482913'] }) })).SendStatusSet[0].Code).toBe('Ok');
  });

  it('answers every injected code of §2.3: per number in SendStatusSet, or as a request Error', async () => {
    const perNumber = ['LimitExceeded.PhoneNumberThirtySecondLimit', 'LimitExceeded.PhoneNumberOneHourLimit', 'LimitExceeded.PhoneNumberDailyLimit',
      'LimitExceeded.PhoneNumberSameContentDailyLimit', 'LimitExceeded.DeliveryFrequencyLimit', 'InvalidParameterValue.IncorrectPhoneNumber',
      'FailedOperation.PhoneNumberInBlacklist', 'FailedOperation.InsufficientBalanceInSmsPackage'];
    const requestLevel = ['FailedOperation.SignatureIncorrectOrUnapproved', 'FailedOperation.TemplateIncorrectOrUnapproved',
      'FailedOperation.TemplateParamSetNotMatchApprovedTemplate', 'InvalidParameterValue.TemplateParameterFormatError',
      'InvalidParameterValue.TemplateParameterLengthLimit', 'InvalidParameterValue.ProhibitedUseUrlInTemplateParameter',
      'AuthFailure.SignatureFailure', 'AuthFailure.SecretIdNotFound', 'AuthFailure.SignatureExpire', 'RequestLimitExceeded', 'InternalError.Timeout'];
    const before = sim.messages().length;
    for (const code of perNumber) {
      sim.injectFailure({ code });
      const response = await tencentCall(sim, { body: tResult({ PhoneNumberSet: ['+8613800138000', '+8613900139000'] }) });
      expect([code, response.Error, response.SendStatusSet.map((s: any) => s.Code)]).toEqual([code, undefined, [code, code]]);
      expect(response.SendStatusSet[0].SerialNo).toBe('');
    }
    for (const code of requestLevel) {
      sim.injectFailure({ code });
      const response = await tencentCall(sim, { body: tResult() });
      expect([code, response.Error?.Code, response.SendStatusSet]).toEqual([code, code, undefined]);
    }
    sim.injectFailure({ code: 'FailedOperation.InsufficientBalanceInSmsPackage', scope: 'request' });
    expect((await tencentCall(sim, { body: tResult() })).Error.Code).toBe('FailedOperation.InsufficientBalanceInSmsPackage');
    expect(sim.messages().length).toBe(before);
  });

  it('applies the per-number limits of §0 (1 per 30 s) on its clock, and runs out of balance per number', async () => {
    const limited = await startTencentSmsSimulator({ accounts: [TENCENT] });
    try {
      const send = () => tencentCall(limited, { body: tResult({ PhoneNumberSet: ['+8613600136000'] }) });
      expect((await send()).SendStatusSet[0].Code).toBe('Ok');
      expect((await send()).SendStatusSet[0].Code).toBe('LimitExceeded.PhoneNumberThirtySecondLimit');
      limited.clock.advance(31_000);
      expect((await send()).SendStatusSet[0].Code).toBe('Ok');
      limited.clock.advance(31_000);
      limited.setBalance(0);
      expect((await send()).SendStatusSet[0].Code).toBe('FailedOperation.InsufficientBalanceInSmsPackage');
    } finally {
      await limited.close();
    }
  });

  it('reports FAIL for an undeliverable number; dropAfterAccept sends once and the look-up finds it after the report', async () => {
    sim.injectFailure({ kind: 'dropAfterAccept' });
    await expect(tencentCall(sim, { body: tResult({ PhoneNumberSet: ['+8613700137000'], SessionContext: 'ntf_tc_lost' }) })).rejects.toThrow();
    const [message] = sim.messages({ sessionContext: 'ntf_tc_lost' });
    expect(message).toBeDefined();
    await sim.receiptsIdle();
    const items = receiver.received.find((r) => r.items[0].sid === message!.serialNo)!.items;
    expect(items[0]).toMatchObject({ report_status: 'FAIL', mobile: '13700137000' });
    const pulled = await tencentCall(sim, { action: 'PullSmsSendStatusByPhoneNumber', body: { BeginTime: Math.floor(Date.now() / 1000) - 60, Offset: 0, Limit: 10, PhoneNumber: '+8613700137000', SmsSdkAppId: '1400987654' } });
    expect(pulled.PullSmsSendStatusSet).toEqual([expect.objectContaining({ SerialNo: message!.serialNo, ReportStatus: 'FAIL', SessionContext: 'ntf_tc_lost' })]);
  });

  it('lists what it received, masked, in the outbox shape', async () => {
    const outbox = await (await fetch(`${sim.url}/_sim/outbox`)).json() as any[];
    expect(outbox.find((e) => e.idempotencyKey === 'ntf_01JDZ9A1B2C3')).toEqual(expect.objectContaining({
      provider: 'tencent-sms', channel: 'sms', to: '138****8000', template: '2345678', params: ['张三', 'K7P2Q9'], status: 'DELIVERED',
    }));
    expect(await (await fetch(`${sim.url}/_sim/state`)).text()).not.toContain('+8613800138000');
  });
});

// ---------------------------------------------------------------------------------------------
// 5. WeChat official account
// ---------------------------------------------------------------------------------------------

const OPENID = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o';
const WECHAT: WechatApp = {
  tenantId: 'acme', appId: 'wx1234567890abcdef', appSecret: 'acmewechatsecret0000000000000001',
  templates: {
    tmpl_result: { kind: 'template', title: '应聘结果通知', keys: ['thing1', 'time2'] },
    sub_result: { kind: 'subscribe', title: '应聘结果通知', keys: ['thing1', 'time2'] },
  },
  users: [
    { openid: OPENID, subscriptions: { sub_result: 1 } },
    { openid: 'oUpF8uNotFollowing000000000001', follows: false },
  ],
};
const resultData = { thing1: { value: '门店促销员' }, time2: { value: '2026-11-25 09:30' } };

describe('WeChat official-account simulator', () => {
  let sim: WechatMpSimulator;
  const post = async (path: string, body: unknown): Promise<any> => {
    const res = await fetch(`${sim.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    return res.json();
  };
  const token = async (forceRefresh = false) => post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: WECHAT.appId, secret: WECHAT.appSecret, force_refresh: forceRefresh });
  const sendTemplate = async (accessToken: string, extra: Record<string, unknown> = {}) =>
    post(`/cgi-bin/message/template/send?access_token=${encodeURIComponent(accessToken)}`, { touser: OPENID, template_id: 'tmpl_result', url: 'https://hb.example.cn/r/K7P2Q9', client_msg_id: 'ntf_wx_1', data: resultData, ...extra });
  beforeAll(async () => { sim = await startWechatMpSimulator({ apps: [WECHAT] }); });
  afterAll(async () => { await sim.close(); });
  beforeEach(() => sim.clearFailures());

  it('hands out one stable token to every caller; force_refresh replaces it (the old one then answers 40001)', async () => {
    expect((await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: WECHAT.appId, secret: 'wrong' })).errcode).toBe(40125);
    const first = await token();
    expect(first).toEqual({ access_token: expect.any(String), expires_in: 7200 });
    expect((await token()).access_token).toBe(first.access_token);
    const refreshed = await token(true);
    expect(refreshed.access_token).not.toBe(first.access_token);
    expect((await sendTemplate(first.access_token)).errcode).toBe(40001);
    expect((await sendTemplate(refreshed.access_token)).errcode).toBe(0);
  });

  it('sends a template message and records it with client_msg_id; an expired token answers 42001', async () => {
    const { access_token: accessToken } = await token();
    const sent = await sendTemplate(accessToken, { client_msg_id: 'ntf_wx_2' });
    expect(sent).toEqual({ errcode: 0, errmsg: 'ok', msgid: expect.any(Number) });
    expect(sim.messages({ clientMsgId: 'ntf_wx_2' })[0]).toMatchObject({ msgid: sent.msgid, openid: OPENID, templateId: 'tmpl_result', data: { thing1: '门店促销员', time2: '2026-11-25 09:30' }, link: 'https://hb.example.cn/r/K7P2Q9' });
    sim.expireTokens();
    expect((await sendTemplate(accessToken)).errcode).toBe(42001);
    const fresh = await token();
    expect(fresh.access_token).not.toBe(accessToken);
    expect((await sendTemplate(fresh.access_token)).errcode).toBe(0);
  });

  it('refuses by the errcodes of §4: openid, follow, template, data, consent, quota', async () => {
    const { access_token: accessToken } = await token();
    expect((await sendTemplate(accessToken, { touser: 'oUpF8uSomeoneElse0000000000001' })).errcode).toBe(40003);
    expect((await sendTemplate(accessToken, { touser: 'oUpF8uNotFollowing000000000001' })).errcode).toBe(43004);
    expect((await sendTemplate(accessToken, { template_id: 'no_such_template' })).errcode).toBe(40037);
    expect((await sendTemplate(accessToken, { template_id: 'sub_result' })).errcode).toBe(40037);
    const tooLong = await sendTemplate(accessToken, { data: { ...resultData, thing1: { value: '门店促销员门店促销员门店促销员门店促销员门' } } });
    expect(tooLong.errcode).toBe(47003);
    expect(tooLong.errmsg).toContain('thing1');
    expect((await sendTemplate(accessToken, { data: { thing1: resultData.thing1 } })).errcode).toBe(47003);
    expect((await sendTemplate(accessToken, { data: { ...resultData, time2: { value: '明天上午' } } })).errcode).toBe(47003);

    const bizsend = () => post(`/cgi-bin/message/subscribe/bizsend?access_token=${accessToken}`, { touser: OPENID, template_id: 'sub_result', page: 'pages/result', data: resultData });
    expect((await bizsend()).errcode).toBe(0); // the one consented notice
    expect((await bizsend()).errcode).toBe(43101);
    sim.subscribe(OPENID, 'sub_result', 1);
    expect((await bizsend()).errcode).toBe(0);

    sim.setDailyQuota(sim.messages().filter((m) => m.templateId === 'tmpl_result').length);
    expect((await sendTemplate(accessToken)).errcode).toBe(45009);
    sim.setDailyQuota(100_000);
  });

  it('answers every injected errcode of §4', async () => {
    const { access_token: accessToken } = await token();
    const before = sim.messages().length;
    for (const code of [40001, 42001, 40003, 43004, 43101, 40037, 47003, 45009, -1]) {
      sim.injectFailure({ code: String(code) });
      const answer = await sendTemplate(accessToken);
      expect([code, answer.errcode, typeof answer.errmsg]).toEqual([code, code, 'string']);
    }
    expect(sim.messages().length).toBe(before);
  });

  it('lists what it sent, masked, in the outbox shape', async () => {
    const outbox = await (await fetch(`${sim.url}/_sim/outbox`)).json() as any[];
    expect(outbox[0]).toEqual(expect.objectContaining({ provider: 'wechat-mp', channel: 'wechat', to: 'oUpF…eS6o', template: 'tmpl_result', status: 'ACCEPTED' }));
    expect(await (await fetch(`${sim.url}/_sim/state`)).text()).not.toContain(OPENID);
    expect(await (await fetch(`${sim.url}/`)).text()).toContain('oUpF…eS6o');
  });
});

// ---------------------------------------------------------------------------------------------
// 6. The vendors' SDKs pointed at the simulators (only where they are installed)
// ---------------------------------------------------------------------------------------------

const ALIYUN_SDK = '@alicloud/dysmsapi20170525';
const ALIYUN_OPENAPI = '@alicloud/openapi-core';
const TENCENT_SDK = 'tencentcloud-sdk-nodejs-sms';
const aliyunSdkPresent = moduleAvailable(ALIYUN_SDK) && moduleAvailable(ALIYUN_OPENAPI);
const tencentSdkPresent = moduleAvailable(TENCENT_SDK);

describe('vendor SDKs against the simulators', () => {
  if (!aliyunSdkPresent || !tencentSdkPresent) {
    console.warn(`notify-simulators: skipped SDK checks, not installed: ${[!aliyunSdkPresent && `${ALIYUN_SDK} (+ ${ALIYUN_OPENAPI})`, !tencentSdkPresent && TENCENT_SDK].filter(Boolean).join(', ')}`);
  }

  (aliyunSdkPresent ? it : it.skip)('@alicloud/dysmsapi20170525 SendSms and QuerySendDetails through the endpoint setting; refusals surface', async () => {
    const sim = await startAliyunSmsSimulator({ accounts: [ALIYUN], receiptDelayMs: 10 });
    try {
      const sdk: any = await import(ALIYUN_SDK);
      const core: any = await import(ALIYUN_OPENAPI);
      const Client = sdk.default?.default ?? sdk.default;
      const client = new Client(new core.$OpenApiUtil.Config({ accessKeyId: A_KEY_ID, accessKeySecret: A_SECRET, endpoint: sim.host, protocol: 'http' }));
      const send = (outId: string) => client.sendSms(new sdk.SendSmsRequest({ phoneNumbers: '13800138000', signName: SIGN_NAME, templateCode: 'SMS_480001234', templateParam: JSON.stringify(RESULT_PARAMS), outId }));
      const res = await send('ntf_sdk_aliyun');
      expect(res.body.code).toBe('OK');
      expect(sim.messages({ outId: 'ntf_sdk_aliyun' })).toHaveLength(1);
      await sim.receiptsIdle();
      const details = await client.querySendDetails(new sdk.QuerySendDetailsRequest({ phoneNumber: '13800138000', sendDate: beijingDay(), pageSize: 10, currentPage: 1, bizId: res.body.bizId }));
      expect(details.body.smsSendDetailDTOs.smsSendDetailDTO[0]).toMatchObject({ outId: 'ntf_sdk_aliyun', sendStatus: 3 });
      sim.injectFailure({ code: 'isv.BUSINESS_LIMIT_CONTROL' });
      expect((await send('ntf_sdk_aliyun_2')).body.code).toBe('isv.BUSINESS_LIMIT_CONTROL');
      sim.injectFailure({ code: 'SignatureNonceUsed' });
      await expect(send('ntf_sdk_aliyun_3')).rejects.toMatchObject({ code: 'SignatureNonceUsed' });
    } finally {
      await sim.close();
    }
  });

  (tencentSdkPresent ? it : it.skip)('tencentcloud-sdk-nodejs-sms with endpoint 127.0.0.1:<port> signs for service "127", which §2.2 refuses', async () => {
    const sim = await startTencentSmsSimulator({ accounts: [TENCENT] });
    try {
      const sdk: any = await import(TENCENT_SDK);
      const client = new sdk.sms.v20210111.Client({
        credential: { secretId: T_SECRET_ID, secretKey: T_SECRET_KEY }, region: 'ap-guangzhou',
        profile: { httpProfile: { endpoint: sim.host, protocol: 'http://' } },
      });
      await expect(client.SendSms({ PhoneNumberSet: ['+8613800138000'], SmsSdkAppId: '1400987654', SignName: SIGN_NAME, TemplateId: '2345678', TemplateParamSet: ['张三', 'K7P2Q9'] }))
        .rejects.toMatchObject({ code: 'AuthFailure.SignatureFailure' });
      expect(sim.messages()).toHaveLength(0);
    } finally {
      await sim.close();
    }
  });

  (tencentSdkPresent ? it : it.skip)('tencentcloud-sdk-nodejs-sms SendSms, endpoint sms.tencentcloudapi.com:<port> resolved to 127.0.0.1', async () => {
    const sim = await startTencentSmsSimulator({ accounts: [TENCENT], receiptDelayMs: 10 });
    try {
      const sdk: any = await import(TENCENT_SDK);
      const SmsClient = sdk.sms.v20210111.Client;
      // The SDK signs for the service named by the endpoint's first label, so the endpoint keeps the
      // real host name and the agent resolves it to the simulator.
      const agent = new http.Agent({ lookup: (_host: string, options: any, cb: any) => (options?.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4)) } as any);
      const client = new SmsClient({
        credential: { secretId: T_SECRET_ID, secretKey: T_SECRET_KEY }, region: 'ap-guangzhou',
        profile: { httpProfile: { endpoint: `sms.tencentcloudapi.com:${sim.port}`, protocol: 'http://', agent } },
      });
      const res = await client.SendSms({ PhoneNumberSet: ['+8613800138000'], SmsSdkAppId: '1400987654', SignName: SIGN_NAME, TemplateId: '2345678', TemplateParamSet: ['张三', 'K7P2Q9'], SessionContext: 'ntf_sdk_tencent' });
      expect(res.SendStatusSet[0].Code).toBe('Ok');
      await eventually(async () => sim.messages({ sessionContext: 'ntf_sdk_tencent' }).length, (n) => n === 1);
      sim.injectFailure({ code: 'LimitExceeded.PhoneNumberDailyLimit' });
      const limited = await client.SendSms({ PhoneNumberSet: ['+8613900139000'], SmsSdkAppId: '1400987654', SignName: SIGN_NAME, TemplateId: '2345678', TemplateParamSet: ['张三', 'K7P2Q9'] });
      expect(limited.SendStatusSet[0].Code).toBe('LimitExceeded.PhoneNumberDailyLimit');
      sim.injectFailure({ code: 'AuthFailure.SignatureExpire' });
      await expect(client.SendSms({ PhoneNumberSet: ['+8613900139000'], SmsSdkAppId: '1400987654', SignName: SIGN_NAME, TemplateId: '2345678', TemplateParamSet: ['张三', 'K7P2Q9'] }))
        .rejects.toMatchObject({ code: 'AuthFailure.SignatureExpire' });
      await sim.receiptsIdle();
      const pulled = await client.PullSmsSendStatusByPhoneNumber({ BeginTime: Math.floor(Date.now() / 1000) - 60, Offset: 0, Limit: 10, PhoneNumber: '+8613800138000', SmsSdkAppId: '1400987654' });
      expect(pulled.PullSmsSendStatusSet[0]).toMatchObject({ SessionContext: 'ntf_sdk_tencent', ReportStatus: 'SUCCESS' });
    } finally {
      await sim.close();
    }
  });
});
