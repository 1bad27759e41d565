// The board registry (issue 9, part 2): every board the config knows has one complete contract,
// its webhook replies are the ones specs/job-boards.md prescribes, and no file outside a board's
// own folder and the registry knows a board's wire details.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BoardProgress } from '../common/board-progress';
import { TenantSchema } from '../common/config-schema';
import { Board } from '../common/types';
import { CSV_FIELDS, type WebhookReply } from '../connectors/board-contract';
import { boardContract, isPartnerBoard, PARTNER_BOARDS } from '../connectors/board-registry';

const ROOT = join(__dirname, '..');

/** specs/job-boards.md, per board: its webhook answers and its progress wire values. */
const SPEC: Record<string, { replies: Record<'accepted' | 'badSignature' | 'staleClock' | 'unavailable', Pick<WebhookReply, 'status'> & { body: unknown }>; statuses: unknown[] }> = {
  doumi: {
    replies: {
      accepted: { status: 200, body: { code: 0 } },
      badSignature: { status: 401, body: expect.objectContaining({ code: 40101 }) },
      staleClock: { status: 401, body: expect.objectContaining({ code: 40102 }) },
      unavailable: { status: 503, body: expect.objectContaining({ code: 50000 }) },
    },
    statuses: ['INTERVIEWING', 'PASSED', 'REJECTED', 'HIRED', 'CLOSED'],
  },
  jianzhimao: {
    replies: {
      accepted: { status: 200, body: 'success' },
      badSignature: { status: 401, body: 'fail' },
      staleClock: { status: 401, body: 'fail' },
      unavailable: { status: 503, body: 'fail' },
    },
    statuses: [1, 2, 3, 4, 5],
  },
};

describe('the board registry', () => {
  test('has exactly the boards of the config schema (tenants[].boards), each a canonical Board but not direct', () => {
    expect([...PARTNER_BOARDS].sort()).toEqual(Object.keys(TenantSchema.shape.boards.unwrap().shape).sort());
    for (const board of PARTNER_BOARDS) expect(Object.values(Board)).toContain(board);
    expect(isPartnerBoard(Board.DIRECT)).toBe(false);
    expect(isPartnerBoard('toString')).toBe(false);
  });

  test.each(PARTNER_BOARDS)('%s implements every member of the contract', (board) => {
    const c = boardContract(board);
    expect(typeof c.displayName).toBe('string');
    const functions = {
      createClient: c.createClient,
      'webhook.verify': c.webhook.verify,
      'webhook.parse': c.webhook.parse,
      'webhook.reparse': c.webhook.reparse,
      'poll.readPage': c.poll.readPage,
      'poll.parseItem': c.poll.parseItem,
      'feedback.send': c.feedback.send,
      'posting.toWire': c.posting.toWire,
      'posting.publish': c.posting.publish,
      'posting.takeOffline': c.posting.takeOffline,
    };
    for (const [member, fn] of Object.entries(functions)) expect([member, typeof fn]).toEqual([member, 'function']);
    expect(c.webhook.contentType).toMatch(/^[a-z]+\/[a-z0-9.+-]+$/);
    expect(c.webhook.signing.length).toBeGreaterThan(20);
    // Every progress has a decision: a wire value, or null for "the board has none".
    expect(Object.keys(c.feedback.statuses).sort()).toEqual(Object.values(BoardProgress).sort());
    for (const value of Object.values(c.feedback.statuses)) expect(value).not.toBeUndefined();
    // Every CSV field has at least one header; no header names two fields.
    expect(Object.keys(c.csvColumns).sort()).toEqual([...CSV_FIELDS].sort());
    const headers = Object.values(c.csvColumns).flat().map((h) => h.toLowerCase());
    expect(headers.every((h) => h.trim().length > 0)).toBe(true);
    expect(new Set(headers).size).toBe(headers.length);
  });

  test.each(PARTNER_BOARDS)('%s answers webhooks and reports progress as specs/job-boards.md says', (board) => {
    const spec = SPEC[board];
    if (!spec) throw new Error(`no spec row for board ${board}: add its replies and statuses to this test from specs/job-boards.md`);
    const { webhook, feedback } = boardContract(board);
    expect(webhook.replies).toMatchObject(spec.replies);
    // Spec: a refused delivery is answered 401; anything but the accepted answer makes the board redeliver.
    expect(webhook.replies.accepted.status).toBeGreaterThanOrEqual(200);
    expect(webhook.replies.accepted.status).toBeLessThan(300);
    expect(webhook.replies.unavailable.status).toBeGreaterThanOrEqual(500);
    expect(Object.values(feedback.statuses).filter((s) => s !== null).sort()).toEqual([...spec.statuses].sort());
  });
});

