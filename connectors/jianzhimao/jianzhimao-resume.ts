// Jianzhimao's resume and webhook payloads (specs/job-boards.md, "Resume (Jianzhimao)" and
// "Webhooks from Jianzhimao to the hub") as zod schemas, and their normalisation to the canonical model.
import { z } from 'zod';
import { beijingTimeToUtc } from '../../common/board-times';
import { PayloadProblem, parsePayload, payloadError } from '../../common/board-payload';
import { toChinaMobileE164 } from '../../common/china-mobile';
import { parseHourlyWage, type WageNullReason } from '../../common/hourly-wage';
import { Board, Gender, type CanonicalApplication } from '../../common/types';

/** Board IDs become part of workflow IDs and URLs: a conservative alphabet. */
const BoardId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'letters, digits, ".", "_" and "-" only (max 128)');
/** Integers sometimes arrive as strings ("1") in form-encoded or hand-built payloads. */
const intLike = z.union([z.number().int(), z.string().trim().regex(/^-?\d+$/, 'must be an integer').transform(Number)]);
const flag = intLike.pipe(z.union([z.literal(0), z.literal(1)], { error: 'must be 0 or 1' }));
const beijingTime = z.string().refine((t) => beijingTimeToUtc(t) !== null, 'must be Beijing time as YYYY-MM-DD HH:mm:ss');
const text = z.string().nullish();

/** Jianzhimao `Resume`. Unknown extra fields are ignored; `out_job_no` and `school` may be ''. */
export const JianzhimaoResumeSchema = z.object({
  resume_id: BoardId,
  job_id: z.union([z.string(), z.number()]).nullish(),
  out_job_no: z.string().trim().max(64).nullish(),
  deliver_time: beijingTime,
  real_name: z.string().trim().min(1, 'must not be empty').max(64),
  phone: z.union([z.string(), z.number()]).refine((p) => toChinaMobileE164(p) !== null, 'is not a mainland China mobile number'),
  sex: intLike.pipe(z.union([z.literal(0), z.literal(1), z.literal(2)], { error: 'must be 0, 1 or 2' })).nullish(),
  birth_year: intLike
    .refine((y) => y === 0 || (y >= 1900 && y <= 2100), 'must be a year, or 0 when unknown')
    .nullish(),
  city_name: text,
  school: text,
  is_student: flag.nullish(),
  health_cert: flag.nullish(),
  work_time_prefer: text,
  intro: text,
  expect_salary: z.union([z.string(), z.number()]).nullish(),
});
export type JianzhimaoResume = z.output<typeof JianzhimaoResumeSchema>;

export const JianzhimaoEvent = { DELIVER: 'resume_deliver', CANCEL: 'resume_cancel' } as const;
export type JianzhimaoEvent = (typeof JianzhimaoEvent)[keyof typeof JianzhimaoEvent];

/** The form fields of a webhook delivery (application/x-www-form-urlencoded), all strings. */
export const JianzhimaoWebhookFormSchema = z.object({
  app_id: z.string().min(1),
  event_type: z.string().min(1),
  timestamp: z.string().regex(/^\d+$/, 'must be unix seconds'),
  nonce_str: z.string().optional(),
  biz_content: z.string().min(1, 'must not be empty'),
  sign: z.string().min(1),
  sign_type: z.string().optional(),
});
export type JianzhimaoWebhookForm = z.output<typeof JianzhimaoWebhookFormSchema>;

/** biz_content of resume_cancel. */
export const JianzhimaoCancelSchema = z.object({
  resume_id: BoardId,
  cancel_time: beijingTime.nullish(),
});
export type JianzhimaoCancel = z.output<typeof JianzhimaoCancelSchema>;

const blankToNull = (value: string | null | undefined) => (value && value.trim() ? value.trim() : null);
const SEX: Record<0 | 1 | 2, Gender> = { 0: Gender.UNKNOWN, 1: Gender.MALE, 2: Gender.FEMALE };

/** Fields that were readable but carried no usable value, with why (logged and counted, never the value). */
export interface NormalisationNote {
  field: string;
  reason: WageNullReason;
}

/** The notes of a resume: today only `expect_salary` can be dropped (面议, per month, unreadable). */
export function jianzhimaoResumeNotes(resume: Pick<JianzhimaoResume, 'expect_salary'>): NormalisationNote[] {
  if (resume.expect_salary === null || resume.expect_salary === undefined) return [];
  const wage = parseHourlyWage(resume.expect_salary);
  return wage.hourly === null ? [{ field: 'expect_salary', reason: wage.reason }] : [];
}

/**
 * A Jianzhimao Resume (as received, unparsed) → CanonicalApplication of `tenantId`. Beijing
 * wall-clock times become UTC; sex 1/2/0 → MALE/FEMALE/UNKNOWN; birth_year 0 → null; is_student and
 * health_cert 1/0 → true/false; expect_salary free text → CNY/hour (common/hourly-wage.ts), null
 * when it states none. Throws an `invalid` HubError naming the field when it cannot be used.
 */
export function normaliseJianzhimaoResume(tenantId: string, resume: unknown, path = ''): CanonicalApplication {
  const raw = resume as { phone?: unknown } | null;
  if (raw && typeof raw === 'object' && (raw.phone === undefined || raw.phone === null || String(raw.phone).trim() === '')) {
    throw payloadError(PayloadProblem.MISSING_PHONE, [`${path ? `${path}.` : ''}phone: missing; a candidate cannot be contacted without it`]);
  }
  const r = parsePayload(JianzhimaoResumeSchema, resume, path);
  const jobCode = blankToNull(r.out_job_no);
  if (!jobCode) {
    throw payloadError(PayloadProblem.MISSING_JOB_CODE, [`${path ? `${path}.` : ''}out_job_no: empty; the hub maps resumes to jobs by it`]);
  }
  const flagValue = (v: 0 | 1 | null | undefined) => (v === null || v === undefined ? null : v === 1);
  return {
    tenantId,
    board: Board.JIANZHIMAO,
    applicationId: r.resume_id,
    jobCode,
    appliedAt: beijingTimeToUtc(r.deliver_time)!,
    candidate: {
      name: r.real_name.trim(),
      phoneE164: toChinaMobileE164(r.phone)!,
      gender: r.sex === null || r.sex === undefined ? Gender.UNKNOWN : SEX[r.sex],
      birthYear: r.birth_year ? r.birth_year : null,
      city: blankToNull(r.city_name),
      isStudent: flagValue(r.is_student),
      hasHealthCertificate: flagValue(r.health_cert),
      availability: [],
      availabilityText: blankToNull(r.work_time_prefer),
      expectedHourlyWage: r.expect_salary === null || r.expect_salary === undefined ? null : parseHourlyWage(r.expect_salary).hourly,
      selfIntroduction: blankToNull(r.intro),
    },
  };
}
