// Scores a (redacted) transcript with any OpenAI-compatible chat-completions endpoint (OpenAI,
// DeepSeek, Qwen, vLLM, Ollama) through the `openai` package, with a strict JSON-schema reply.
// HTTP faults become hub errors (429/5xx/timeouts transient, so the activity retries them with
// backoff); output that does not fit the schema is asked again a bounded number of times, then
// becomes INSUFFICIENT_EVIDENCE with the reason, for HR to judge.
import OpenAI from 'openai';
import type { JobConfig, LlmConfig } from '../../common/config-schema';
import { configError, transientError } from '../../common/errors';
import { InterviewOutcome } from '../../common/types';
import type { InterviewScorer, TranscriptEntry } from './interview-scorer';
import { outcomeFor, tooShortToJudge, weightedScore } from './outcome';
import {
  FOLLOW_UP_JSON_SCHEMA,
  FollowUpReplySchema,
  SCORING_PROMPT_VERSION,
  SCORING_SCHEMA_NAME,
  followUpSystemPrompt,
  scoringJsonSchema,
  scoringReplySchema,
  scoringSystemPrompt,
  scoringUserPrompt,
} from './scoring-prompt';
import type { DimensionScore, InterviewAssessment } from '../../common/interview';

type Rubric = JobConfig['rubric'];

/** Output that is not what the schema asked for: worth asking again, then a person's job. */
class MalformedReply extends Error {}

