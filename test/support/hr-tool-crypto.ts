// The HR tools' callback crypto written again, test-side, from ../shared/specs/hr-tools.md (§1.2,
// §2.2, §3.1), independent of sandbox/ and connectors/, so that tests of either can check what
// they produce against the spec's steps rather than against themselves.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest();

/** Feishu: plaintext of {"encrypt": base64(IV ‖ AES-256-CBC(SHA-256(encryptKey), IV, PKCS#7₁₆))}. */
export function feishuOpen(encryptKey: string, encrypt: string): string {
  const raw = Buffer.from(encrypt, 'base64');
  const decipher = createDecipheriv('aes-256-cbc', sha256(encryptKey), raw.subarray(0, 16));
  return decipher.update(raw.subarray(16), undefined, 'utf8') + decipher.final('utf8');
}

export function feishuSeal(encryptKey: string, plaintext: string, iv: Buffer): string {
  const cipher = createCipheriv('aes-256-cbc', sha256(encryptKey), iv);
  return Buffer.concat([iv, cipher.update(Buffer.from(plaintext, 'utf8')), cipher.final()]).toString('base64');
}

/** X-Lark-Signature: lowercase hex SHA-256 of timestamp ‖ nonce ‖ encryptKey ‖ raw body. */
export const feishuSign = (timestamp: string, nonce: string, encryptKey: string, body: string): string =>
  sha256(Buffer.from(`${timestamp}${nonce}${encryptKey}${body}`, 'utf8')).toString('hex');

/** DingTalk / WeCom key: base64decode(aesKey + "="), spare bits of the 43rd character ignored. */
export const bizKey = (aesKey: string): Buffer => Buffer.from(aesKey + '=', 'base64');

export function bizOpen(aesKey: string, encrypt: string): { random: string; msg: string; receiveId: string } {
  const key = bizKey(aesKey);
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(Buffer.from(encrypt, 'base64')), decipher.final()]);
  const pad = plain.at(-1)!;
  if (pad < 1 || pad > 32) throw new Error('bad pad');
  const body = plain.subarray(0, plain.length - pad);
  const length = body.readUInt32BE(16);
  return { random: body.subarray(0, 16).toString('latin1'), msg: body.subarray(20, 20 + length).toString('utf8'), receiveId: body.subarray(20 + length).toString('utf8') };
}

export function bizSeal(aesKey: string, receiveId: string, msg: string, random: Buffer = randomBytes(16)): string {
  const key = bizKey(aesKey);
  const m = Buffer.from(msg, 'utf8');
  const len = Buffer.from([(m.length >>> 24) & 255, (m.length >>> 16) & 255, (m.length >>> 8) & 255, m.length & 255]);
  const plain = Buffer.concat([random, len, m, Buffer.from(receiveId, 'utf8')]);
  const n = 32 - (plain.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(n, n)])), cipher.final()]).toString('base64');
}

/** SHA-1 hex over token, timestamp, nonce and encrypt sorted by byte order. */
export const bizSign = (token: string, timestamp: string, nonce: string, encrypt: string): string =>
  createHash('sha1').update([token, timestamp, nonce, encrypt].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))).join('')).digest('hex');

/** The hub's DingTalk answer: {msg_signature, timeStamp, nonce, encrypt(success)}. */
export function dingTalkSuccess(token: string, aesKey: string, ownerKey: string): string {
  const timeStamp = String(Date.now());
  const nonce = randomBytes(8).toString('hex');
  const encrypt = bizSeal(aesKey, ownerKey, 'success');
  return JSON.stringify({ msg_signature: bizSign(token, timeStamp, nonce, encrypt), timeStamp, nonce, encrypt });
}
