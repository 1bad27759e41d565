// What the board connectors share when they turn a vendor payload into the canonical application:
// zod failures become one `invalid` HubError whose message and `problems` name each bad field.
import type { z } from 'zod';
import { invalidError, type HubError } from './errors';

/** Stable reasons a board payload is unusable; they label the quarantine metric and rows. */
export const PayloadProblem = {
  INVALID_JSON: 'InvalidJson',
  INVALID_FORM: 'InvalidForm',
  INVALID_PAYLOAD: 'InvalidPayload',
  MISSING_PHONE: 'MissingPhone',
  INVALID_PHONE: 'InvalidPhone',
  MISSING_JOB_CODE: 'MissingJobCode',
  UNKNOWN_JOB: 'UnknownJob',
  JOB_CLOSED: 'JobClosed',
  BAD_TIMESTAMP: 'BadTimestamp',
  UNKNOWN_EVENT: 'UnknownEvent',
  UNKNOWN_APPLICATION: 'UnknownApplication',
} as const;
export type PayloadProblem = (typeof PayloadProblem)[keyof typeof PayloadProblem];

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), '');
}

/** `candidate.mobile: expected string` per issue, paths prefixed with where the object sits. */
export function zodProblems(error: z.ZodError, prefix = ''): string[] {
  return error.issues.map((issue) => {
    const path = formatPath([...(prefix ? [prefix] : []), ...issue.path]);
    return `${path || '(root)'}: ${issue.message}`;
  });
}

/** One `invalid` HubError for a list of problems; `details.problems` keeps them all. */
export function payloadError(code: PayloadProblem, problems: string[]): HubError {
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return invalidError(code, `${problems[0] ?? code}${more}`, { problems });
}

/** Parses with a zod schema or throws payloadError(InvalidPayload) naming each field. */
export function parsePayload<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = zodProblems(result.error, prefix);
  // A phone problem is the commonest and most actionable case: give it its own reason.
  const code = problems.some((p) => /(^|\.)(mobile|phone|手机号)\b/.test(p)) ? PayloadProblem.INVALID_PHONE : PayloadProblem.INVALID_PAYLOAD;
  throw payloadError(code, problems);
}
