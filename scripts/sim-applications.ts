// `npm run sim:applications -- --board doumi --count 20 [--job RX-SH-PROMO-001] [--deliver both]
//   [--tenant demo] [--every 10s] [--url http://127.0.0.1:4101]`: asks a running board simulator
// (started by `npm run dev`) for realistic applications, once or as a stream (--every).
import { parseArgs } from 'node:util';

const DEFAULT_URLS: Record<string, string> = {
  doumi: process.env.DOUMI_SIM_URL ?? 'http://127.0.0.1:4101',
  jianzhimao: process.env.JIANZHIMAO_SIM_URL ?? 'http://127.0.0.1:4102',
};

function usage(problem: string): never {
  console.error(`${problem}\nusage: npm run sim:applications -- --board doumi|jianzhimao|both [--count 20] [--job CODE] `
    + '[--deliver webhook|poll|both] [--tenant demo] [--every 10s] [--url URL]');
  process.exit(2);
}

function parseEvery(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text);
  if (!m) usage(`--every: expected e.g. 500ms, 10s or 1m, got ${text}`);
  return Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 'm' ? 60_000 : 1000);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      board: { type: 'string', default: 'doumi' },
      count: { type: 'string', default: '10' },
      job: { type: 'string' },
      deliver: { type: 'string' },
      tenant: { type: 'string' },
      every: { type: 'string' },
      url: { type: 'string' },
    },
  });
  const boards = values.board === 'both' ? ['doumi', 'jianzhimao'] : [values.board];
  for (const b of boards) if (!(b in DEFAULT_URLS)) usage(`--board: unknown board ${b}`);
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1) usage('--count: expected a positive integer');
  if (values.deliver && !['webhook', 'poll', 'both'].includes(values.deliver)) usage('--deliver: webhook, poll or both');
  const everyMs = parseEvery(values.every);

  const once = async (): Promise<void> => {
    for (const board of boards) {
      const url = values.url ?? DEFAULT_URLS[board]!;
      const res = await fetch(`${url}/_sim/applications`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ count, jobCode: values.job, deliver: values.deliver, tenantId: values.tenant }),
      }).catch((err: Error) => { throw new Error(`${board} simulator at ${url} is not reachable (is npm run dev running?): ${err.message}`); });
      const body = await res.json() as { count?: number; ids?: string[]; error?: string };
      if (!res.ok) throw new Error(`${board} simulator refused: ${body.error ?? res.status}`);
      console.log(`[${new Date().toISOString()}] ${board}: ${body.count} application(s) ${body.ids?.[0]}…${body.ids?.[body.ids.length - 1]}`);
    }
  };

  await once();
  if (everyMs === undefined) return;
  console.log(`streaming every ${everyMs} ms; Ctrl-C stops`);
  const timer = setInterval(() => { once().catch((err: Error) => console.error(err.message)); }, everyMs);
  process.on('SIGINT', () => { clearInterval(timer); process.exit(0); });
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