/**
 * Files that may name a board's wire details although they are outside its folder, each with why.
 * The frozen v1 poller files must stay byte-for-byte what running v1 pollers and their histories
 * expect; the bench plays the board (like sandbox/) when it sends signed webhooks.
 */
const ALLOWED_OUTSIDE = new Map<string, string>([
  ['workflows/board-poller-v1.ts', 'frozen v1 poller steps (patch board-poll-step-activity)'],
  ['activities/board-poll-v1-activities.ts', 'frozen v1 poll activities, registered for v1 poller runs'],
  ['scripts/bench-intake.ts', 'load driver that plays Doumi, as the simulators do'],
]);

/** specs/job-boards.md details that belong in one board's folder: headers, paths, methods, fields, codes. */
const WIRE_DETAILS: RegExp[] = [
  /x-dm-/i,
  /\/open\/v2\//,
  /\bouterJobCode\b/,
  /\b(40101|40102|40103|40010|40400|40901|42900)\b/,
  /DoumiCursorExpired/,
  /\bbiz_content\b/,
  /api\/open\/gateway/,
  /\b(resume\.(list|get|feedback)|job\.(publish|close))\b/,
  /\b(resume_id|out_job_no|deliver_time|nonce_str|resume_deliver|resume_cancel)\b/,
];
/** Board-specific code paths: importing a board folder, or branching on one board. */
const boardSpecific = (board: string): RegExp[] => [
  new RegExp(`connectors/${board}/`),
  new RegExp(`[!=]==\\s*['"\`]${board}['"\`]|['"\`]${board}['"\`]\\s*[!=]==|case\\s+['"\`]${board}['"\`]`),
  new RegExp(`\\bBoard\\.${board.toUpperCase()}\\b`),
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('board wire details stay in the board folders', () => {
  const boardFolders = PARTNER_BOARDS.map((b) => `connectors/${b}/`);
  // The hub's own code: not the simulators (they are the boards) and not the tests.
  const files = ['activities', 'api', 'common', 'connectors', 'intake', 'workers', 'workflows', 'scripts']
    .flatMap((dir) => sourceFiles(join(ROOT, dir)))
    .map((path) => relative(ROOT, path).split('\\').join('/'))
    .filter((path) => !boardFolders.some((folder) => path.startsWith(folder)) && path !== 'connectors/board-registry.ts');

  test('the scan sees the layers it guards', () => {
    for (const file of ['api/webhooks/board-webhook-router.ts', 'activities/board-poll-activities.ts', 'workflows/board-poller.ts', 'intake/csv-columns.ts', 'api/services/quarantine-replay.ts']) {
      expect(files).toContain(file);
    }
  });

  test('no other file names a wire detail, imports a board folder or branches on one board', () => {
    const patterns = [...WIRE_DETAILS, ...PARTNER_BOARDS.flatMap(boardSpecific)];
    const found: string[] = [];
    for (const file of files.filter((f) => !ALLOWED_OUTSIDE.has(f))) {
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const pattern of patterns) if (pattern.test(line)) found.push(`${file}:${i + 1}: ${pattern} in ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });

  test('the exceptions exist and the frozen ones say so', () => {
    for (const [file, why] of ALLOWED_OUTSIDE) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      if (why.startsWith('frozen')) expect([file, text.startsWith('// FROZEN')]).toEqual([file, true]);
    }
  });

  test('the scan would catch a board branch', () => {
    const [first] = PARTNER_BOARDS;
    const patterns = boardSpecific(first);
    expect(patterns.some((p) => p.test(`if (board === '${first}') {`))).toBe(true);
    expect(patterns.some((p) => p.test(`import { x } from '../connectors/${first}/${first}-client';`))).toBe(true);
    expect(WIRE_DETAILS.some((p) => p.test(`res.status(401).json({ code: 40101 })`))).toBe(true);
  });
});
