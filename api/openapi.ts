// The OpenAPI 3.1 description of the API (served at /openapi.json), generated from the same zod
// schemas that validate requests, so the document cannot drift from what the server accepts.
import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ApplicationIntakeSchema, IntakeResultSchema } from './schemas/application-schemas';
import { AssessmentQuerySchema, AssessmentSchema } from './schemas/assessment-schemas';
import { AnswerSchema, InterviewPageSchema, InterviewProgressSchema, ResultPageSchema, StartInterviewSchema } from './schemas/candidate-page-schemas';
import {
  AuditEventListSchema,
  CandidateDetailSchema,
  CandidateListQuerySchema,
  CandidatePageSchema,
  NotificationListSchema,
} from './schemas/candidate-schemas';
import { CandidateIdParams, ErrorResponseSchema, LinkTokenParams, TenantParams } from './schemas/common-schemas';
import { DecisionRequestSchema, DecisionResultSchema, MaterialsRequestSchema, MaterialsResultSchema } from './schemas/decision-schemas';
import { HealthSchema, ReadinessSchema } from './schemas/health-schemas';
import {
  DiscardRequestSchema,
  QuarantineEntryDetailSchema,
  QuarantineEntrySchema,
  QuarantineEntryQuerySchema,
  QuarantineIdParams,
  QuarantineListQuerySchema,
  QuarantinePageSchema,
  ReplayResultSchema,
} from './schemas/quarantine-schemas';
import { boardReplyResponse } from './schemas/board-webhook-schemas';
import { boardContract, PARTNER_BOARDS } from '../connectors/board-registry';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: malformed JSON, or fields that fail validation (each named in issues)',
  401: 'Missing or invalid API key',
  404: 'Not found (also for a candidate of another tenant)',
  409: "Refused by the workflow: error.code is the validator's failure type (StaleDecision, NotAwaitingDecision, DecisionPending, CandidateClosed, WrongQuestion, …)",
  410: 'The link has expired',
  413: 'The request body is larger than 1 MB',
  422: 'The request is well-formed but names something the tenant does not have (e.g. an unknown job)',
  500: 'Unexpected error; logged, quote error.requestId',
  501: 'Not implemented yet',
  503: 'Temporal or the database is unavailable; retry later',
};

const json = (schema: z.ZodType, description: string): ResponseConfig => ({ description, content: { 'application/json': { schema } } });

function errors(...statuses: number[]): Record<string, ResponseConfig> {
  return Object.fromEntries(statuses.map((s) => [String(s), json(ErrorResponseSchema, ERROR_DESCRIPTIONS[s] ?? 'Error')]));
}

const jsonBody = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema } } });

const API_ERRORS = [400, 401, 500, 503] as const;

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

