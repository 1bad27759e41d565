// The callback crypto DingTalk and WeCom share (../shared/specs/hr-tools.md §2.2, §3.1), written
// for the simulators from the spec alone: AES-256-CBC with the key from the 43-character aesKey,
// IV = its first 16 bytes, plaintext random(16) ‖ len(msg) BE32 ‖ msg ‖ ownerKey, PKCS#7 to 32 bytes,
// and the signature SHA-1 over the byte-sorted token, timestamp, nonce and encrypt.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const BLOCK = 32;

/**
 * K = base64decode(aesKey + "="). Node's base64 decoder ignores the 43rd character's spare bits,
 * which the vendors' own sample keys set; a strict decoder would reject them.
 */
export function bizMsgKey(aesKey: string): Buffer {
  if (aesKey.length !== 43) throw new Error(`aesKey must be 43 characters, got ${aesKey.length}`);
  const key = Buffer.from(`${aesKey}=`, 'base64');
  if (key.length !== 32) throw new Error('aesKey does not decode to 32 bytes');
  return key;
}

/** Encrypts `msg` for `ownerKey` (DingTalk appKey/corpId/suiteKey, WeCom corpId); `random` is 16 bytes. */
export function bizMsgEncrypt(aesKey: string, ownerKey: string, msg: string, random: Buffer = randomBytes(16)): string {
  if (random.length !== 16) throw new Error('random prefix must be 16 bytes');
  const key = bizMsgKey(aesKey);
  const body = Buffer.from(msg, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const plain = Buffer.concat([random, length, body, Buffer.from(ownerKey, 'utf8')]);
  const pad = BLOCK - (plain.length % BLOCK);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

export interface BizMsgPlain {
  msg: string;
  ownerKey: string;
  random: Buffer;
}

/** Decrypts; throws on a bad length, bad padding or a length field that does not fit. */
export function bizMsgDecrypt(aesKey: string, encrypt: string): BizMsgPlain {
  const key = bizMsgKey(aesKey);
  const data = Buffer.from(encrypt, 'base64');
  if (data.length === 0 || data.length % 16 !== 0) throw new Error('ciphertext is not a whole number of AES blocks');
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(data), decipher.final()]);
  const pad = plain[plain.length - 1]!;
  if (pad < 1 || pad > BLOCK || pad > plain.length) throw new Error('bad padding');
  const unpadded = plain.subarray(0, plain.length - pad);
  if (unpadded.length < 20) throw new Error('plaintext too short');
  const length = unpadded.readUInt32BE(16);
  if (20 + length > unpadded.length) throw new Error('message length exceeds the plaintext');
  return {
    random: unpadded.subarray(0, 16),
    msg: unpadded.subarray(20, 20 + length).toString('utf8'),
    ownerKey: unpadded.subarray(20 + length).toString('utf8'),
  };
}

/** Lowercase hex SHA-1 of the four strings sorted by byte order and concatenated. */
export function bizMsgSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  const parts = [token, timestamp, nonce, encrypt].map((s) => Buffer.from(s, 'utf8')).sort(Buffer.compare);
  return createHash('sha1').update(Buffer.concat(parts)).digest('hex');
}
