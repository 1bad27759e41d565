// CSV import of a board export into the one ingestion path, on a real Temporal dev server: a GBK
// file (as Excel on Chinese Windows writes it) and a UTF-8 one with BOM, bad rows quarantined with
// their row numbers, a re-import counted as duplicates, and the CLI end to end.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import { createLogger } from '../common/logger';
import { Board, CandidateStage, type CanonicalApplication } from '../common/types';
import { importBoardCsv } from '../intake/csv-import';
import { createHarness, type Harness } from './support/hub-harness';

let hub: Harness;
let dir: string;

beforeAll(async () => {
  hub = await createHarness({ server: 'dev' });
  dir = mkdtempSync(join(tmpdir(), 'csv-import-'));
});
afterAll(async () => {
  await hub?.shutdown();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const tenant = () => hub.config.tenants.find((t) => t.id === 'demo')!;
const deps = () => ({ client: hub.client, store: hub.store, taskQueue: hub.taskQueue, logger: createLogger('csv-test', 'silent') });
const ref = (board: Board, applicationId: string) => ({ tenantId: 'demo', board, applicationId }) as CanonicalApplication;
const stamp = Date.now().toString(36).toUpperCase();

const JZM_HEADER = '简历编号,姓名,手机号,性别,出生年份,城市,学校,是否学生,健康证,工作时间偏好,自我介绍,期望薪资,职位编号,投递时间';

function jianzhimaoCsv(prefix: string): string {
  return [
    JZM_HEADER,
    `${prefix}-1,李四,13900139000,女,2003,上海市,上海大学,是,有,周末全天,在奶茶店做过一年兼职,25元/小时,RX-SH-PROMO-001,2026-11-25 09:31:07`,
    `${prefix}-2,王五,+86 139-0013-9001,男,0,上海,,否,有,工作日晚上,"做过快递, 熟悉路线",200/天,RX-SH-RIDER-001,2026/11/25 10:02`,
    // Row 4: no phone. Row 5: unknown job code. Row 6: a date that does not exist.
    `${prefix}-3,赵六,,男,2000,上海,,否,有,,,,RX-SH-PROMO-001,2026-11-25 11:00:00`,
    `${prefix}-4,钱七,13900139003,女,2001,上海,,是,无,,,面议,NO-SUCH-JOB,2026-11-25 11:30:00`,
    `${prefix}-5,孙八,13900139004,女,2001,上海,,是,有,,,,RX-SH-PROMO-001,2026-02-30 08:00:00`,
  ].join('\r\n');
}

test('a GBK export: imported, quarantined with row numbers, then a re-import counts duplicates', async () => {
  const prefix = `JZ${stamp}`;
  const bytes = iconv.encode(jianzhimaoCsv(prefix), 'gbk');
  const progress: number[] = [];
  const summary = await importBoardCsv(deps(), { tenant: tenant(), board: 'jianzhimao', bytes, onProgress: (done) => progress.push(done) });
  expect(summary).toMatchObject({ encoding: 'gb18030', rows: 5, imported: 2, duplicate: 0, quarantined: 3, failed: 0 });
  expect(summary.quarantinedRows.map((q) => [q.row, q.reason])).toEqual([
    [4, 'MissingPhone'],
    [5, 'UnknownJob'],
    [6, 'InvalidPayload'],
  ]);
  expect(progress).toEqual([1, 2, 3, 4, 5]);

  const first = ref(Board.JIANZHIMAO, `${prefix}-1`);
  await hub.waitForStage(first, CandidateStage.INTERVIEW_INVITED);
  expect(await hub.store.applications.get(first)).toMatchObject({
    appliedAt: '2026-11-25T01:31:07.000Z',
    candidate: { name: '李四', phoneE164: '+8613900139000', gender: 'FEMALE', birthYear: 2003, city: '上海市', isStudent: true, hasHealthCertificate: true, expectedHourlyWage: 25 },
  });
  expect((await hub.store.applications.get(ref(Board.JIANZHIMAO, `${prefix}-2`)))?.candidate).toMatchObject({ phoneE164: '+8613900139001', birthYear: null, expectedHourlyWage: 25 });

  const missingPhone = await hub.store.quarantine.get('demo', summary.quarantinedRows[0]!.id);
  expect(missingPhone).toMatchObject({ source: 'csv', board: 'jianzhimao', problems: ['row 4, 手机号: missing; a candidate cannot be contacted without it'] });
  // Kept as the row's cells (sealed at rest), so a replay reads it again.
  expect(JSON.parse(missingPhone!.rawPayload.toString('utf8'))).toMatchObject({ board: 'jianzhimao', row: 4, cells: { 姓名: '赵六' } });
  const badDate = await hub.store.quarantine.get('demo', summary.quarantinedRows[2]!.id);
  expect(badDate?.problems).toEqual(['row 6, 投递时间: expected Beijing time as YYYY-MM-DD HH:mm:ss']);

  const again = await importBoardCsv(deps(), { tenant: tenant(), board: 'jianzhimao', bytes });
  expect(again).toMatchObject({ rows: 5, imported: 0, duplicate: 2, quarantined: 3 });
  // The same bad rows are the same deliveries: kept once.
  expect(again.quarantinedRows.map((q) => q.id)).toEqual(summary.quarantinedRows.map((q) => q.id));
});

test('a UTF-8 export with BOM joins what a webhook already delivered', async () => {
  const prefix = `DM${stamp}`;
  await hub.ingest({ ...(await import('./support/fixtures')).makeApplication({ applicationId: `${prefix}-1` }) });
  const text = [
    '投递编号,姓名,手机号,性别,出生日期,城市,职位编号,投递时间,是否学生,健康证,期望薪资,可工作时间,自我介绍',
    `${prefix}-1,张三,13800138000,男,2003-04-01,上海,RX-SH-PROMO-001,2026-11-25T09:30:00+08:00,是,有,25,周末,做过促销`,
    `${prefix}-2,周九,13800138009,女,2002-01-15,上海,RX-SH-PROMO-001,2026-11-25 09:45:00,否,有,3000元/月,周六,`,
  ].join('\n');
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  const summary = await importBoardCsv(deps(), { tenant: tenant(), board: 'doumi', bytes });
  expect(summary).toMatchObject({ encoding: 'utf-8', rows: 2, imported: 1, duplicate: 1, quarantined: 0, failed: 0 });
  const second = ref(Board.DOUMI, `${prefix}-2`);
  await hub.waitForStage(second, CandidateStage.INTERVIEW_INVITED);
  expect((await hub.store.applications.get(second))?.candidate).toMatchObject({ birthYear: 2002, expectedHourlyWage: null, isStudent: false });
});

test('a file without the required columns imports nothing and says which are missing', async () => {
  const bytes = Buffer.from('姓名,手机号\n张三,13800138000\n', 'utf8');
  await expect(importBoardCsv(deps(), { tenant: tenant(), board: 'doumi', bytes })).rejects.toThrow(/投递编号 \(applicationId\).*职位编号 \(jobCode\).*投递时间 \(appliedAt\)/);
});

test('the CLI: npm run import:csv -- --tenant demo --board jianzhimao <GBK file>', async () => {
  const prefix = `CLI${stamp}`;
  const file = join(dir, 'export.csv');
  writeFileSync(file, iconv.encode(jianzhimaoCsv(prefix), 'gbk'));
  // The CLI shares the worker's database, as in production (same DATABASE_URL).
  const { filename } = hub.db.knex.client.config.connection as { filename: string };
  const root = resolve(__dirname, '..');
  const { HUB_CONFIG: _ignored, ...env } = process.env;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'scripts', 'import-csv.ts'), '--tenant', 'demo', '--board', 'jianzhimao', '--task-queue', hub.taskQueue, file],
    { cwd: root, env: { ...env, TEMPORAL_ADDRESS: hub.env.address, DATABASE_URL: `sqlite:${filename}`, LOG_LEVEL: 'silent' }, timeout: 60_000 },
  ).catch((err: { stdout?: string; stderr?: string }) => {
    throw new Error(`CLI failed: ${err.stderr ?? ''}${err.stdout ?? ''}`);
  });
  expect(stdout).toContain('file read as gb18030: 5 rows');
  expect(stdout).toContain('imported: 2  duplicate: 0  quarantined: 3  failed: 0');
  const rowFour = /row 4: quarantined as (\d+) \(MissingPhone\)/.exec(stdout);
  expect(rowFour).not.toBeNull();
  await hub.waitForStage(ref(Board.JIANZHIMAO, `${prefix}-1`), CandidateStage.INTERVIEW_INVITED);
  expect(await hub.store.quarantine.get('demo', rowFour![1]!)).toMatchObject({ reason: 'MissingPhone', source: 'csv' });
});
