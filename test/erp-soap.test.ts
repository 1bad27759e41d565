// The ERP connectors against the ERP simulator: SOAP from the staffing WSDL (Put_Applicant,
// Hire_Employee, WS-Security UsernameToken, faults classified) and the U8 EAI XML variant.
import { readFileSync } from 'node:fs';
import { parseConfig } from '../common/config';
import type { ErpSoapDestinationConfig } from '../common/config-schema';
import { ErrorKind, type HubError } from '../common/errors';
import { createLogger } from '../common/logger';
import { toActivityFailure } from '../activities/failure-boundary';
import type { DestinationWrite } from '../connectors/destination-writer';
import { DEFAULT_WSDL, ErpSoapWriter } from '../connectors/erp-soap/erp-soap-writer';
import { U8EaiWriter } from '../connectors/erp-soap/u8-eai-writer';
import { startErpSimulator, type ErpSimulator } from '../sandbox/erp/erp-simulator';
import { devConfigDocument } from './support/hub-harness';

const silent = createLogger('test', 'silent');
const WSS = { username: 'hirebridge-isu', password: 'isu-password-for-tests' };

function destination(extra: Record<string, unknown>): ErpSoapDestinationConfig {
  const doc = devConfigDocument();
  doc.tenants[0].destinations = [{ id: 'erp', type: 'erp-soap', events: ['review_passed', 'onboarded', 'withdrawn'], timeout: '2s', ...extra }];
  for (const job of doc.tenants[0].jobs) job.destinations = [];
  return parseConfig(doc, {}).tenants[0]!.destinations[0] as ErpSoapDestinationConfig;
}

let n = 0;
function write(event: string, payload: Record<string, unknown>, externalId = `HB-demo-doumi-ERP-${++n}`): DestinationWrite {
  return { tenantId: 'demo', destinationId: 'erp', externalId, event, idempotencyKey: `candidate:demo:doumi:${externalId}:erp:${event}`, payload };
}
const applicant = { Legal_Name: '王小明', Phone: '+8613800138000', Job_Code: 'RX-SH-PROMO-001', City: '上海', Hourly_Rate: 25, Recruiting_Status: 'review_passed' };
const failureOf = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as HubError);

let sim: ErpSimulator;
beforeAll(async () => {
  sim = await startErpSimulator({ wsSecurity: WSS, u8Senders: ['hirebridge'] });
});
afterEach(() => {
  sim.fail('processing', 0);
  sim.slow(0);
});
afterAll(() => sim.close());

