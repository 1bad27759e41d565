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

// ---- destinations (systems of record) ----
/** A SQL identifier from config: table and column names are spliced into SQL, so only these shapes pass. */
export const SQL_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const sqlIdentifier = z.string().regex(SQL_IDENTIFIER, 'a SQL identifier: letters, digits and _, starting with a letter or _ (max 63)');
const sqlTableName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}(\.[A-Za-z_][A-Za-z0-9_]{0,62})?$/, 'a table name, optionally schema-qualified (schema.table): letters, digits and _');

const destinationBase = {
  id,
  events: z.array(destinationEvent).min(1),
  /** Field names the target requires; a write missing one fails as a validation error (NEEDS_ATTENTION) before it is sent. */
  requiredFields: z.array(nonEmpty).default([]),
  fields: z.record(z.string(), z.string()).default({}).describe('Target field → JSONata expression over the canonical record (externalId, event, jobCode, job, candidate, result)'),
  /** One request (or SQL transaction) to the target; keep it under the activity's 1 min start-to-close. */
  timeout: duration.prefault('20s'),
};

const ehrAuth = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('api-key'), header: nonEmpty.default('X-Api-Key'), key: nonEmpty }),
  z.object({ mode: z.literal('hmac'), keyId: nonEmpty, secret: z.string().min(16, 'HMAC secrets must be at least 16 characters') }),
  z.object({
    mode: z.literal('oauth2'),
    tokenUrl: z.url(),
    clientId: nonEmpty,
    clientSecret: nonEmpty,
    scope: z.string().optional(),
  }),
]);

const recordingDestination = z.object({
  ...destinationBase,
  /** Keeps writes in the hub database (embedded default when no simulator or real system runs). */
  type: z.literal('recording'),
});

const ehrRestDestination = z.object({
  ...destinationBase,
  type: z.literal('ehr-rest'),
  baseUrl: z.url(),
  /** Collection of worker records under baseUrl: GET ?externalId=, POST, PUT /{id} (sandbox/ehr/EHR-API.md). */
  resource: z.string().regex(/^\/[A-Za-z0-9/_-]*$/, 'a path starting with /').default('/v1/workers'),
  auth: ehrAuth,
  /** Send the activity's idempotency key as Idempotency-Key (turn off for targets that reject unknown headers). */
  idempotencyKeyHeader: z.boolean().default(true),
});

const erpSoapDestination = z.object({
  ...destinationBase,
  type: z.literal('erp-soap'),
  /** `workday`: SOAP from the WSDL (Put_Applicant / Hire_Employee); `u8-eai`: Yonyou U8 EAI XML documents. */
  variant: z.enum(['workday', 'u8-eai']).default('workday'),
  endpoint: z.url(),
  /** WSDL file (workday variant); defaults to the one shipped in connectors/erp-soap/wsdl/. */
  wsdl: z.string().optional(),
  /** SOAP operation per event (workday variant). */
  operations: z
    .object({
      review_passed: z.enum(['Put_Applicant', 'Hire_Employee']).default('Put_Applicant'),
      onboarded: z.enum(['Put_Applicant', 'Hire_Employee']).default('Hire_Employee'),
      withdrawn: z.enum(['Put_Applicant', 'Hire_Employee']).default('Put_Applicant'),
    })
    .prefault({}),
  wsSecurity: z.object({ username: nonEmpty, password: nonEmpty }).optional().describe('WS-Security UsernameToken (PasswordText)'),
  u8: z
    .object({ sender: nonEmpty.default('hirebridge'), roottag: nonEmpty.default('hrperson') })
    .prefault({})
    .describe('u8-eai variant: the EAI sender code and the document root tag'),
});

