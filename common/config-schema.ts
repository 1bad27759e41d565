// The hub configuration file (HUB_CONFIG): tenants, their jobs, boards and destinations.
// The zod schema is the single source: it validates the file at start and generates
// config/hub-config.schema.json for editors (npm run config:schema).
import { z } from 'zod';
import { DURATION_PATTERN, parseDuration } from './duration';

const duration = z
  .string()
  .regex(DURATION_PATTERN, 'expected a duration like 30s, 15m, 24h or 2d')
  .transform(parseDuration)
  .describe('Duration: a number and a unit (ms, s, m, h, d), e.g. "24h"');

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'letters, digits, - and _ only (max 64)');
const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** A deadline is counted on the Chinese working-day calendar, or in plain time for short tests. */
export const DeadlineUnit = {
  WORKING_DAYS: 'workingDays',
  CALENDAR_DAYS: 'calendarDays',
  HOURS: 'hours',
  MINUTES: 'minutes',
  SECONDS: 'seconds',
} as const;
export type DeadlineUnit = (typeof DeadlineUnit)[keyof typeof DeadlineUnit];

const deadline = z.object({
  amount: z.number().int().positive(),
  unit: z.enum(Object.values(DeadlineUnit) as [DeadlineUnit, ...DeadlineUnit[]]).default(DeadlineUnit.WORKING_DAYS),
});
export type DeadlineSpec = z.infer<typeof deadline>;

const prescreen = z.object({
  minAge: z.number().int().min(16, 'Chinese labour law sets 16 as the minimum working age').optional(),
  maxAge: z.number().int().max(80).optional(),
  cities: z.array(nonEmpty).optional().describe('Accepted cities; a candidate whose city is unknown is let through'),
  requireHealthCertificate: z.boolean().default(false),
  requiredWeekdays: z.array(z.number().int().min(1).max(7)).optional().describe('1 = Monday … 7 = Sunday'),
  maxExpectedHourlyWage: z.number().positive().optional(),
});

const question = z.object({
  id,
  text: nonEmpty,
  maxChars: z.number().int().positive().max(5000).default(500),
});

const rubricDimension = z.object({
  id,
  label: nonEmpty,
  weight: z.number().positive(),
  description: z.string().default(''),
  /** Phrases that count as evidence for the deterministic scorer (used when no LLM is configured). */
  phrases: z.array(nonEmpty).default([]),
});

const rubric = z
  .object({
    version: nonEmpty,
    dimensions: z.array(rubricDimension).min(1),
    thresholds: z.object({
      pass: z.number().min(0).max(100).describe('Weighted score at or above which the outcome is PASS'),
      borderline: z.number().min(0).max(100).describe('At or above this (and below pass): BORDERLINE'),
    }),
    minAnswerChars: z.number().int().min(0).default(15).describe('Shorter answers give INSUFFICIENT_EVIDENCE'),
  })
  .refine((r) => r.thresholds.borderline <= r.thresholds.pass, {
    message: 'thresholds.borderline must not be above thresholds.pass',
    path: ['thresholds', 'borderline'],
  });

export const DestinationEvent = { REVIEW_PASSED: 'review_passed', ONBOARDED: 'onboarded', WITHDRAWN: 'withdrawn' } as const;
export type DestinationEvent = (typeof DestinationEvent)[keyof typeof DestinationEvent];
const destinationEvent = z.enum(Object.values(DestinationEvent) as [DestinationEvent, ...DestinationEvent[]]);

const destination = z.object({
  id,
  /** `recording` keeps writes in the hub database (embedded default); ehr-rest, erp-soap, erp-sql come with their connectors. */
  type: z.enum(['recording']),
  events: z.array(destinationEvent).min(1),
  /** Field names the target requires; a write missing one fails as a validation error (NEEDS_ATTENTION). */
  requiredFields: z.array(nonEmpty).default([]),
  fields: z.record(z.string(), z.string()).default({}).describe('Target field → JSONata expression over the canonical record (externalId, event, jobCode, job, candidate, result)'),
});
export type DestinationConfig = z.infer<typeof destination>;

