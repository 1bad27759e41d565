// Encryption at rest for personal data the hub keeps outside its applications table (quarantined
// board payloads): AES-256-GCM with the `hub.dataKey` of the config, a random 96-bit IV per value,
// and associated data that binds each ciphertext to its owner (a row moved to another tenant fails).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { configError, invalidError } from './errors';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** 32 bytes from 64 hex characters or base64 (`openssl rand -base64 32`); anything else is a config error. */
export function parseDataKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : /^[A-Za-z0-9+/]{43}=$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : undefined;
  if (!key || key.length !== 32) throw configError('BadDataKey', 'hub.dataKey must be 32 bytes as 64 hex characters or base64 (openssl rand -base64 32)');
  return key;
}

export class DataCipher {
  private readonly key: Buffer;
  /** Short fingerprint of the key (not secret): stored with each value so a key change is diagnosable. */
  readonly keyId: string;

  constructor(key: Buffer) {
    if (key.length !== 32) throw configError('BadDataKey', 'the data key must be 32 bytes');
    this.key = Buffer.from(key);
    this.keyId = createHash('sha256').update(this.key).digest('hex').slice(0, 8);
  }

  static fromConfig(config: { hub: { dataKey: string } }): DataCipher {
    return new DataCipher(parseDataKey(config.hub.dataKey));
  }

  /** `v1.<keyId>.<base64 iv|tag|ciphertext>`; `context` (e.g. "quarantine:acme:doumi") must match on decrypt. */
  encrypt(plaintext: Buffer | string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext), cipher.final()]);
    return `${VERSION}.${this.keyId}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  decrypt(sealed: string, context: string): Buffer {
    const [version, keyId, data] = sealed.split('.');
    if (version !== VERSION || !keyId || data === undefined) throw invalidError('BadCiphertext', 'not a value sealed by DataCipher');
    if (keyId !== this.keyId) {
      throw configError('DataKeyMismatch', `the value was sealed with data key ${keyId}, but hub.dataKey is ${this.keyId}`);
    }
    const bytes = Buffer.from(data, 'base64');
    if (bytes.length < IV_BYTES + TAG_BYTES) throw invalidError('BadCiphertext', 'sealed value is truncated');
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    } catch {
      throw invalidError('BadCiphertext', 'sealed value failed authentication (tampered, or sealed for another owner)');
    }
  }
}
