// The quarantine store on every dialect the hub supports (SQLite always; PostgreSQL and MariaDB
// when reachable, each in a fresh database dropped afterwards): idempotent per delivery, sealed at
// rest, per tenant, paged, replay bookkeeping.
import { randomBytes } from 'node:crypto';
import { DataCipher, parseDataKey } from '../common/data-cipher';
import { createHubDb, createHubStore, type HubDb, type HubStore } from '../connectors/hub-db';
import { hubDbDialects } from './support/hub-db-dialects';

const KEY = parseDataKey('ezo6M5uA8H8/5fAkxjh6QQNR8DQRmkNqX7K5wHDpI9c=');
const dialects = hubDbDialects('hub-quarantine-', 'hbq_');

for (const dialect of dialects) {
  if (dialect.skip) console.warn(`quarantine: skipping ${dialect.name}, server unavailable: ${dialect.skip}`);
  (dialect.skip ? describe.skip : describe)(`quarantine store on ${dialect.name}`, () => {
    let db: HubDb;
    let store: HubStore;
    let drop: () => Promise<void>;
    const payload = JSON.stringify({ candidate: { name: '张三', mobile: '13800138000' } });

    beforeAll(async () => {
      const fixture = await dialect.fresh();
      drop = fixture.drop;
      db = await createHubDb(fixture.options);
      store = createHubStore(db, { dataCipher: new DataCipher(KEY) });
    });
    afterAll(async () => {
      await db?.close();
      await drop?.();
    });

    const input = (over: Record<string, unknown> = {}) => ({
      tenantId: 'demo',
      board: 'doumi',
      source: 'webhook' as const,
      reason: 'UnknownJob',
      problems: ['data.application.outerJobCode: unknown job'],
      rawPayload: Buffer.from(payload, 'utf8'),
      contentType: 'application/json',
      deliveryId: `d-${randomBytes(4).toString('hex')}`,
      applicationId: 'DM-1',
      ...over,
    });

    it('keeps a redelivered delivery once, also when the redeliveries race', async () => {
      const first = input();
      const results = await Promise.all([store.quarantine.record(first), store.quarantine.record(first), store.quarantine.record(first)]);
      expect(new Set(results.map((r) => r.id)).size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(await store.quarantine.add(first)).toBe(results[0]!.id);
      // The same delivery ID at another board or tenant is another delivery.
      expect(await store.quarantine.add({ ...first, board: 'jianzhimao' })).not.toBe(results[0]!.id);
      // Without a delivery ID every add is kept.
      const a = await store.quarantine.add(input({ deliveryId: undefined }));
      const b = await store.quarantine.add(input({ deliveryId: undefined }));
      expect(a).not.toBe(b);
    });

    it('seals the payload at rest and opens it only for its tenant', async () => {
      const id = await store.quarantine.add(input());
      const row = (await db.knex('quarantine').where({ id }).first()) as { payload: string; problems: string };
      expect(row.payload).not.toContain('13800138000');
      expect(row.payload).not.toContain('张三');
      expect(row.payload.startsWith('v1.')).toBe(true);
      const entry = await store.quarantine.get('demo', id);
      expect(entry?.rawPayload.toString('utf8')).toBe(payload);
      expect(entry).toMatchObject({ reason: 'UnknownJob', status: 'open', source: 'webhook', applicationId: 'DM-1', payloadBytes: Buffer.byteLength(payload) });
      expect(await store.quarantine.get('other', id)).toBeUndefined();
      // A row moved to another tenant does not open: the ciphertext is bound to its owner.
      const moved = await store.quarantine.add(input({ tenantId: 'evil' }));
      await db.knex('quarantine').where({ id: moved }).update({ payload: row.payload });
      await expect(store.quarantine.get('evil', moved)).rejects.toThrow(/failed authentication/);
      // Without a cipher the store refuses rather than keeping personal data in the clear.
      await expect(createHubStore(db).quarantine.add(input())).rejects.toThrow(/data cipher/);
    });

    it('lists per tenant, newest first, filtered and paged', async () => {
      const tenant = `t-${randomBytes(3).toString('hex')}`;
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push(await store.quarantine.add(input({ tenantId: tenant, board: i % 2 ? 'jianzhimao' : 'doumi' })));
      await store.quarantine.add(input({ tenantId: `${tenant}-x` }));
      const page1 = await store.quarantine.list(tenant, { limit: 2 });
      expect(page1.items.map((e) => e.id)).toEqual([ids[4], ids[3]]);
      expect(page1.items[0]).not.toHaveProperty('rawPayload');
      const page2 = await store.quarantine.list(tenant, { limit: 2, cursor: page1.nextCursor! });
      const page3 = await store.quarantine.list(tenant, { limit: 2, cursor: page2.nextCursor! });
      expect([...page2.items, ...page3.items].map((e) => e.id)).toEqual([ids[2], ids[1], ids[0]]);
      expect(page3.nextCursor).toBeNull();
      expect((await store.quarantine.list(tenant, { limit: 10, board: 'jianzhimao' })).items.map((e) => e.id)).toEqual([ids[3], ids[1]]);
      await expect(store.quarantine.list(tenant, { limit: 10, cursor: 'bogus!' })).rejects.toThrow(/cursor/);
    });

    it('records replays: failures keep the entry open, success marks it replayed', async () => {
      const tenant = `r-${randomBytes(3).toString('hex')}`;
      const id = await store.quarantine.add(input({ tenantId: tenant }));
      await store.quarantine.recordReplayFailure(tenant, id, { reason: 'MissingPhone', problems: ['candidate.mobile: missing'] });
      expect(await store.quarantine.get(tenant, id)).toMatchObject({ status: 'open', reason: 'MissingPhone', replayAttempts: 1, problems: ['candidate.mobile: missing'] });
      await store.quarantine.markReplayed(tenant, id, { workflowId: 'candidate:x:doumi:DM-1' });
      expect(await store.quarantine.get(tenant, id)).toMatchObject({ status: 'replayed', workflowId: 'candidate:x:doumi:DM-1', replayAttempts: 2 });
      expect((await store.quarantine.list(tenant, { limit: 10, status: 'open' })).items).toEqual([]);
      const counts = await store.quarantine.countOpen();
      expect(counts.find((c) => c.tenantId === tenant)).toBeUndefined();
    });

    it('discards an open entry (kept, with who and why) and filters by reason', async () => {
      const tenant = `x-${randomBytes(3).toString('hex')}`;
      const id = await store.quarantine.add(input({ tenantId: tenant, reason: 'InvalidJson' }));
      await store.quarantine.add(input({ tenantId: tenant, reason: 'UnknownJob' }));
      expect((await store.quarantine.list(tenant, { limit: 10, reason: 'InvalidJson' })).items.map((e) => e.id)).toEqual([id]);
      expect(await store.quarantine.markDiscarded(tenant, id, { by: 'ops.wang@demo.example', note: '测试数据' })).toBe(true);
      expect(await store.quarantine.markDiscarded(tenant, id, { by: 'ops.wang@demo.example', note: 'again' })).toBe(false);
      expect(await store.quarantine.markDiscarded('other', id, { by: 'x', note: 'y' })).toBe(false);
      const entry = await store.quarantine.get(tenant, id);
      expect(entry).toMatchObject({ status: 'discarded', discardedBy: 'ops.wang@demo.example', discardNote: '测试数据' });
      expect(entry?.rawPayload.toString('utf8')).toBe(payload);
      expect((await store.quarantine.countOpen()).filter((c) => c.tenantId === tenant)).toEqual([{ tenantId: tenant, board: 'doumi', reason: 'UnknownJob', count: 1 }]);
    });

    it('resolves an open entry when a redelivery of the same delivery gets through', async () => {
      const delivery = input({ reason: 'WorkflowStartFailed' });
      const id = await store.quarantine.add(delivery);
      expect(await store.quarantine.resolveDelivery('demo', 'doumi', delivery.deliveryId as string, 'candidate:demo:doumi:DM-1')).toBe(true);
      expect(await store.quarantine.get('demo', id)).toMatchObject({ status: 'replayed', workflowId: 'candidate:demo:doumi:DM-1' });
      expect(await store.quarantine.resolveDelivery('demo', 'doumi', delivery.deliveryId as string, 'candidate:demo:doumi:DM-1')).toBe(false);
    });
  });
}
