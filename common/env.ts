// Process settings from the environment, parsed once at an entry point (the tenant config file
// is separate: HUB_CONFIG, see ./config.ts).
import { z } from 'zod';
import { issuesToProblems } from './config';

const EnvSchema = z.object({
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  DATABASE_URL: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type HubEnv = z.infer<typeof EnvSchema>;

export function loadEnv(env: NodeJS.ProcessEnv = process.env): HubEnv {
  const result = EnvSchema.safeParse(env);
  if (!result.success) throw new Error(`Invalid environment:\n${issuesToProblems(result.error.issues).map((p) => `  - ${p}`).join('\n')}`);
  return result.data;
}
