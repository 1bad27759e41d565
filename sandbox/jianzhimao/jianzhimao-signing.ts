// Jianzhimao's MD5 signature, written from the spec (never shared with the hub's connector):
// every field but `sign`, empty values dropped, sorted by name, `name=value` joined with `&`,
// then `&key=<appSecret>`, MD5, uppercase hex. Used for gateway calls and webhooks alike.
import { createHash, timingSafeEqual } from 'node:crypto';

export function jianzhimaoSign(fields: Record<string, unknown>, appSecret: string): string {
  const text = Object.keys(fields)
    .filter((name) => name !== 'sign' && fields[name] !== undefined && fields[name] !== null && fields[name] !== '')
    .sort()
    .map((name) => `${name}=${String(fields[name])}`)
    .join('&');
  return createHash('md5').update(`${text}&key=${appSecret}`, 'utf8').digest('hex').toUpperCase();
}

export function sameSign(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