const erpSqlDestination = z
  .object({
    ...destinationBase,
    type: z.literal('erp-sql'),
    dialect: z.enum(['pg', 'mysql', 'mssql', 'sqlite']),
    /** postgres://…, mysql://…, mssql://user:pass@host:1433/db?encrypt=true, or a SQLite file path. */
    connection: nonEmpty,
    table: sqlTableName,
    keyColumn: sqlIdentifier.default('external_id'),
    /** Column that receives the event name on every write (optional). */
    eventColumn: sqlIdentifier.optional(),
    /** Column that receives the commit time (UTC ISO text) on every write (optional). */
    updatedAtColumn: sqlIdentifier.optional(),
    /** Development only: create the staging table (text columns) when it does not exist. */
    createTable: z.boolean().default(false),
    poolMax: z.number().int().min(1).max(50).default(5),
  })
  .superRefine((d, ctx) => {
    for (const column of Object.keys(d.fields)) {
      if (!SQL_IDENTIFIER.test(column)) ctx.addIssue({ code: 'custom', path: ['fields', column], message: 'column names must be SQL identifiers (letters, digits and _)' });
    }
    const reserved = [d.keyColumn, d.eventColumn, d.updatedAtColumn].filter(Boolean);
    for (const column of Object.keys(d.fields)) {
      if (reserved.includes(column)) ctx.addIssue({ code: 'custom', path: ['fields', column], message: `column "${column}" is already written as keyColumn/eventColumn/updatedAtColumn` });
    }
  });

const destination = z.discriminatedUnion('type', [recordingDestination, ehrRestDestination, erpSoapDestination, erpSqlDestination]);
export type DestinationConfig = z.infer<typeof destination>;
export type DestinationType = DestinationConfig['type'];
export type RecordingDestinationConfig = z.infer<typeof recordingDestination>;
export type EhrRestDestinationConfig = z.infer<typeof ehrRestDestination>;
export type EhrAuthConfig = z.infer<typeof ehrAuth>;
export type ErpSoapDestinationConfig = z.infer<typeof erpSoapDestination>;
export type ErpSqlDestinationConfig = z.infer<typeof erpSqlDestination>;