describe('ERP over SOAP (Workday-style WSDL)', () => {
  let writer: ErpSoapWriter;
  beforeAll(() => {
    writer = new ErpSoapWriter(destination({ endpoint: sim.soapUrl, wsSecurity: WSS }), silent);
  });

  test('the WSDL shipped with the connector is the one the simulator serves', () => {
    expect(readFileSync(DEFAULT_WSDL, 'utf8')).toContain('<wsdl:operation name="Put_Applicant">');
  });

  test('Put_Applicant creates then updates by integration ID; Hire_Employee hires once', async () => {
    const w = write('review_passed', applicant);
    expect(await writer.write(w)).toEqual({ created: true });
    expect(await writer.write({ ...w, payload: { ...applicant, Recruiting_Status: 'withdrawn' }, event: 'withdrawn' })).toEqual({ created: false });
    const hire = { ...w, event: 'onboarded', payload: { Legal_Name: '王小明', Job_Code: 'RX-SH-PROMO-001', Hourly_Rate: 25, Start_Deadline: '2026-11-30' } };
    expect(await writer.write(hire)).toEqual({ created: true });
    expect(await writer.write(hire)).toEqual({ created: false });
    const mine = sim.records().filter((r) => r.integrationId === w.externalId);
    expect(mine.map((r) => r.kind).sort()).toEqual(['applicant', 'employee']);
    expect(mine.find((r) => r.kind === 'applicant')).toMatchObject({ version: 2, data: { Legal_Name: '王小明', Recruiting_Status: 'withdrawn', Hourly_Rate: '25' } });
    expect(sim.writes().filter((x) => x.integrationId === w.externalId).map((x) => `${x.kind}:${x.op}`)).toEqual(['applicant:create', 'applicant:update', 'employee:create', 'employee:replay']);
    expect(sim.writes().find((x) => x.integrationId === w.externalId)?.messageId).toBe(w.idempotencyKey);
  });

  test('five concurrent retries of one Put_Applicant leave one applicant', async () => {
    const w = write('review_passed', applicant);
    const five = Array.from({ length: 5 }, () => new ErpSoapWriter(destination({ endpoint: sim.soapUrl, wsSecurity: WSS }), silent));
    const results = await Promise.all(five.map((x) => x.write(w)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(sim.records('applicant').filter((r) => r.integrationId === w.externalId)).toHaveLength(1);
  });

  test('a validation fault is `invalid`, not retried, and names the field path', async () => {
    const err = await failureOf(writer.write(write('review_passed', { ...applicant, Job_Code: undefined, Hourly_Rate: -3 })));
    expect(err).toMatchObject({ kind: ErrorKind.INVALID, code: 'ErpValidationFault' });
    expect(err!.message).toContain('/Put_Applicant_Request/Applicant_Data/Job_Code: Job_Code is required.');
    expect(err!.message).toContain('/Put_Applicant_Request/Applicant_Data/Hourly_Rate');
    expect(err!.details?.fields).toEqual(['/Put_Applicant_Request/Applicant_Data/Job_Code', '/Put_Applicant_Request/Applicant_Data/Hourly_Rate']);
    expect(toActivityFailure(err)).toMatchObject({ type: 'ErpValidationFault', nonRetryable: true });
  });

  test('processing and server faults are transient (retried)', async () => {
    sim.fail('processing', 1);
    const processing = await failureOf(writer.write(write('review_passed', applicant)));
    expect(processing).toMatchObject({ kind: ErrorKind.TRANSIENT, code: 'ErpProcessingFault' });
    expect(processing!.message).toContain('could not be committed');
    sim.fail('server', 1);
    expect(await failureOf(writer.write(write('review_passed', applicant)))).toMatchObject({ kind: ErrorKind.TRANSIENT, code: 'ErpProcessingFault' });
    expect(toActivityFailure(processing)).toMatchObject({ nonRetryable: false });
  });

  test('WS-Security: a wrong or missing UsernameToken is refused as a config problem', async () => {
    const wrong = new ErpSoapWriter(destination({ endpoint: sim.soapUrl, wsSecurity: { ...WSS, password: 'nope' } }), silent);
    expect(await failureOf(wrong.write(write('review_passed', applicant)))).toMatchObject({ kind: ErrorKind.CONFIG, code: 'DestinationAuth' });
    const none = new ErpSoapWriter(destination({ endpoint: sim.soapUrl }), silent);
    expect(await failureOf(none.write(write('review_passed', applicant)))).toMatchObject({ kind: ErrorKind.CONFIG, code: 'DestinationAuth' });
  });

  test('slow and down are transient', async () => {
    sim.slow(3000);
    expect(await failureOf(writer.write(write('review_passed', applicant)))).toMatchObject({ kind: ErrorKind.TRANSIENT, code: 'DestinationTimeout' });
    sim.slow(0);
    await sim.down(1000);
    expect(await failureOf(writer.write(write('review_passed', applicant)))).toMatchObject({ kind: ErrorKind.TRANSIENT, code: 'DestinationUnavailable' });
    await new Promise((r) => setTimeout(r, 1200));
    expect(await writer.write(write('review_passed', applicant))).toEqual({ created: true });
  });
});

describe('ERP over U8 EAI XML', () => {
  let writer: U8EaiWriter;
  beforeAll(() => {
    writer = new U8EaiWriter(destination({ variant: 'u8-eai', endpoint: sim.u8Url }), silent);
  });
  const person = { name: '王小明', jobcode: 'RX-SH-PROMO-001', mobile: '+8613800138000', hourlywage: 25 };

  test('the document is an <ufinterface> with the sender, proc and a hashed docid', () => {
    const xml = writer.document(write('review_passed', person, 'HB-demo-doumi-X'), 'add');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?><ufinterface roottag="hrperson" billtype="" docid="[0-9a-f]{40}" receiver="u8" sender="hirebridge" proc="add"/);
    expect(xml).toContain('<hrperson><code>HB-demo-doumi-X</code><name>王小明</name>');
  });

  test('add creates; a later event finds it existing and edits it; a retry of a document is answered from before', async () => {
    const w = write('review_passed', person);
    expect(await writer.write(w)).toEqual({ created: true });
    expect(await writer.write(w)).toEqual({ created: true }); // same docid: the ERP answers the first result again
    expect(await writer.write({ ...w, event: 'onboarded', idempotencyKey: w.idempotencyKey.replace('review_passed', 'onboarded'), payload: { ...person, status: 'onboarded' } })).toEqual({ created: false });
    const mine = sim.records('u8-person').filter((r) => r.integrationId === w.externalId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ version: 2, data: { status: 'onboarded' } });
  });

  test('succeed≠0 is `invalid` with the ERP\'s dsc; HTTP 503 with Retry-After is transient', async () => {
    const err = await failureOf(writer.write(write('review_passed', { ...person, name: '' })));
    expect(err).toMatchObject({ kind: ErrorKind.INVALID, code: 'ErpValidationFault' });
    expect(err!.message).toContain('字段 name 不能为空');
    sim.fail('http-503', 1, 4);
    expect(await failureOf(writer.write(write('review_passed', person)))).toMatchObject({ kind: ErrorKind.TRANSIENT, details: { status: 503, retryAfterMs: 4000 } });
    const stranger = new U8EaiWriter(destination({ variant: 'u8-eai', endpoint: sim.u8Url, u8: { sender: 'someone-else' } }), silent);
    expect((await failureOf(stranger.write(write('review_passed', person))))!.message).toContain('未注册');
  });
});
