// Parses a request part (body, query, path parameters) with its zod schema; a failure is a 400
// naming each offending field by its path, e.g. `candidate.availability[0].from`.
import type { z } from 'zod';
import { badRequest, type RequestIssue } from './http-errors';

export type RequestPart = 'body' | 'query' | 'path';

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)),
    '',
  );
}

function toIssues(issues: readonly z.core.$ZodIssue[]): RequestIssue[] {
  return issues.flatMap((issue) =>
    // One issue per unknown key, so each is named like any other field.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: 'unknown field' }))
      : [{ path: formatPath(issue.path), message: issue.message }],
  );
}

export function parseRequest<S extends z.ZodType>(schema: S, value: unknown, part: RequestPart): z.output<S> {
  if (part === 'body' && value === undefined) {
    throw badRequest('expected a JSON request body (Content-Type: application/json)');
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = toIssues(result.error.issues);
  const [first] = issues;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  const where = first?.path ? `${first.path}: ` : '';
  throw badRequest(`invalid request ${part}: ${where}${first?.message ?? 'invalid'}${more}`, issues);
}