export const JobSchema = z.object({
  code: nonEmpty.max(64),
  title: nonEmpty,
  role: z.enum(['promoter', 'rider', 'customer_service', 'shop_assistant', 'other']),
  city: nonEmpty,
  hourlyWage: z.number().positive(),
  open: z.boolean().default(true),
  headcount: z.number().int().positive().default(1).describe('People to hire; the board postings go offline once this many are ONBOARDED'),
  posting: z
    .object({
      category: z.string().trim().min(1).optional().describe("Doumi category (default: the job's role)"),
      categoryCode: z.string().trim().min(1).optional().describe("Jianzhimao category_code (default: the job's role)"),
      district: z.string().trim().min(1).optional(),
      address: z.string().trim().min(1).optional().describe("Where the work is (default: the job's city)"),
      schedule: z.string().default('').describe('Working times as text, e.g. 周末 09:00-18:00'),
      description: z.string().default(''),
      tags: z.array(nonEmpty).default([]).describe('Extra tags; AI面试 is always added'),
      validUntil: z.iso.datetime({ offset: true }).optional().describe('End of the posting (default: 90 days after it is published or changed)'),
    })
    .prefault({}),
  prescreen: prescreen.prefault({}),
  interview: z
    .object({
      questions: z.array(question).min(1).optional().describe("The job's questions; without them the role's default bank is asked (common/interview-question-banks.ts)"),
      reminderAfter: duration.prefault('24h'),
      expiresAfter: duration.prefault('72h'),
      notes: z.string().default('').describe('What to prepare, sent with the invitation'),
      llmFollowUps: z.boolean().default(false).describe('After each answer, ask one follow-up question written by the LLM (needs hub.llm; the deterministic scorer asks none)'),
      retentionDays: z.number().int().positive().default(180).describe('How long answers and the assessment are kept, as told to the candidate on the consent step'),
    })
    .prefault({}),
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

// ---- board polling, job posting and progress feedback (issue #3, part B) ----
/** Polling a board's API as a second route next to its webhooks (workflows/board-poller.ts). */
const boardPoll = z
  .object({
    enabled: z.boolean().default(false),
    interval: duration.prefault('1m').describe('Pause between polls once the board has nothing new'),
    pageSize: z.number().int().min(1).max(100).default(50),
    lookback: duration.prefault('24h').describe('How far back the first poll of a new poller starts'),
  })
  .prefault({});
/** What the hub sends back to the board besides reading applications. */
const boardOutbound = {
  poll: boardPoll,
  postJobs: z.boolean().default(true).describe('Publish the tenant\'s open jobs on this board (workflows/job-posting.ts)'),
  reportProgress: z.boolean().default(true).describe("Report each candidate's stage changes back to this board"),
};

const doumi = z.object({
  appKey: nonEmpty,
  appSecret: nonEmpty,
  webhookSecret: nonEmpty,
  baseUrl: z.url(),
  ...boardOutbound,
});
const jianzhimao = z.object({
  appId: nonEmpty,
  appSecret: nonEmpty,
  baseUrl: z.url(),
  ...boardOutbound,
});
export type BoardPollConfig = z.infer<typeof boardPoll>;

const notifyTarget = z.object({
  channel: z.enum(['sms', 'email', 'wecom', 'dingtalk', 'feishu']),
  to: nonEmpty,
});

/**
 * How much of the interview assessment the candidate sees on their result page, once the tenant
 * has decided (before that, never any AI score or judgement): none, plain-words feedback
 * (strengths and points to improve, no numbers), or the full report with scores and evidence.
 */
export const ShowAssessment = { NONE: 'none', FEEDBACK: 'feedback', FULL: 'full' } as const;
export type ShowAssessment = (typeof ShowAssessment)[keyof typeof ShowAssessment];

const candidatePortal = z
  .object({
    showAssessment: z
      .enum(Object.values(ShowAssessment) as [ShowAssessment, ...ShowAssessment[]])
      .default(ShowAssessment.FEEDBACK)
      .describe(
        'What the result page shows of the assessment after the decision: none (only the answers), feedback (strengths and points to improve, no scores) or full (scores, evidence and summary too). Before the decision it shows no AI score or judgement whatever this says',
      ),
  })
  .prefault({});

export const TenantSchema = z
  .object({
    id,
    name: nonEmpty,
    apiKeys: z.array(z.string().min(16, 'API keys must be at least 16 characters')).min(1),
    hr: z.object({ contacts: z.array(notifyTarget).min(1), escalation: z.array(notifyTarget).default([]) }),
    boards: z.object({ doumi: doumi.optional(), jianzhimao: jianzhimao.optional() }).prefault({}),
    destinations: z.array(destination).default([]),
    jobs: z.array(JobSchema).min(1),
    candidatePortal: candidatePortal.describe("The candidate's own pages (interview and result links)"),
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
      // Board intake (issue #3): key sealing quarantined payloads, which hold personal data (common/data-cipher.ts).
      dataKey: z
        .string()
        .regex(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, 'a 256-bit key: 64 hex characters or 44 base64 characters (openssl rand -base64 32)')
        .describe('AES-256-GCM key for personal data kept at rest outside the applications table (quarantined board payloads)'),
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
            .describe(
              "Official holiday schedules (days off, 调休 workdays) for years the bundled calendar does not know yet; a year's list may include days from 25 December of the year before (its New Year arrangement). Without it such a year is counted provisionally on the statutory holidays",
            ),
        })
        .prefault({}),
      llm: z
        .object({
          baseUrl: z.url().describe('OpenAI-compatible API base, e.g. https://api.openai.com/v1, https://api.deepseek.com/v1, http://127.0.0.1:11434/v1 (Ollama)'),
          model: nonEmpty,
          apiKey: nonEmpty.describe('Reference an environment variable: ${LLM_API_KEY}'),
          timeout: duration.prefault('60s').describe('Per request; a slower answer is retried by the scoring activity'),
          maxMalformedRetries: z.number().int().min(0).max(5).default(2).describe('Extra requests when the model answers with output that does not fit the schema; then INSUFFICIENT_EVIDENCE for HR'),
        })
        .optional()
        .describe('Interview scoring by an LLM; without it the deterministic rubric scorer (not an LLM) is used'),
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
export type LlmConfig = NonNullable<HubConfig['hub']['llm']>;
