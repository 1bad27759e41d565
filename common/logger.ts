// Structured logs (pino). Personal data and secrets are redacted by key wherever they appear.
import pino, { type Logger } from 'pino';

const SENSITIVE_KEYS = [
  'name', 'realName', 'real_name', 'mobile', 'phone', 'phoneE164', 'idCardNumber', 'id_card',
  'authorization', 'apiKey', 'appSecret', 'webhookSecret', 'password', 'token', 'secret', 'sign',
];

export const REDACT_PATHS = [
  // Top level: everything but `name`, which pino uses for the logger's own name.
  ...SENSITIVE_KEYS.filter((k) => k !== 'name'),
  ...SENSITIVE_KEYS.map((k) => `*.${k}`),
  ...SENSITIVE_KEYS.map((k) => `*.*.${k}`),
  // Requests are logged without headers (api/middleware/request-logger.ts); should a log carry them
  // anyway, all of them are censored: bearer keys and every board's signature headers among them.
  'req.headers',
];

export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name, level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } });
}

export type { Logger };
