// Feishu/Lark callback crypto for the simulator (../shared/specs/hr-tools.md §1.2, §1.5), from the
// spec alone: key = SHA-256(encryptKey), body {"encrypt": base64(IV ‖ AES-256-CBC(PKCS#7₁₆))}, and
// X-Lark-Signature = hex SHA-256(timestamp ‖ nonce ‖ encryptKey ‖ raw body).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export const feishuKey = (encryptKey: string): Buffer => createHash('sha256').update(encryptKey, 'utf8').digest();

export function feishuEncrypt(encryptKey: string, plaintext: string, iv: Buffer = randomBytes(16)): string {
  const cipher = createCipheriv('aes-256-cbc', feishuKey(encryptKey), iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

/** Decrypts with strict PKCS#7 (node checks every pad byte); throws on bad input. */
export function feishuDecrypt(encryptKey: string, encrypt: string): string {
  const raw = Buffer.from(encrypt, 'base64');
  if (raw.length < 32 || raw.length % 16 !== 0) throw new Error('ciphertext is not IV plus whole AES blocks');
  const decipher = createDecipheriv('aes-256-cbc', feishuKey(encryptKey), raw.subarray(0, 16));
  return Buffer.concat([decipher.update(raw.subarray(16)), decipher.final()]).toString('utf8');
}

/** The exact body Feishu posts: no spaces, so the signature covers these bytes. */
export const feishuBody = (encrypt: string): string => `{"encrypt":"${encrypt}"}`;

export function feishuSignature(timestamp: string, nonce: string, encryptKey: string, rawBody: string): string {
  return createHash('sha256').update(timestamp + nonce + encryptKey + rawBody, 'utf8').digest('hex');
}
