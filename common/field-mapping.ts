// Field mappings from the canonical record to a destination's payload, written as JSONata
// expressions in the tenant config, so that a tenant's custom fields need no code.
import jsonata from 'jsonata';
import { configError } from './errors';

const compiled = new Map<string, jsonata.Expression>();

function expressionFor(source: string, field: string): jsonata.Expression {
  let expr = compiled.get(source);
  if (!expr) {
    try {
      expr = jsonata(source);
    } catch (err) {
      throw configError('BadFieldMapping', `field "${field}": ${(err as Error).message}`);
    }
    compiled.set(source, expr);
  }
  return expr;
}

/** Evaluates every mapped field; a field whose expression yields nothing is left out. */
export async function applyFieldMapping(fields: Record<string, string>, record: unknown): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [field, source] of Object.entries(fields)) {
    const value: unknown = await expressionFor(source, field).evaluate(record);
    if (value !== undefined) out[field] = value;
  }
  return out;
}
