// The candidates read side: list filters, read-model rows, the candidate detail (read model plus
// the workflow's live status), the audit log and the notification outbox as HR sees them.
import { z } from 'zod';
import { MAX_PAGE_SIZE } from '../../connectors/hub-db';
import { BoardSchema, CandidateStageSchema, DecisionToolSchema, HrActionSchema, InterviewOutcomeSchema, IsoTime, orNull } from './common-schemas';

export const CandidateListQuerySchema = z.strictObject({
  stage: CandidateStageSchema.optional(),
  jobCode: z.string().min(1).max(64).optional(),
  board: BoardSchema.optional(),
  createdFrom: IsoTime.optional().meta({ description: 'Inclusive lower bound on createdAt' }),
  createdTo: IsoTime.optional().meta({ description: 'Exclusive upper bound on createdAt' }),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
  cursor: z.string().min(1).max(1024).optional().meta({ description: 'nextCursor of the previous page; send the same filters with it' }),
});

const nullableTime = z.string().nullable();

export const CandidateRowSchema = z
  .object({
    workflowId: z.string(),
    tenantId: z.string(),
    board: BoardSchema,
    applicationId: z.string(),
    jobCode: z.string(),
    stage: CandidateStageSchema,
    outcome: z.string().nullable(),
    score: z.number().nullable(),
    reviewDueAt: nullableTime,
    onboardingDueAt: nullableTime,
    deadlineProvisional: z.boolean().meta({
      description:
        'The running deadline (reviewDueAt in HR_REVIEW, onboardingDueAt in ONBOARDING) was counted on the statutory holidays of a year whose official schedule the hub does not have yet: it may move when the schedule arrives',
    }),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'CandidateRow', description: 'A row of the candidates read model (no personal data)' });

export const CandidatePageSchema = z
  .object({ items: z.array(CandidateRowSchema), nextCursor: z.string().nullable().meta({ description: 'null on the last page' }) })
  .meta({ id: 'CandidatePage' });

const QuestionSchema = z.object({ id: z.string(), text: z.string(), maxChars: z.number().int() }).meta({ id: 'InterviewQuestion' });

/** The workflow's getStatus query, as CandidateStatus in workflows/definitions.ts defines it. */
export const LiveStatusSchema = z
  .object({
    workflowId: z.string(),
    ref: z.object({ tenantId: z.string(), board: BoardSchema, applicationId: z.string() }),
    jobCode: z.string(),
    stage: CandidateStageSchema,
    outcome: orNull(InterviewOutcomeSchema),
    score: z.number().nullable(),
    assessment: z
      .object({
        outcome: InterviewOutcomeSchema,
        score: z.number().nullable(),
        dimensions: z.array(z.object({ dimensionId: z.string(), label: z.string(), score: z.number(), evidence: z.array(z.string()) })),
        summary: z.string(),
        scorer: z.string(),
        rubricVersion: z.string(),
        reason: z.string().optional(),
      })
      .nullable(),
    prescreenReasons: z.array(z.string()),
    interviewLink: z.string().nullable(),
    resultLink: z.string().nullable(),
    questions: z.array(QuestionSchema),
    answeredQuestionIds: z.array(z.string()),
    aiScoringDeclined: z.boolean(),
    deadlines: z.object({
      interviewReminderAt: nullableTime,
      interviewExpiresAt: nullableTime,
      reviewDueAt: nullableTime,
      onboardingDueAt: nullableTime,
    }),
    materialsRequired: z.array(z.string()),
    materialsReceived: z.array(z.string()),
    destinations: z.array(
      z.object({ destinationId: z.string(), event: z.string(), status: z.enum(['pending', 'written', 'failed']), error: z.string().optional() }),
    ),
    attention: z.object({ code: z.string(), message: z.string() }).nullable(),
    lastDecision: z
      .object({
        action: HrActionSchema,
        reviewer: z.string(),
        tool: DecisionToolSchema,
        reason: z.string().optional(),
        expectedStage: CandidateStageSchema.optional(),
        extendBy: z.number().optional(),
        at: z.string(),
      })
      .nullable(),
    withdrawal: z
      .object({ by: z.enum(['board', 'candidate', 'hr']), reason: z.string().optional(), at: z.string() })
      .nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'CandidateLiveStatus', description: "The workflow's own view, queried live" });

export const CandidateDetailSchema = CandidateRowSchema.pick({
  workflowId: true,
  tenantId: true,
  board: true,
  applicationId: true,
  jobCode: true,
  outcome: true,
  score: true,
  reviewDueAt: true,
  onboardingDueAt: true,
  deadlineProvisional: true,
})
  .extend({
    jobTitle: z.string().nullable(),
    stage: orNull(CandidateStageSchema).meta({ description: 'Live when the workflow answers, else from the read model' }),
    appliedAt: z.string(),
    createdAt: nullableTime,
    updatedAt: nullableTime,
    applicant: z
      .object({
        name: z.string().meta({ example: '张*', description: 'Masked: the first character only' }),
        phone: z.string().meta({ example: '+86138****8000', description: 'Masked' }),
      })
      .meta({ description: 'Masked personal data: the API never returns a full name or phone number' }),
    live: orNull(LiveStatusSchema).meta({ description: 'null when the workflow can no longer be queried' }),
  })
  .meta({ id: 'CandidateDetail' });

export const AuditEventSchema = z
  .object({
    eventKey: z.string(),
    type: z.string(),
    stage: z.string().nullable(),
    actor: z.string().meta({ description: '"{tool}:{reviewer}" for HR decisions, "system", "candidate", "board:{board}"' }),
    at: z.string(),
    details: z.record(z.string(), z.unknown()),
    recordedAt: z.string(),
  })
  .meta({ id: 'AuditEvent' });

export const AuditEventListSchema = z.object({ items: z.array(AuditEventSchema) }).meta({ id: 'AuditEventList' });

export const NotificationSchema = z
  .object({
    id: z.string(),
    channel: z.string(),
    audience: z.enum(['candidate', 'hr', 'hr_escalation']),
    recipient: z.string().meta({ description: 'Masked', example: '+86138****8000' }),
    template: z.string(),
    params: z.record(z.string(), z.unknown()),
    status: z.enum(['pending', 'sent']),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .meta({ id: 'Notification' });

export const NotificationListSchema = z.object({ items: z.array(NotificationSchema) }).meta({ id: 'NotificationList' });
