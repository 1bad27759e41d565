// Loads and validates the hub configuration (HUB_CONFIG, YAML or JSON) once, at an entry point.
// Secrets are never written in the file: a string value may reference the environment as
// ${NAME} or ${NAME:-default}; a missing variable without a default is an error naming the field.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { HubConfigSchema, type HubConfig, type JobConfig, type TenantConfig } from './config-schema';
import { configError } from './errors';

export class ConfigFileError extends Error {
  constructor(readonly file: string, readonly problems: string[]) {
    super(`Invalid hub configuration ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigFileError';
  }
}

export const DEFAULT_CONFIG_PATH = resolve(__dirname, '..', 'config', 'dev.yaml');

const ENV_REF = /\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g;

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), '');
}

/** Replaces environment references in every string of the parsed document, collecting what is missing. */
function interpolate(value: unknown, env: NodeJS.ProcessEnv, path: PropertyKey[], problems: string[]): unknown {
  if (typeof value === 'string') {
    return value.replace(ENV_REF, (_match, name: string, fallback: string | undefined) => {
      const fromEnv = env[name];
      if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
      if (fallback !== undefined) return fallback;
      problems.push(`${formatPath(path)}: environment variable ${name} is not set`);
      return '';
    });
  }
  if (Array.isArray(value)) return value.map((item, i) => interpolate(item, env, [...path, i], problems));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, env, [...path, k], problems)]));
  }
  return value;
}

export function issuesToProblems(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => `${formatPath(issue.path) || '(root)'}: ${issue.message}`);
}

/** Validates an already-parsed document; throws ConfigFileError listing every problem. */
export function parseConfig(document: unknown, env: NodeJS.ProcessEnv = process.env, file = '(inline)'): HubConfig {
  const problems: string[] = [];
  const interpolated = interpolate(document, env, [], problems);
  if (problems.length > 0) throw new ConfigFileError(file, problems);
  const result = HubConfigSchema.safeParse(interpolated);
  if (!result.success) throw new ConfigFileError(file, issuesToProblems(result.error.issues));
  return result.data;
}

export function loadConfig(file = process.env.HUB_CONFIG ?? DEFAULT_CONFIG_PATH, env: NodeJS.ProcessEnv = process.env): HubConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigFileError(file, [`cannot read the file: ${(err as Error).message}`]);
  }
  let document: unknown;
  try {
    document = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new ConfigFileError(file, [`not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(err as Error).message}`]);
  }
  return parseConfig(document, env, file);
}

export function findTenant(config: HubConfig, tenantId: string): TenantConfig | undefined {
  return config.tenants.find((t) => t.id === tenantId);
}

export function findJob(tenant: TenantConfig, jobCode: string): JobConfig | undefined {
  return tenant.jobs.find((j) => j.code === jobCode);
}

/** The tenant, for code that runs only for configured ones; else a `config` error a person must fix. */
export function requireTenant(config: HubConfig, tenantId: string): TenantConfig {
  const tenant = findTenant(config, tenantId);
  if (!tenant) throw configError('UnknownTenant', `tenant "${tenantId}" is not configured`, { tenantId });
  return tenant;
}

/** The tenant's job, or a `config` error naming both. */
export function requireJob(tenant: TenantConfig, jobCode: string): JobConfig {
  const job = findJob(tenant, jobCode);
  if (!job) throw configError('UnknownJob', `job "${jobCode}" is not configured for tenant "${tenant.id}"`, { tenantId: tenant.id, jobCode });
  return job;
}

export type { HubConfig, JobConfig, TenantConfig };
