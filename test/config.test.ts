// The hub configuration file: the dev config, errors that name the bad field, environment
// references for secrets, the generated JSON Schema, and processes refusing to start on bad config.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ConfigFileError, DEFAULT_CONFIG_PATH, loadConfig, parseConfig } from '../common/config';
import { configJsonSchema } from '../common/config-json-schema';
import { devConfigDocument } from './support/hub-harness';

function problemsOf(mutate: (doc: Record<string, any>) => void, env: NodeJS.ProcessEnv = {}): string[] {
  const doc = devConfigDocument();
  mutate(doc);
  try {
    parseConfig(doc, env);
  } catch (err) {
    if (err instanceof ConfigFileError) return err.problems;
    throw err;
  }
  throw new Error('the config was accepted');
}

test('the dev config defines tenant demo with the fixed development credentials and three jobs', () => {
  const config = loadConfig(DEFAULT_CONFIG_PATH, {});
  const demo = config.tenants.find((t) => t.id === 'demo')!;
  expect(demo.apiKeys).toEqual(['dev-demo-api-key']);
  expect(demo.boards.doumi).toMatchObject({ appKey: 'dev-doumi-app', appSecret: 'dev-doumi-app-secret', webhookSecret: 'dev-doumi-webhook-secret' });
  expect(demo.boards.jianzhimao).toMatchObject({ appId: 'dev-jzm-app', appSecret: 'dev-jzm-app-secret' });
  expect(demo.jobs.map((j) => [j.code, j.role])).toEqual([
    ['RX-SH-PROMO-001', 'promoter'],
    ['RX-SH-RIDER-001', 'rider'],
    ['RX-SH-CS-001', 'customer_service'],
  ]);
  // Each job its own rules, rubric, thresholds, deadlines and destinations.
  const distinct = (pick: (j: (typeof demo.jobs)[number]) => unknown) => new Set(demo.jobs.map((j) => JSON.stringify(pick(j)))).size;
  expect(distinct((j) => j.prescreen)).toBe(3);
  expect(distinct((j) => j.rubric.dimensions)).toBe(3);
  expect(distinct((j) => j.onboarding)).toBe(3);
  expect(distinct((j) => j.destinations)).toBe(2);
  expect(demo.jobs[0]!.interview.expiresAfter).toBe(72 * 3600_000);
});

test('secrets come from the environment, with dev defaults only where the file gives one', () => {
  const config = loadConfig(DEFAULT_CONFIG_PATH, { DEMO_API_KEY: 'a-real-key-from-the-vault-0001' });
  expect(config.tenants[0]!.apiKeys).toEqual(['a-real-key-from-the-vault-0001']);
  expect(problemsOf((doc) => (doc.tenants[0].boards.doumi.appSecret = '${DOUMI_SECRET}'))).toEqual([
    'tenants[0].boards.doumi.appSecret: environment variable DOUMI_SECRET is not set',
  ]);
});

test('a bad field is named by its path, and every problem is listed', () => {
  const problems = problemsOf((doc) => {
    doc.tenants[0].jobs[0].rubric.thresholds.pass = 'high';
    doc.tenants[0].jobs[1].interview.expiresAfter = '3 days';
    doc.tenants[0].jobs[2].destinations = ['ehr', 'payroll'];
    doc.tenants[0].apiKeys = ['short'];
  });
  expect(problems).toEqual(expect.arrayContaining([
    'tenants[0].jobs[0].rubric.thresholds.pass: Invalid input: expected number, received string',
    'tenants[0].jobs[1].interview.expiresAfter: expected a duration like 30s, 15m, 24h or 2d',
    'tenants[0].apiKeys[0]: API keys must be at least 16 characters',
  ]));
});

test('cross-field rules: unknown destinations, duplicate codes and tenants, thresholds out of order', () => {
  expect(problemsOf((doc) => (doc.tenants[0].jobs[2].destinations = ['ehr', 'payroll']))).toEqual(['tenants[0].jobs[2].destinations[1]: unknown destination "payroll"']);
  expect(problemsOf((doc) => (doc.tenants[0].jobs[1].code = 'RX-SH-PROMO-001'))).toEqual(['tenants[0].jobs[1].code: duplicate job code RX-SH-PROMO-001']);
  expect(problemsOf((doc) => doc.tenants.push({ ...doc.tenants[0] }))).toEqual(expect.arrayContaining(['tenants[1].id: duplicate tenant id demo', 'tenants[1].apiKeys[0]: API key is used twice']));
  expect(problemsOf((doc) => (doc.tenants[0].jobs[0].rubric.thresholds = { pass: 50, borderline: 60 }))).toEqual([
    'tenants[0].jobs[0].rubric.thresholds.borderline: thresholds.borderline must not be above thresholds.pass',
  ]);
});

test('a file that is not YAML, or not there, is a clear error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-config-'));
  writeFileSync(join(dir, 'broken.yaml'), 'tenants: [\n  - id: demo\n');
  expect(() => loadConfig(join(dir, 'broken.yaml'), {})).toThrow(/not valid YAML/);
  expect(() => loadConfig(join(dir, 'missing.yaml'), {})).toThrow(/cannot read the file/);
});

test('the committed JSON Schema for editors is generated from the current zod schema', () => {
  const committed = JSON.parse(readFileSync(join(__dirname, '..', 'config', 'hub-config.schema.json'), 'utf8'));
  expect(committed).toEqual(configJsonSchema()); // run `npm run config:schema` after changing the schema
});

test.each(['workers/main.ts', 'api/main.ts'])('%s refuses to start on a bad config and names the field', (entry) => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-config-'));
  const doc = devConfigDocument();
  doc.tenants[0].jobs[0].hourlyWage = -5;
  writeFileSync(join(dir, 'bad.yaml'), stringify(doc));
  const run = spawnSync(process.execPath, [require.resolve('tsx/cli'), join(__dirname, '..', entry)], {
    env: { ...process.env, HUB_CONFIG: join(dir, 'bad.yaml'), PORT: '0' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('tenants[0].jobs[0].hourlyWage: Too small: expected number to be >0');
});