export function buildOpenApiDocument(options: { serverUrl?: string } = {}): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'tenantApiKey', {
    type: 'http',
    scheme: 'bearer',
    description: "The tenant's API key (hub configuration tenants[].apiKeys); a key only sees its own tenant",
  });
  const secured = { security: [{ [bearer.name]: [] }] };
  const route = (config: RouteConfig) => registry.registerPath(config);

  // ---- HR / integrations: /api/v1 ----
  route({
    method: 'post',
    path: '/api/v1/applications',
    tags: ['applications'],
    summary: 'Submit an application for the calling tenant (career sites, manual testing)',
    ...secured,
    request: { body: jsonBody(ApplicationIntakeSchema) },
    responses: { 202: json(IntakeResultSchema, 'Accepted: the candidate workflow was started or joined'), ...errors(...API_ERRORS, 413, 422) },
  });
  route({
    method: 'get',
    path: '/api/v1/candidates',
    tags: ['candidates'],
    summary: 'List candidates (newest first), filtered and paged',
    ...secured,
    request: { query: CandidateListQuerySchema },
    responses: { 200: json(CandidatePageSchema, 'One page of candidates'), ...errors(...API_ERRORS) },
  });
  route({
    method: 'get',
    path: '/api/v1/candidates/{id}',
    tags: ['candidates'],
    summary: "A candidate: read model, live workflow status, masked name and phone",
    ...secured,
    request: { params: CandidateIdParams },
    responses: { 200: json(CandidateDetailSchema, 'The candidate'), ...errors(...API_ERRORS, 404) },
  });
  route({
    method: 'get',
    path: '/api/v1/candidates/{id}/events',
    tags: ['candidates'],
    summary: "The candidate's audit log",
    ...secured,
    request: { params: CandidateIdParams },
    responses: { 200: json(AuditEventListSchema, 'Events in the order they happened'), ...errors(...API_ERRORS, 404) },
  });
  route({
    method: 'get',
    path: '/api/v1/candidates/{id}/notifications',
    tags: ['candidates'],
    summary: 'Messages sent about the candidate (recipients masked)',
    ...secured,
    request: { params: CandidateIdParams },
    responses: { 200: json(NotificationListSchema, 'Notifications in order of creation'), ...errors(...API_ERRORS, 404) },
  });
  route({
    method: 'get',
    path: '/api/v1/candidates/{id}/assessment',
    tags: ['candidates'],
    summary: 'The interview assessment report (scores, evidence, strengths, weaknesses) and the transcript',
    description: 'Latest round unless `round` is given. For a candidate who declined AI scoring: no scores, the transcript for a person to judge. Personal data typed into answers is masked.',
    ...secured,
    request: { params: CandidateIdParams, query: AssessmentQuerySchema },
    responses: { 200: json(AssessmentSchema, 'The assessment'), ...errors(...API_ERRORS, 404) },
  });
  route({
    method: 'post',
    path: '/api/v1/candidates/{id}/decision',
    tags: ['decisions'],
    summary: "HR's decision (approve, reject, reinterview, retry, extend, withdraw)",
    description: 'Sent as the workflow Update `decision`; a stale or impossible decision is refused with 409 and leaves no trace. Repeat a request with the same decisionId to get the first answer.',
    ...secured,
    request: { params: CandidateIdParams, body: jsonBody(DecisionRequestSchema) },
    responses: { 200: json(DecisionResultSchema, 'Applied; the stage it led to'), ...errors(...API_ERRORS, 404, 409, 413) },
  });
  route({
    method: 'post',
    path: '/api/v1/candidates/{id}/materials',
    tags: ['decisions'],
    summary: 'Record onboarding materials HR has verified',
    ...secured,
    request: { params: CandidateIdParams, body: jsonBody(MaterialsRequestSchema) },
    responses: { 200: json(MaterialsResultSchema, 'Recorded; what is still missing'), ...errors(...API_ERRORS, 404, 409, 413) },
  });

  // ---- candidate links (the signed token is the credential) ----
  route({
    method: 'get',
    path: '/i/{token}',
    tags: ['candidate'],
    summary: 'The interview behind an invitation link',
    description: 'A browser (Accept: text/html) gets the mobile interview page (consent, questions, what happens next; `?lang=en` for English); other clients get its state as JSON.',
    request: { params: LinkTokenParams },
    responses: {
      200: { description: 'The interview', content: { 'application/json': { schema: InterviewPageSchema }, 'text/html': { schema: z.string() } } },
      ...errors(404, 410, 500, 503),
    },
  });
  route({
    method: 'post',
    path: '/i/{token}/start',
    tags: ['candidate'],
    summary: 'Start (or resume) the interview',
    request: { params: LinkTokenParams, body: jsonBody(StartInterviewSchema) },
    responses: { 200: json(InterviewProgressSchema, 'Progress and the next question'), ...errors(400, 404, 409, 410, 413, 500, 503) },
  });
  route({
    method: 'post',
    path: '/i/{token}/answers',
    tags: ['candidate'],
    summary: 'Answer the current question',
    request: { params: LinkTokenParams, body: jsonBody(AnswerSchema) },
    responses: { 200: json(InterviewProgressSchema, 'Progress and the next question'), ...errors(400, 404, 409, 410, 413, 500, 503) },
  });
  route({
    method: 'get',
    path: '/r/{token}',
    tags: ['candidate'],
    summary: "The candidate's result lookup",
    description:
      "A browser (Accept: text/html) gets a print-friendly page with the candidate's answers and, once the tenant has decided, as much of the assessment as the tenant's `candidatePortal.showAssessment` allows (never a score or judgement before); other clients the result as JSON, which carries no assessment. `?lang=en` for English.",
    request: { params: LinkTokenParams },
    responses: {
      200: { description: 'The result, in words for the candidate', content: { 'application/json': { schema: ResultPageSchema }, 'text/html': { schema: z.string() } } },
      ...errors(404, 410, 500, 503),
    },
  });

  // ---- job boards: one webhook per board of the registry, in the board's own words ----
  for (const board of PARTNER_BOARDS) {
    const { webhook } = boardContract(board);
    route({
      method: 'post',
      path: `/webhooks/${board}/{tenantId}`,
      tags: ['webhooks'],
      summary: `Application delivery from ${board} (signed by the board; formats in specs/job-boards.md)`,
      description: `${webhook.signing} Verified before anything else. A verified delivery that cannot be used (bad JSON, no phone, unknown job…) is acknowledged and kept in the quarantine.`,
      request: { params: TenantParams, body: { required: true, content: { [webhook.contentType]: { schema: z.string() } } } },
      responses: {
        [webhook.replies.accepted.status]: boardReplyResponse([webhook.replies.accepted], 'Kept: ingested, joined, withdrawn, or quarantined (see GET /api/v1/quarantine)'),
        [webhook.replies.badSignature.status]: boardReplyResponse([webhook.replies.badSignature, webhook.replies.staleClock], 'Bad signature or a timestamp outside the board\'s window; nothing was kept'),
        [webhook.replies.unavailable.status]: boardReplyResponse([webhook.replies.unavailable], 'Temporal unavailable: not accepted; the board redelivers'),
        ...errors(404, 413, 500),
      },
    });
  }
  route({
    method: 'get',
    path: '/api/v1/quarantine',
    tags: ['quarantine'],
    summary: "Board deliveries that verified but could not be used (the caller tenant's), newest first",
    ...secured,
    request: { query: QuarantineListQuerySchema },
    responses: { 200: json(QuarantinePageSchema, 'One page of entries, without payloads'), ...errors(...API_ERRORS) },
  });
  route({
    method: 'get',
    path: '/api/v1/quarantine/{id}',
    tags: ['quarantine'],
    summary: 'One quarantined delivery; its raw payload only with include=payload (logged)',
    ...secured,
    request: { params: QuarantineIdParams, query: QuarantineEntryQuerySchema },
    responses: { 200: json(QuarantineEntryDetailSchema, 'The entry'), ...errors(...API_ERRORS, 404) },
  });
  route({
    method: 'post',
    path: '/api/v1/quarantine/{id}/discard',
    tags: ['quarantine'],
    summary: 'Close an open entry that no fix will make usable (kept, with who decided and why)',
    ...secured,
    request: { params: QuarantineIdParams, body: jsonBody(DiscardRequestSchema) },
    responses: { 200: json(QuarantineEntrySchema, 'Discarded'), ...errors(...API_ERRORS, 404, 409, 413) },
  });
  route({
    method: 'post',
    path: '/api/v1/quarantine/{id}/replay',
    tags: ['quarantine'],
    summary: 'Parse the kept payload again against the current configuration and ingest it',
    description: 'On success the entry is marked replayed with the workflow it started or joined. Still unusable: 422 naming each problem, and the entry stays open.',
    ...secured,
    request: { params: QuarantineIdParams },
    responses: { 200: json(ReplayResultSchema, 'Replayed'), ...errors(...API_ERRORS, 404, 422) },
  });

  // ---- operations ----
  route({ method: 'get', path: '/healthz', tags: ['operations'], summary: 'Liveness', responses: { 200: json(HealthSchema, 'The process answers') } });
  route({
    method: 'get',
    path: '/readyz',
    tags: ['operations'],
    summary: 'Readiness: Temporal and the database reachable',
    responses: { 200: json(ReadinessSchema, 'Ready'), 503: json(ReadinessSchema, 'Not ready; checks names what is unreachable') },
  });
  route({
    method: 'get',
    path: '/openapi.json',
    tags: ['operations'],
    summary: 'This document',
    responses: { 200: { description: 'OpenAPI 3.1 document', content: { 'application/json': { schema: { type: 'object' } } } } },
  });
  route({
    method: 'get',
    path: '/metrics',
    tags: ['operations'],
    summary: 'Prometheus metrics (hirebridge_quarantined_total, hirebridge_webhook_deliveries_total, …)',
    responses: { 200: { description: 'Prometheus text exposition format', content: { 'text/plain': { schema: z.string() } } } },
  });

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'HireBridge API',
      version: '1.0.0',
      description: 'Integration hub for part-time hiring: applications, candidates, HR decisions, candidate links and board webhooks.',
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
  });
}
