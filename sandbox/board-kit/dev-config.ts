// Reads what the simulators need from the hub's dev config (config/dev.yaml): job codes and each
// tenant's board credentials, with `${NAME:-default}` references resolved from the environment.
// It reads the YAML itself rather than the hub's config loader: a simulator stands outside the hub.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

export const DEV_CONFIG_PATH = resolve(__dirname, '..', '..', 'config', 'dev.yaml');

export interface DevBoardTenant {
  tenantId: string;
  doumi?: { appKey: string; appSecret: string; webhookSecret: string };
  jianzhimao?: { appId: string; appSecret: string };
  jobCodes: string[];
}

type RawFields = Record<string, unknown>;
interface RawTenant { id?: unknown; boards?: { doumi?: RawFields; jianzhimao?: RawFields }; jobs?: { code?: unknown }[] }

function expand(value: unknown, env: NodeJS.ProcessEnv): string {
  return String(value ?? '').replace(/\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g, (_, name: string, fallback?: string) => env[name] ?? fallback ?? '');
}

export function loadDevBoardTenants(path = process.env.HUB_CONFIG ?? DEV_CONFIG_PATH, env = process.env): DevBoardTenant[] {
  const doc = parse(readFileSync(path, 'utf8')) as { tenants?: RawTenant[] };
  return (doc.tenants ?? []).map((t) => {
    const doumi = t.boards?.doumi;
    const jzm = t.boards?.jianzhimao;
    return {
      tenantId: expand(t.id, env),
      doumi: doumi && { appKey: expand(doumi.appKey, env), appSecret: expand(doumi.appSecret, env), webhookSecret: expand(doumi.webhookSecret, env) },
      jianzhimao: jzm && { appId: expand(jzm.appId, env), appSecret: expand(jzm.appSecret, env) },
      jobCodes: (t.jobs ?? []).map((j) => expand(j.code, env)),
    };
  });
}

/** The job codes of every tenant in the dev config (RX-SH-PROMO-001, …). */
export function devJobCodes(path?: string): string[] {
  return [...new Set(loadDevBoardTenants(path).flatMap((t) => t.jobCodes))];
}
