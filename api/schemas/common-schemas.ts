// Schemas shared by several routes: the error envelope, enums of the canonical model, path parameters.
// They validate requests and, through ../openapi.ts, describe the API: one source for both.
import { z } from 'zod';
import { Board, CandidateStage, DecisionTool, HrAction, InterviewOutcome } from '../../common/types';

export const CandidateStageSchema = z.enum(CandidateStage).meta({ id: 'CandidateStage' });
export const BoardSchema = z.enum(Board).meta({ id: 'Board' });
export const InterviewOutcomeSchema = z.enum(InterviewOutcome).meta({ id: 'InterviewOutcome' });
export const HrActionSchema = z.enum(HrAction).meta({ id: 'HrAction' });
export const DecisionToolSchema = z.enum(DecisionTool).meta({ id: 'DecisionTool' });

/**
 * `schema | null`. Spelled as a union because zod-to-openapi 9 drops the `null` from
 * `.nullable()` on a schema registered as a component (it emits a bare $ref).
 */
export const orNull = <T extends z.ZodType>(schema: T) => z.union([schema, z.null()]);

/** A time as the hub stores and accepts it: ISO-8601 with a zone. */
export const IsoTime = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 time with a zone, e.g. 2026-05-01T10:30:00Z' });

export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable, PascalCase; for validator rejections the workflow failure type (e.g. StaleDecision)' }),
      message: z.string(),
      issues: z
        .array(z.object({ path: z.string().meta({ example: 'candidate.phoneE164' }), message: z.string() }))
        .optional()
        .meta({ description: 'For 400s: each invalid field' }),
      requestId: z.string().optional().meta({ description: 'For 5xx: quote it when reporting the problem' }),
    }),
  })
  .meta({ id: 'Error' });

export const CandidateIdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(255)
    .meta({
      description: 'The workflow ID, candidate:{tenantId}:{board}:{applicationId} (colons may be sent URL-encoded)',
      example: 'candidate:demo:doumi:DM-20261125-0001',
    }),
});

export const LinkTokenParams = z.object({
  token: z.string().min(1).max(2048).meta({ description: 'The signed token of the link the candidate received' }),
});

export const TenantParams = z.object({ tenantId: z.string().min(1).max(64) });
