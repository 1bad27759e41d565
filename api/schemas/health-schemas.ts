// Liveness and readiness answers for load balancers and orchestrators.
import { z } from 'zod';

export const HealthSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });

export const CheckStatusSchema = z.enum(['ok', 'unreachable']);

export const ReadinessSchema = z
  .object({
    status: z.enum(['ready', 'unavailable']),
    checks: z.object({ temporal: CheckStatusSchema, database: CheckStatusSchema }),
  })
  .meta({ id: 'Readiness' });
export type ReadinessReport = z.output<typeof ReadinessSchema>;