/** Retry-After (seconds or an HTTP date) or retry-after-ms, in milliseconds; capped so a bad header cannot stall scoring. */
export function retryAfterMs(headers: Headers | undefined, nowMs = Date.now()): number | undefined {
  const ms = Number(headers?.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return Math.min(ms, 300_000);
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  const delay = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - nowMs;
  return Number.isFinite(delay) && delay > 0 ? Math.min(delay, 300_000) : undefined;
}

/**
 * Turns a failed HTTP call into a hub error with a kind the activity boundary understands. A
 * connection error after the whole timeout is a timeout too: where the runtime's abort error is not
 * recognised (e.g. under a test VM), the client reports the abort as a plain connection error.
 */
function toHubError(err: unknown, elapsedMs: number, timeoutMs: number): Error {
  if (err instanceof OpenAI.APIConnectionTimeoutError || (err instanceof OpenAI.APIConnectionError && elapsedMs >= timeoutMs)) {
    return transientError('LlmTimeout', `the LLM did not answer within ${timeoutMs} ms`);
  }
  if (err instanceof OpenAI.APIConnectionError) return transientError('LlmUnreachable', `the LLM endpoint is unreachable: ${err.message}`);
  if (err instanceof OpenAI.APIError) {
    const status = err.status ?? 0;
    if (status === 429) return transientError('LlmRateLimited', 'the LLM endpoint is rate limiting (429)', { retryAfterMs: retryAfterMs(err.headers) });
    if (status >= 500 || status === 408 || status === 409) return transientError('LlmUnavailable', `the LLM endpoint failed (${status})`, { retryAfterMs: retryAfterMs(err.headers) });
    if (status === 401 || status === 403) return configError('LlmAuthFailed', `the LLM endpoint refused the API key (${status})`);
    return configError('LlmRequestRejected', `the LLM endpoint rejected the request (${status}): ${err.message}`);
  }
  return err instanceof Error ? err : new Error(String(err));
}

/** Evidence must be quoted from the answers; anything else is dropped (a model may paraphrase or invent). */
function quotedOnly(evidence: string[], transcript: TranscriptEntry[]): { kept: string[]; dropped: number } {
  const squash = (s: string) => s.replace(/\s+/g, '').replace(/^[…\.。"“”']+|[…\.。"“”']+$/g, '');
  const answers = transcript.map((t) => squash(t.answer));
  const kept = evidence.filter((e) => {
    const q = squash(e);
    return q.length > 0 && answers.some((a) => a.includes(q));
  });
  return { kept, dropped: evidence.length - kept.length };
}

export class OpenAiCompatibleScorer implements InterviewScorer {
  readonly name = 'llm';
  private readonly client: OpenAI;

  constructor(private readonly config: LlmConfig) {
    // Retries belong to the activity (durable, with backoff), not to the HTTP client.
    this.client = new OpenAI({ baseURL: config.baseUrl, apiKey: config.apiKey, timeout: config.timeout, maxRetries: 0 });
  }

  private async complete(system: string, user: string, schemaName: string, schema: Record<string, unknown>): Promise<unknown> {
    let completion: OpenAI.Chat.Completions.ChatCompletion;
    const startedMs = Date.now();
    try {
      completion = await this.client.chat.completions.create({
        model: this.config.model,
        temperature: 0,
        messages: [
          { role: 'system', content: system },
          { role: 'user', content: user },
        ],
        response_format: { type: 'json_schema', json_schema: { name: schemaName, strict: true, schema } },
      });
    } catch (err) {
      throw toHubError(err, Date.now() - startedMs, this.config.timeout);
    }
    const choice = completion.choices?.[0];
    if (!choice) throw new MalformedReply('the reply has no choices');
    if (choice.message?.refusal) throw new MalformedReply(`the model refused: ${choice.message.refusal}`);
    if (choice.finish_reason === 'length') throw new MalformedReply('the reply was cut off (finish_reason length)');
    const content = choice.message?.content;
    if (!content) throw new MalformedReply('the reply is empty');
    try {
      return JSON.parse(content);
    } catch {
      throw new MalformedReply('the reply is not valid JSON');
    }
  }

  async score(rubric: Rubric, transcript: TranscriptEntry[]): Promise<InterviewAssessment> {
    const replySchema = scoringReplySchema(rubric);
    const attempts = 1 + this.config.maxMalformedRetries;
    const problems: string[] = [];
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const raw = await this.complete(scoringSystemPrompt(rubric), scoringUserPrompt(transcript), SCORING_SCHEMA_NAME, scoringJsonSchema(rubric));
        const parsed = replySchema.safeParse(raw);
        if (!parsed.success) throw new MalformedReply(`the reply does not fit the schema: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
        return this.assessment(rubric, transcript, parsed.data);
      } catch (err) {
        if (!(err instanceof MalformedReply)) throw err;
        problems.push(err.message);
      }
    }
    return {
      outcome: InterviewOutcome.INSUFFICIENT_EVIDENCE,
      score: null,
      dimensions: [],
      strengths: [],
      weaknesses: [],
      summary: 'The LLM did not return a usable assessment; a person must review the answers.',
      scorer: this.name,
      model: this.config.model,
      rubricVersion: rubric.version,
      promptVersion: SCORING_PROMPT_VERSION,
      reason: `malformed LLM output after ${attempts} attempts: ${problems[problems.length - 1]}`,
    };
  }

  private assessment(rubric: Rubric, transcript: TranscriptEntry[], reply: ReturnType<ReturnType<typeof scoringReplySchema>['parse']>): InterviewAssessment {
    let dropped = 0;
    const dimensions: DimensionScore[] = rubric.dimensions.map((d) => {
      const scored = reply.dimensions.find((x) => x.id === d.id)!;
      const evidence = quotedOnly(scored.evidence, transcript);
      dropped += evidence.dropped;
      return { dimensionId: d.id, label: d.label, score: Math.round(scored.score), evidence: evidence.kept };
    });
    const score = weightedScore(rubric, dimensions);
    const insufficient = tooShortToJudge(rubric, transcript.map((t) => t.answer));
    return {
      outcome: insufficient ? InterviewOutcome.INSUFFICIENT_EVIDENCE : outcomeFor(rubric, score),
      score,
      dimensions,
      strengths: reply.strengths,
      weaknesses: reply.weaknesses,
      summary: reply.summary + (dropped > 0 ? ` (${dropped} quote(s) not found in the answers were left out.)` : ''),
      scorer: this.name,
      model: this.config.model,
      rubricVersion: rubric.version,
      promptVersion: SCORING_PROMPT_VERSION,
      ...(insufficient ? { reason: insufficient } : {}),
    };
  }

  /** One follow-up question to an answer, or null when the model gives nothing usable. */
  async followUp(question: string, answer: string): Promise<string | null> {
    try {
      const raw = await this.complete(followUpSystemPrompt(), `Question: ${question}\nAnswer: ${answer}`, 'follow_up_question', FOLLOW_UP_JSON_SCHEMA);
      const parsed = FollowUpReplySchema.safeParse(raw);
      return parsed.success ? parsed.data.question : null;
    } catch (err) {
      if (err instanceof MalformedReply) return null;
      throw err;
    }
  }
}
