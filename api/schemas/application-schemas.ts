// Intake of a canonical application through the API (career sites, manual testing): the
// CanonicalApplication of common/types.ts without tenantId, which comes from the API key.
import { z } from 'zod';
import { Board, Gender } from '../../common/types';
import { BoardSchema, IsoTime } from './common-schemas';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:mm');
const optionalText = (max: number) => z.string().trim().min(1).max(max).nullable().default(null);

const AvailabilitySlotSchema = z.strictObject({
  weekday: z.number().int().min(1).max(7).meta({ description: '1 = Monday … 7 = Sunday' }),
  from: hhmm,
  to: hhmm,
});

export const ApplicantSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(64),
    phoneE164: z
      .string()
      .regex(/^\+861\d{10}$/, 'must be a mainland China mobile number in E.164 form, e.g. +8613800138000')
      .meta({ example: '+8613800138000' }),
    gender: z.enum(Gender).default(Gender.UNKNOWN),
    birthYear: z.number().int().min(1900).max(new Date().getUTCFullYear()).nullable().default(null),
    city: optionalText(64),
    isStudent: z.boolean().nullable().default(null),
    hasHealthCertificate: z.boolean().nullable().default(null),
    availability: z.array(AvailabilitySlotSchema).max(50).default([]),
    availabilityText: optionalText(500).meta({ description: 'Free-text availability ("周末全天") when there is no structured form' }),
    expectedHourlyWage: z.number().positive().max(10_000).nullable().default(null),
    selfIntroduction: optionalText(2000),
  })
  .meta({ id: 'Applicant' });

export const ApplicationIntakeSchema = z
  .strictObject({
    board: BoardSchema.default(Board.DIRECT),
    applicationId: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'letters, digits, ".", "_" and "-" only, starting with a letter or digit (max 128)')
      .meta({ description: 'Unique per board; a repeated ID is the same application', example: 'CS-20261125-0001' }),
    jobCode: z.string().trim().min(1).max(64).meta({ description: 'A job of the calling tenant', example: 'RX-SH-PROMO-001' }),
    appliedAt: IsoTime.optional().meta({ description: 'When the candidate applied; defaults to now' }),
    candidate: ApplicantSchema,
  })
  .meta({ id: 'ApplicationIntake' });
export type ApplicationIntake = z.output<typeof ApplicationIntakeSchema>;

export const IntakeResultSchema = z
  .object({
    workflowId: z.string().meta({ example: 'candidate:demo:direct:CS-20261125-0001' }),
    outcome: z.enum(['new', 'duplicate', 'closed']).meta({
      description: 'new: first delivery; duplicate: seen before, the running workflow was joined; closed: its workflow already finished, nothing was started',
    }),
  })
  .meta({ id: 'IntakeResult' });
