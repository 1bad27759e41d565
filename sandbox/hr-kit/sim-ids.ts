// Random identifiers in the shapes the HR tools use (hex ids, alphanumeric nonces, numeric echoes).
import { randomBytes, randomInt } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export const randomHex = (chars: number): string => randomBytes(Math.ceil(chars / 2)).toString('hex').slice(0, chars);
export const randomAlnum = (chars: number): string => Array.from({ length: chars }, () => ALNUM[randomInt(ALNUM.length)]).join('');
export const randomDigits = (chars: number): string => String(randomInt(1, 10)) + Array.from({ length: chars - 1 }, () => String(randomInt(10))).join('');
