// Interview assessment reports: per candidate and round, the transcript and (unless the candidate
// declined AI scoring) the scores, evidence, strengths and weaknesses, with scorer, model, rubric
// and prompt version. Written by the workflow's saveAssessment activity, read by HR and the result page.
import type { Knex } from 'knex';
import { invalidError } from '../../common/errors';
import { InterviewOutcome } from '../../common/types';
import { fromJsonText, MAX, optionalText, requireText, toJsonText, type RepoOptions } from './sql-helpers';
import type { DimensionScore } from '../../common/interview';

const TABLE = 'assessments';

export interface TranscriptItem {
  questionId: string;
  question: string;
  /** Set on a follow-up question: the question it follows up. */
  followUpOf?: string;
  answer: string;
  answeredAt: string;
  secondsTaken: number;
}

export interface AssessmentReport {
  dimensions: DimensionScore[];
  strengths: string[];
  weaknesses: string[];
  summary: string;
  reason?: string;
}

export interface AssessmentInput {
  tenantId: string;
  workflowId: string;
  round: number;
  jobCode: string;
  aiScoringDeclined: boolean;
  outcome: InterviewOutcome | null;
  score: number | null;
  scorer: string | null;
  model: string | null;
  rubricVersion: string | null;
  promptVersion: string | null;
  /** null when not scored (the candidate declined AI scoring). */
  report: AssessmentReport | null;
  transcript: TranscriptItem[];
}

export interface StoredAssessment extends AssessmentInput {
  createdAt: string;
}

interface AssessmentRecord {
  tenant_id: string;
  workflow_id: string;
  round: number;
  job_code: string;
  outcome: string | null;
  score: number | null;
  ai_scoring_declined: boolean | number;
  scorer: string | null;
  model: string | null;
  rubric_version: string | null;
  prompt_version: string | null;
  report: string | null;
  transcript: string;
  created_at: string;
}

const OUTCOMES: readonly string[] = Object.values(InterviewOutcome);

export class AssessmentsRepo {
  private readonly now: () => Date;

  constructor(
    private readonly knex: Knex,
    options: RepoOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Stores a round's assessment; saving the same round again (a retried activity) replaces it. */
  async save(a: AssessmentInput): Promise<void> {
    if (!Number.isInteger(a.round) || a.round < 1) throw invalidError('BadField', 'round must be a positive whole number', { field: 'round' });
    if (a.outcome !== null && !OUTCOMES.includes(a.outcome)) throw invalidError('BadField', `outcome must be one of ${OUTCOMES.join(', ')}`, { field: 'outcome' });
    if (!Array.isArray(a.transcript)) throw invalidError('BadField', 'transcript must be a list', { field: 'transcript' });
    const record: AssessmentRecord = {
      tenant_id: requireText(a.tenantId, 'tenantId', MAX.tenantId),
      workflow_id: requireText(a.workflowId, 'workflowId', MAX.workflowId),
      round: a.round,
      job_code: requireText(a.jobCode, 'jobCode', MAX.jobCode),
      outcome: a.outcome,
      score: a.score,
      ai_scoring_declined: a.aiScoringDeclined,
      scorer: optionalText(a.scorer, 'scorer', 128),
      model: optionalText(a.model, 'model', 128),
      rubric_version: a.rubricVersion ? requireText(a.rubricVersion, 'rubricVersion', 64) : null,
      prompt_version: optionalText(a.promptVersion, 'promptVersion', 64),
      report: a.report ? toJsonText(a.report) : null,
      transcript: toJsonText(a.transcript),
      created_at: this.now().toISOString(),
    };
    const { created_at: _createdAt, tenant_id: _t, workflow_id: _w, round: _r, ...changes } = record;
    // ON CONFLICT … DO UPDATE (PostgreSQL, SQLite) or ON DUPLICATE KEY UPDATE (MySQL), built by knex.
    await this.knex(TABLE).insert(record).onConflict(['tenant_id', 'workflow_id', 'round']).merge(changes);
  }

  /** The assessment of one round, or of the latest round when `round` is omitted. */
  async get(tenantId: string, workflowId: string, round?: number): Promise<StoredAssessment | undefined> {
    const query = this.knex(TABLE).where({ tenant_id: tenantId, workflow_id: workflowId });
    if (round !== undefined) query.andWhere('round', round);
    const row = (await query.orderBy('round', 'desc').first()) as AssessmentRecord | undefined;
    return row ? toAssessment(row) : undefined;
  }

  /** Every round of a candidate, oldest first. */
  async list(tenantId: string, workflowId: string): Promise<StoredAssessment[]> {
    const rows = (await this.knex(TABLE).where({ tenant_id: tenantId, workflow_id: workflowId }).orderBy('round', 'asc')) as AssessmentRecord[];
    return rows.map(toAssessment);
  }
}

function toAssessment(r: AssessmentRecord): StoredAssessment {
  return {
    tenantId: r.tenant_id,
    workflowId: r.workflow_id,
    round: Number(r.round),
    jobCode: r.job_code,
    outcome: r.outcome as InterviewOutcome | null,
    score: r.score === null ? null : Number(r.score),
    aiScoringDeclined: Boolean(r.ai_scoring_declined),
    scorer: r.scorer,
    model: r.model,
    rubricVersion: r.rubric_version,
    promptVersion: r.prompt_version,
    report: r.report === null ? null : fromJsonText<AssessmentReport>(r.report),
    transcript: fromJsonText<TranscriptItem[]>(r.transcript),
    createdAt: r.created_at,
  };
}
