// The scoring request an LLM gets: the prompt (versioned, stored with every result), the JSON
// schema for structured output (response_format json_schema, strict), and the zod check of the reply.
// Structured outputs: https://platform.openai.com/docs/guides/structured-outputs
import { z } from 'zod';
import type { JobConfig } from '../../common/config-schema';
import type { TranscriptEntry } from './interview-scorer';

export const SCORING_PROMPT_VERSION = 'interview-score-v1';
export const FOLLOW_UP_PROMPT_VERSION = 'interview-follow-up-v1';
export const SCORING_SCHEMA_NAME = 'interview_assessment';

type Rubric = JobConfig['rubric'];

export function scoringSystemPrompt(rubric: Rubric): string {
  const dimensions = rubric.dimensions
    .map((d) => `- id "${d.id}": ${d.label}${d.description ? ` — ${d.description}` : ''}`)
    .join('\n');
  return [
    'You assess a written interview for a part-time job. Score each rubric dimension from 0 to 100',
    'using only what the candidate wrote. For every dimension quote the evidence word for word from the',
    'answers (short exact excerpts, no paraphrase); with no evidence give an empty list and a low score.',
    'List concrete strengths and weaknesses and write a two-sentence summary in the language of the answers.',
    'Personal data has been replaced by markers such as [姓名] or [电话]; ignore them.',
    'Do not decide pass or fail: the outcome is computed from your scores.',
    '',
    `Rubric ${rubric.version}:`,
    dimensions,
  ].join('\n');
}

export function scoringUserPrompt(transcript: TranscriptEntry[]): string {
  return transcript.map((t, i) => `Q${i + 1} [${t.questionId}]: ${t.question}\nA${i + 1}: ${t.answer}`).join('\n\n');
}

/** JSON schema of the reply, strict mode: every property required, no others, dimension ids fixed. */
export function scoringJsonSchema(rubric: Rubric): Record<string, unknown> {
  const strings = { type: 'array', items: { type: 'string' } };
  return {
    type: 'object',
    additionalProperties: false,
    required: ['dimensions', 'strengths', 'weaknesses', 'summary'],
    properties: {
      dimensions: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'score', 'evidence'],
          properties: {
            id: { type: 'string', enum: rubric.dimensions.map((d) => d.id) },
            score: { type: 'integer', description: '0 to 100' },
            evidence: { ...strings, description: 'Exact quotes from the answers' },
          },
        },
      },
      strengths: strings,
      weaknesses: strings,
      summary: { type: 'string' },
    },
  };
}

/** The reply as the hub accepts it: each rubric dimension exactly once, scores 0–100. */
export function scoringReplySchema(rubric: Rubric) {
  const ids = rubric.dimensions.map((d) => d.id);
  return z
    .strictObject({
      dimensions: z.array(
        z.strictObject({
          id: z.string(),
          score: z.number().min(0).max(100),
          evidence: z.array(z.string().max(500)).max(10),
        }),
      ),
      strengths: z.array(z.string().max(500)).max(10),
      weaknesses: z.array(z.string().max(500)).max(10),
      summary: z.string().min(1).max(2000),
    })
    .superRefine((reply, ctx) => {
      const seen = reply.dimensions.map((d) => d.id);
      for (const id of ids) if (!seen.includes(id)) ctx.addIssue({ code: 'custom', path: ['dimensions'], message: `dimension "${id}" is missing` });
      for (const id of seen) if (!ids.includes(id)) ctx.addIssue({ code: 'custom', path: ['dimensions'], message: `unknown dimension "${id}"` });
      if (new Set(seen).size !== seen.length) ctx.addIssue({ code: 'custom', path: ['dimensions'], message: 'a dimension is scored twice' });
    });
}
export type ScoringReply = z.infer<ReturnType<typeof scoringReplySchema>>;

export function followUpSystemPrompt(): string {
  return [
    'You interview a candidate for a part-time job in writing. Given one question and the answer,',
    'ask ONE short follow-up question (at most 60 characters) that asks for a concrete example or detail',
    'the answer left out, in the language of the answer. Personal data appears as markers such as [姓名].',
    'Reply with JSON: {"question": "..."}.',
  ].join('\n');
}

export const FOLLOW_UP_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['question'],
  properties: { question: { type: 'string' } },
};
export const FollowUpReplySchema = z.strictObject({ question: z.string().trim().min(2).max(200) });
