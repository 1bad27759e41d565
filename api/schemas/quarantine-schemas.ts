// The quarantine as the tenant API shows it: list filters, entries (reason and problems, never the
// payload unless asked for one entry with include=payload), and the replay result.
import { z } from 'zod';
import { QUARANTINE_SOURCES } from '../../common/ingestion';
import { PARTNER_BOARDS } from '../../connectors/board-registry';
import { QUARANTINE_MAX_PAGE_SIZE, QuarantineStatus } from '../../connectors/hub-db';

export const QuarantineListQuerySchema = z.strictObject({
  board: z.enum(PARTNER_BOARDS).optional(),
  status: z.enum(QuarantineStatus).optional().meta({ description: 'open: waiting for a fix and a replay; replayed: handed on; discarded: a person decided it cannot be used' }),
  reason: z.string().regex(/^[A-Za-z]{1,64}$/, 'a reason code, e.g. UnknownJob').optional(),
  limit: z.coerce.number().int().min(1).max(QUARANTINE_MAX_PAGE_SIZE).default(50),
  cursor: z.string().min(1).max(64).optional().meta({ description: 'nextCursor of the previous page; send the same filters with it' }),
});

export const QuarantineIdParams = z.object({
  id: z.string().regex(/^\d{1,18}$/, 'a quarantine entry ID (digits)').meta({ example: '42' }),
});

export const QuarantineEntryQuerySchema = z.strictObject({
  include: z
    .literal('payload')
    .optional()
    .meta({ description: 'Also return the raw payload as received. It holds personal data: every such read is logged with the caller tenant and entry ID.' }),
});

export const QuarantineEntrySchema = z
  .object({
    id: z.string(),
    tenantId: z.string(),
    board: z.string(),
    source: z.enum(QUARANTINE_SOURCES),
    deliveryId: z.string().nullable(),
    applicationId: z.string().nullable().meta({ description: "The board's application ID, when it could be read" }),
    reason: z.string().meta({ description: 'InvalidJson, InvalidPayload, MissingPhone, InvalidPhone, MissingJobCode, UnknownJob, JobClosed, UnknownEvent, UnknownApplication, WorkflowStartFailed', example: 'UnknownJob' }),
    problems: z.array(z.string()).meta({ description: 'Each problem names the field (never its value)', example: ['data.application.candidate.mobile: missing; a candidate cannot be contacted without it'] }),
    contentType: z.string().nullable(),
    payloadBytes: z.number().int(),
    status: z.enum(QuarantineStatus),
    replayAttempts: z.number().int(),
    workflowId: z.string().nullable().meta({ description: 'The workflow a successful replay started or joined' }),
    receivedAt: z.string(),
    updatedAt: z.string(),
    replayedAt: z.string().nullable(),
    discardedBy: z.string().nullable(),
    discardNote: z.string().nullable(),
  })
  .meta({ id: 'QuarantineEntry' });

export const DiscardRequestSchema = z
  .strictObject({
    by: z.string().trim().min(1).max(255).meta({ description: 'Who decided (an HR or ops user of the tenant)', example: 'ops.wang@demo.example' }),
    note: z.string().trim().min(1).max(500).meta({ description: 'Why it cannot be used', example: '测试数据，斗米确认无需处理' }),
  })
  .meta({ id: 'DiscardRequest' });

export const QuarantineEntryDetailSchema = QuarantineEntrySchema.extend({
  payload: z
    .object({
      encoding: z.enum(['utf-8', 'base64']),
      data: z.string(),
    })
    .optional()
    .meta({ description: 'Only with include=payload' }),
}).meta({ id: 'QuarantineEntryDetail' });

export const QuarantinePageSchema = z
  .object({ items: z.array(QuarantineEntrySchema), nextCursor: z.string().nullable().meta({ description: 'null on the last page' }) })
  .meta({ id: 'QuarantinePage' });

export const ReplayResultSchema = z
  .object({
    id: z.string(),
    status: z.literal('replayed'),
    outcome: z.enum(['new', 'duplicate', 'closed', 'withdrawn', 'withdrawal-noop']).meta({
      description: 'new/duplicate/closed: the application was ingested (see IntakeResult); withdrawn: the withdrawal was sent; withdrawal-noop: its workflow had already finished',
    }),
    workflowId: z.string(),
  })
  .meta({ id: 'ReplayResult' });
export type ReplayResult = z.output<typeof ReplayResultSchema>;