export const JobSchema = z.object({
  code: nonEmpty.max(64),
  title: nonEmpty,
  role: z.enum(['promoter', 'rider', 'customer_service', 'shop_assistant', 'other']),
  city: nonEmpty,
  hourlyWage: z.number().positive(),
  open: z.boolean().default(true),
  prescreen: prescreen.prefault({}),
  interview: z.object({
    questions: z.array(question).min(1),
    reminderAfter: duration.prefault('24h'),
    expiresAfter: duration.prefault('72h'),
    notes: z.string().default('').describe('What to prepare, sent with the invitation'),
  }),
  rubric,
  review: z
    .object({
      autoApprovePass: z.boolean().default(false).describe('PASS goes straight to syncing; BORDERLINE and INSUFFICIENT_EVIDENCE always need a person'),
      deadline: deadline.prefault({ amount: 3 }),
      remindBefore: z.array(duration).prefault(['24h']),
    })
    .prefault({}),
  onboarding: z
    .object({
      deadline: deadline.prefault({ amount: 3 }),
      remindBefore: z.array(duration).prefault(['48h', '24h']),
      materials: z.array(id).min(1).default(['id_card', 'health_certificate', 'bank_card']),
    })
    .prefault({}),
  destinations: z.array(id).default([]).describe('IDs of the tenant destinations this job writes to'),
});
export type JobConfig = z.infer<typeof JobSchema>;

const doumi = z.object({
  appKey: nonEmpty,
  appSecret: nonEmpty,
  webhookSecret: nonEmpty,
  baseUrl: z.url(),
});
const jianzhimao = z.object({
  appId: nonEmpty,
  appSecret: nonEmpty,
  baseUrl: z.url(),
});

const notifyTarget = z.object({
  channel: z.enum(['sms', 'email', 'wecom', 'dingtalk', 'feishu']),
  to: nonEmpty,
});

export const TenantSchema = z
  .object({
    id,
    name: nonEmpty,
    apiKeys: z.array(z.string().min(16, 'API keys must be at least 16 characters')).min(1),
    hr: z.object({ contacts: z.array(notifyTarget).min(1), escalation: z.array(notifyTarget).default([]) }),
    boards: z.object({ doumi: doumi.optional(), jianzhimao: jianzhimao.optional() }).prefault({}),
    destinations: z.array(destination).default([]),
    jobs: z.array(JobSchema).min(1),
  })
  .superRefine((tenant, ctx) => {
    const destinationIds = new Set(tenant.destinations.map((d) => d.id));
    const seen = new Set<string>();
    tenant.jobs.forEach((job, index) => {
      if (seen.has(job.code)) ctx.addIssue({ code: 'custom', path: ['jobs', index, 'code'], message: `duplicate job code ${job.code}` });
      seen.add(job.code);
      job.destinations.forEach((dest, di) => {
        if (!destinationIds.has(dest)) {
          ctx.addIssue({ code: 'custom', path: ['jobs', index, 'destinations', di], message: `unknown destination "${dest}"` });
        }
      });
    });
  });
export type TenantConfig = z.infer<typeof TenantSchema>;

export const HubConfigSchema = z
  .object({
    $schema: z.string().optional(),
    hub: z.object({
      publicBaseUrl: z.url().describe('Base URL of the API as candidates reach it; links are built from it'),
      linkSecret: z.string().min(16, 'must be at least 16 characters').describe('HMAC key for candidate links'),
      calendar: z
        .object({
          additionalYears: z
            .record(
              z.string().regex(/^\d{4}$/, 'a year, e.g. "2027"'),
              z.object({
                holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')).min(1, "list the year's days off"),
                workdays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')).default([]),
              }),
            )
            .default({})
            .describe("Official holiday schedules (days off, 调休 workdays) for years the bundled calendar does not know yet"),
        })
        .prefault({}),
    }),
    tenants: z.array(TenantSchema).min(1),
  })
  .superRefine((config, ctx) => {
    const ids = new Set<string>();
    const keys = new Set<string>();
    config.tenants.forEach((tenant, index) => {
      if (ids.has(tenant.id)) ctx.addIssue({ code: 'custom', path: ['tenants', index, 'id'], message: `duplicate tenant id ${tenant.id}` });
      ids.add(tenant.id);
      tenant.apiKeys.forEach((key, ki) => {
        if (keys.has(key)) ctx.addIssue({ code: 'custom', path: ['tenants', index, 'apiKeys', ki], message: 'API key is used twice' });
        keys.add(key);
      });
    });
  });
export type HubConfig = z.infer<typeof HubConfigSchema>;
