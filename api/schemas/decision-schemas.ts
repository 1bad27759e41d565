// HR's commands on a candidate: a decision (Temporal Update `decision`) and verified onboarding
// materials (Update `verifyMaterials`).
import { z } from 'zod';
import { DecisionTool, HrAction } from '../../common/types';
import { CandidateStageSchema, DecisionToolSchema, HrActionSchema } from './common-schemas';

export const DecisionRequestSchema = z
  .strictObject({
    action: HrActionSchema,
    reviewer: z.string().trim().min(1).max(200).meta({ description: 'HR user ID or e-mail of the tenant', example: 'hr.li@demo.example' }),
    tool: DecisionToolSchema.default(DecisionTool.API),
    reason: z.string().trim().min(1).max(1000).optional(),
    expectedStage: CandidateStageSchema.optional().meta({ description: 'The stage the reviewer saw; a decision against another stage is rejected as StaleDecision' }),
    extendBy: z.number().int().min(1).max(365).optional().meta({ description: 'For extend: how many more days (in the job deadline unit)' }),
    decisionId: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,128}$/, 'letters, digits, ".", "_", ":" and "-" only (max 128)')
      .optional()
      .meta({ description: 'Idempotency key: repeating a request with the same decisionId returns the first answer' }),
  })
  .superRefine((d, ctx) => {
    if (d.action === HrAction.EXTEND && d.extendBy === undefined) {
      ctx.addIssue({ code: 'custom', path: ['extendBy'], message: 'extend needs extendBy' });
    }
    if (d.action !== HrAction.EXTEND && d.extendBy !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['extendBy'], message: 'extendBy is only for action extend' });
    }
  })
  .meta({ id: 'DecisionRequest' });
export type DecisionRequest = z.output<typeof DecisionRequestSchema>;

export const DecisionResultSchema = z
  .object({ stage: CandidateStageSchema.meta({ description: 'The stage the decision led to' }) })
  .meta({ id: 'DecisionResult' });

export const MaterialsRequestSchema = z
  .strictObject({
    verified: z.array(z.string().min(1).max(64)).min(1).max(50).meta({ description: "Material IDs from the job's onboarding list", example: ['id_card'] }),
    reviewer: z.string().trim().min(1).max(200),
  })
  .meta({ id: 'MaterialsRequest' });

export const MaterialsResultSchema = z
  .object({ stage: CandidateStageSchema, missing: z.array(z.string()) })
  .meta({ id: 'MaterialsResult' });
