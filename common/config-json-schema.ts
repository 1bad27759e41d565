// The JSON Schema of the hub config file, generated from the zod schema (the input side: what a
// person writes, before defaults and duration parsing).
import { z } from 'zod';
import { HubConfigSchema } from './config-schema';

export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(HubConfigSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'HireBridge hub configuration',
  };
}
