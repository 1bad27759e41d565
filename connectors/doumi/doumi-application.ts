// Doumi's application and webhook payloads (specs/job-boards.md, "Application (Doumi)" and
// "Webhooks from Doumi to the hub") as zod schemas, and their normalisation to the canonical model.
import { z } from 'zod';
import { birthYearFromDate, isoWithOffsetToUtc } from '../../common/board-times';
import { PayloadProblem, parsePayload, payloadError } from '../../common/board-payload';
import { toChinaMobileE164 } from '../../common/china-mobile';
import { Board, Gender, type CanonicalApplication } from '../../common/types';

/** Board IDs become part of workflow IDs and URLs: a conservative alphabet. */
export const BoardIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'letters, digits, ".", "_" and "-" only (max 128)');
const isoTime = z.string().refine((t) => isoWithOffsetToUtc(t) !== null, 'must be an ISO-8601 time with an offset');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:mm');
const optionalText = z.string().nullish();

/** `candidate` of a Doumi Application; absent optional fields may be null or missing (spec). */
export const DoumiCandidateSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(64),
  mobile: z.union([z.string(), z.number()]).refine((m) => toChinaMobileE164(m) !== null, 'is not a mainland China mobile number'),
  gender: z.enum(['MALE', 'FEMALE', 'UNKNOWN']).nullish(),
  birthDate: z
    .string()
    .refine((d) => birthYearFromDate(d) !== null, 'must be a date as YYYY-MM-DD')
    .nullish(),
  city: optionalText,
  district: optionalText,
  education: z.enum(['HIGH_SCHOOL', 'VOCATIONAL', 'ASSOCIATE', 'BACHELOR', 'MASTER', 'OTHER']).nullish(),
  isStudent: z.boolean().nullish(),
  selfIntroduction: optionalText,
  // weekday 1 = Monday … 7 = Sunday, as in the canonical model.
  availability: z.array(z.object({ weekday: z.number().int().min(1).max(7), from: hhmm, to: hhmm })).nullish(),
  expectedHourlyWage: z.number().positive().max(10_000).nullish(),
  idCardNumber: optionalText,
});

/** Doumi `Application` (specs/job-boards.md, "Application (Doumi)"). Unknown extra fields are ignored. */
export const DoumiApplicationSchema = z.object({
  applicationId: BoardIdSchema,
  jobId: z.string().nullish(),
  outerJobCode: z.string().trim().max(64).nullish(),
  appliedAt: isoTime,
  updatedAt: isoTime.nullish(),
  status: z.enum(['APPLIED', 'WITHDRAWN']).nullish(),
  channel: z.string().nullish(),
  candidate: DoumiCandidateSchema,
  answers: z.array(z.object({ question: z.string(), answer: z.string().nullable() })).nullish(),
});
export type DoumiApplication = z.output<typeof DoumiApplicationSchema>;

export const DoumiEvent = {
  CREATED: 'application.created',
  UPDATED: 'application.updated',
  WITHDRAWN: 'application.withdrawn',
} as const;
export type DoumiEvent = (typeof DoumiEvent)[keyof typeof DoumiEvent];

/** Body of application.created / application.updated; the application itself is parsed on its own. */
export const DoumiApplicationEventSchema = z.object({
  event: z.enum([DoumiEvent.CREATED, DoumiEvent.UPDATED]),
  deliveryId: z.string().min(1).max(128).optional(),
  occurredAt: z.string().optional(),
  data: z.object({ application: z.unknown() }),
});

/** Body of application.withdrawn. */
export const DoumiWithdrawnEventSchema = z.object({
  event: z.literal(DoumiEvent.WITHDRAWN),
  deliveryId: z.string().min(1).max(128).optional(),
  occurredAt: z.string().optional(),
  data: z.object({ applicationId: BoardIdSchema, withdrawnAt: isoTime.nullish(), reason: z.string().nullish() }),
});
export type DoumiWithdrawnEvent = z.output<typeof DoumiWithdrawnEventSchema>;

/** Any webhook body; `event` decides which of the two shapes it must have. */
export const DoumiWebhookEnvelopeSchema = z.discriminatedUnion('event', [DoumiApplicationEventSchema, DoumiWithdrawnEventSchema]);
export type DoumiWebhookEnvelope = z.output<typeof DoumiWebhookEnvelopeSchema>;

/**
 * Whether the candidate has a health certificate, from the screening answers (Doumi has no field
 * for it): a question mentioning 健康证 answered yes/no. Null when not asked or unclear.
 */
export function healthCertificateFromAnswers(answers: DoumiApplication['answers']): boolean | null {
  const found = answers?.find((a) => a.question.includes('健康证'));
  const answer = found?.answer?.trim();
  if (!answer) return null;
  if (/^(没有|无|否|不是|没|no)/i.test(answer)) return false;
  if (/^(有|是|已有|具备|yes)/i.test(answer)) return true;
  return null;
}

const blankToNull = (text: string | null | undefined) => (text && text.trim() ? text.trim() : null);

/**
 * A Doumi Application (as received, unparsed) → CanonicalApplication of `tenantId`. Throws an
 * `invalid` HubError whose message names the field when it cannot be used: `PayloadProblem` codes
 * (InvalidPayload, InvalidPhone, MissingJobCode). Whether the job exists is the caller's check.
 * `path` prefixes field names in messages (e.g. `data.application`).
 */
export function normaliseDoumiApplication(tenantId: string, application: unknown, path = ''): CanonicalApplication {
  const raw = application as { candidate?: { mobile?: unknown } } | null;
  if (raw && typeof raw === 'object' && raw.candidate && typeof raw.candidate === 'object' && (raw.candidate.mobile ?? '') === '') {
    throw payloadError(PayloadProblem.MISSING_PHONE, [`${path ? `${path}.` : ''}candidate.mobile: missing; a candidate cannot be contacted without it`]);
  }
  const app = parsePayload(DoumiApplicationSchema, application, path);
  const jobCode = blankToNull(app.outerJobCode);
  if (!jobCode) {
    throw payloadError(PayloadProblem.MISSING_JOB_CODE, [`${path ? `${path}.` : ''}outerJobCode: missing; the hub maps applications to jobs by it`]);
  }
  const c = app.candidate;
  const wage = c.expectedHourlyWage ?? null;
  return {
    tenantId,
    board: Board.DOUMI,
    applicationId: app.applicationId,
    jobCode,
    appliedAt: isoWithOffsetToUtc(app.appliedAt)!,
    candidate: {
      name: c.name.trim(),
      phoneE164: toChinaMobileE164(c.mobile)!,
      gender: c.gender ?? Gender.UNKNOWN,
      birthYear: c.birthDate ? birthYearFromDate(c.birthDate) : null,
      city: blankToNull(c.city),
      isStudent: c.isStudent ?? null,
      hasHealthCertificate: healthCertificateFromAnswers(app.answers),
      availability: (c.availability ?? []).map((s) => ({ weekday: s.weekday, from: s.from, to: s.to })),
      availabilityText: null,
      // Doumi sends CNY per hour already: only rounded to fen.
      expectedHourlyWage: wage === null ? null : Math.round(wage * 100) / 100,
      selfIntroduction: blankToNull(c.selfIntroduction),
    },
  };
}
