// The ERP simulator: a node-soap server for the staffing WSDL (Put_Applicant / Hire_Employee,
// loaded from the contract file connectors/erp-soap/wsdl/hirebridge-erp.wsdl, not from connector
// code) and a Yonyou U8-style EAI XML endpoint (sandbox/erp/U8-EAI.md, parsed here with xml2js).
// It records writes, validates on its own terms (faults name the field's XPath), checks the
// WS-Security UsernameToken, and can be told to fail: processing/server faults, slow, down.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import * as soap from 'soap';
import { Builder, parseStringPromise } from 'xml2js';
import { listenReopenable } from '../sim-kit/http-listen';

export const ERP_WSDL_FILE = join(__dirname, '..', '..', 'connectors', 'erp-soap', 'wsdl', 'hirebridge-erp.wsdl');
export const SOAP_PATH = '/ccx/service/Staffing/v1';
export const U8_PATH = '/u8/eai';

export interface ErpRecord {
  id: string;
  integrationId: string;
  kind: 'applicant' | 'employee' | 'u8-person';
  data: Record<string, unknown>;
  version: number;
}

export interface ErpWriteLog {
  seq: number;
  kind: ErpRecord['kind'];
  op: 'create' | 'update' | 'replay';
  recordId: string;
  integrationId: string;
  messageId: string | null;
  committedAt: string;
  committedAtMs: number;
}

export type ErpFailure = 'processing' | 'server' | 'http-500' | 'http-503';

export interface ErpSimulator {
  url: string;
  soapUrl: string;
  u8Url: string;
  port: number;
  records(kind?: ErpRecord['kind']): ErpRecord[];
  writes(): ErpWriteLog[];
  /** The next `count` calls (SOAP or U8) fail this way. */
  fail(failure: ErpFailure, count: number, retryAfterSeconds?: number): void;
  slow(ms: number, phase?: 'before-commit' | 'after-commit'): void;
  down(ms: number): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

export interface ErpSimulatorOptions {
  port?: number;
  host?: string;
  /** Required UsernameToken; without it the SOAP endpoint takes unauthenticated calls. */
  wsSecurity?: { username: string; password: string };
  /** Sender codes the U8 endpoint accepts. */
  u8Senders?: string[];
}

const PHONE = /^\+?[0-9]{8,15}$/;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface SoapFault {
  Fault: Record<string, unknown>;
}

function validationFault(request: string, errors: { element: string; message: string }[]): SoapFault {
  return {
    Fault: {
      faultcode: 'soap:Client.validationError',
      faultstring: `Validation error occurred. ${errors.map((e) => e.message).join(' ')}`,
      detail: {
        'tns:Validation_Fault': {
          attributes: { 'xmlns:tns': 'urn:hirebridge:erp:staffing:v1' },
          'tns:Validation_Error': errors.map((e) => ({ 'tns:Message': e.message, 'tns:Xpath': `/${request}/${e.element}` })),
        },
      },
      statusCode: 500,
    },
  };
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object' && '$value' in (value as object)) return String((value as { $value: unknown }).$value);
  return String(value);
}

export async function startErpSimulator(options: ErpSimulatorOptions = {}): Promise<ErpSimulator> {
  const host = options.host ?? '127.0.0.1';
  const senders = new Set(options.u8Senders ?? ['hirebridge']);
  let records = new Map<string, ErpRecord>(); // key: kind + integration ID
  let writes: ErpWriteLog[] = [];
  let u8Docs = new Map<string, string>(); // docid → answer XML
  let failure: { kind: ErpFailure; remaining: number; retryAfterSeconds?: number } | null = null;
  let slow: { ms: number; phase: 'before-commit' | 'after-commit' } | null = null;
  let nextId = 1000;
  let seq = 0;

  function takeFailure(): { kind: ErpFailure; retryAfterSeconds?: number } | null {
    if (!failure || failure.remaining <= 0) return null;
    failure.remaining -= 1;
    const f = failure;
    if (f.remaining === 0) failure = null;
    return f;
  }

  function upsert(kind: ErpRecord['kind'], integrationId: string, data: Record<string, unknown>, messageId: string | null, mode: 'upsert' | 'create-once' | 'create' | 'update'): { record: ErpRecord; created: boolean } | 'exists' | 'missing' {
    const key = `${kind}:${integrationId}`;
    const existing = records.get(key);
    const now = Date.now();
    const log = (op: ErpWriteLog['op'], record: ErpRecord) =>
      writes.push({ seq: ++seq, kind, op, recordId: record.id, integrationId, messageId, committedAt: new Date(now).toISOString(), committedAtMs: now });
    if (existing) {
      if (mode === 'create') return 'exists';
      if (mode === 'create-once') {
        log('replay', existing);
        return { record: existing, created: false };
      }
      const updated = { ...existing, data: { ...existing.data, ...data }, version: existing.version + 1 };
      records.set(key, updated);
      log('update', updated);
      return { record: updated, created: false };
    }
    if (mode === 'update') return 'missing';
    const record: ErpRecord = { id: `${kind === 'employee' ? 'EMP' : kind === 'applicant' ? 'APL' : 'U8'}-${nextId++}`, integrationId, kind, data, version: 1 };
    records.set(key, record);
    log('create', record);
    return { record, created: true };
  }

  async function soapCall(operation: 'Put_Applicant' | 'Hire_Employee', args: Record<string, unknown>): Promise<Record<string, unknown>> {
    const request = `${operation}_Request`;
    const f = takeFailure();
    if (f?.kind === 'processing') {
      throw { Fault: { faultcode: 'soap:Server.processingFault', faultstring: 'Processing error occurred', detail: { 'tns:Processing_Fault': { attributes: { 'xmlns:tns': 'urn:hirebridge:erp:staffing:v1' }, 'tns:Detail_Message': 'The staffing transaction could not be committed; try again later' } }, statusCode: 500 } } satisfies SoapFault;
    }
    if (f?.kind === 'server' || f?.kind === 'http-500' || f?.kind === 'http-503') throw { Fault: { faultcode: 'soap:Server', faultstring: 'Internal server error', statusCode: f.kind === 'http-503' ? 503 : 500 } } satisfies SoapFault;
    const integrationId = text(args.Integration_ID)?.trim();
    const dataElement = operation === 'Put_Applicant' ? 'Applicant_Data' : 'Hire_Data';
    const data = (args[dataElement] ?? {}) as Record<string, unknown>;
    const errors: { element: string; message: string }[] = [];
    if (!integrationId) errors.push({ element: 'Integration_ID', message: 'Integration_ID is required.' });
    for (const element of ['Legal_Name', 'Job_Code']) {
      if (!text(data[element])?.trim()) errors.push({ element: `${dataElement}/${element}`, message: `${element} is required.` });
    }
    const rate = text(data.Hourly_Rate);
    if (operation === 'Hire_Employee' && rate === undefined) errors.push({ element: `${dataElement}/Hourly_Rate`, message: 'Hourly_Rate is required for a hire.' });
    if (rate !== undefined && !(Number(rate) > 0)) errors.push({ element: `${dataElement}/Hourly_Rate`, message: `Hourly_Rate must be a positive decimal, got "${rate}".` });
    const phone = text(data.Phone);
    if (phone !== undefined && !PHONE.test(phone)) errors.push({ element: `${dataElement}/Phone`, message: 'Phone is not a valid phone number.' });
    if (errors.length > 0) throw validationFault(request, errors);
    if (slow?.phase === 'before-commit') await sleep(slow.ms);
    const plain = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, text(v)]));
    const result = upsert(operation === 'Put_Applicant' ? 'applicant' : 'employee', integrationId!, plain, text(args.Message_ID) ?? null, operation === 'Put_Applicant' ? 'upsert' : 'create-once');
    if (typeof result === 'string') throw new Error('unreachable');
    if (slow?.phase === 'after-commit') await sleep(slow.ms);
    const reference = { ID: result.record.id, Integration_ID: integrationId };
    return operation === 'Put_Applicant' ? { Applicant_Reference: reference, Created: result.created } : { Employee_Reference: reference, Created: result.created };
  }

  const app = express();
  app.disable('x-powered-by');

  // ---- control API (dev and tests only) ----
  app.get('/_control/records', (req, res) => {
    const kind = typeof req.query.kind === 'string' ? (req.query.kind as ErpRecord['kind']) : undefined;
    res.json({ items: [...records.values()].filter((r) => !kind || r.kind === kind) });
  });
  app.get('/_control/writes', (_req, res) => void res.json({ items: writes }));
  app.post('/_control/fail', express.json(), (req, res) => {
    sim.fail(req.body?.failure ?? 'processing', Number(req.body?.count ?? 1), req.body?.retryAfterSeconds);
    res.json({ ok: true });
  });
  app.post('/_control/slow', express.json(), (req, res) => {
    sim.slow(Number(req.body?.ms ?? 0), req.body?.phase === 'after-commit' ? 'after-commit' : 'before-commit');
    res.json({ ok: true });
  });
  app.post('/_control/down', express.json(), (req, res) => {
    res.on('finish', () => void sim.down(Number(req.body?.seconds ?? 30) * 1000));
    res.json({ ok: true });
  });
  app.post('/_control/reset', (_req, res) => {
    sim.reset();
    res.json({ ok: true });
  });

  // ---- U8 EAI (U8-EAI.md) ----
  const xml = new Builder({ xmldec: { version: '1.0', encoding: 'utf-8' }, renderOpts: { pretty: false } });
  const answer = (attrs: Record<string, string>, items: Record<string, string>[]) =>
    xml.buildObject({ ufinterface: { $: { roottag: 'SendResult', receiver: 'u8', ...attrs }, item: items.map((i) => ({ $: i })) } });
  app.post(U8_PATH, express.text({ type: () => true, limit: '1mb' }), async (req, res) => {
    const f = takeFailure();
    if (f?.kind === 'http-500' || f?.kind === 'server' || f?.kind === 'processing') return void res.status(500).type('text/plain').send('EAI internal error');
    if (f?.kind === 'http-503') {
      if (f.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(f.retryAfterSeconds));
      return void res.status(503).type('text/plain').send('EAI busy');
    }
    let doc: { ufinterface?: { $?: Record<string, string>; [root: string]: unknown } };
    try {
      doc = await parseStringPromise(String(req.body ?? ''), { explicitArray: false });
    } catch {
      return void res.status(400).type('text/plain').send('not XML');
    }
    const head = doc.ufinterface?.$ ?? {};
    const reply = (item: Record<string, string>) => res.type('text/xml').send(answer({ docid: head.docid ?? '', proc: head.proc ?? '', sender: head.sender ?? '' }, [item]));
    if (!senders.has(head.sender ?? '')) return void reply({ key: '', succeed: '-1', dsc: `发送方 ${head.sender ?? ''} 未注册`, proc: head.proc ?? '' });
    if (head.docid && u8Docs.has(head.docid)) return void res.type('text/xml').send(u8Docs.get(head.docid));
    const person = (doc.ufinterface?.[head.roottag ?? 'hrperson'] ?? {}) as Record<string, unknown>;
    const code = text(person.code)?.trim() ?? '';
    const proc = head.proc === 'edit' ? 'edit' : 'add';
    for (const field of ['code', 'name', 'jobcode']) {
      if (!text(person[field])?.trim()) return void reply({ key: code, succeed: '1', dsc: `字段 ${field} 不能为空`, proc });
    }
    if (code.length > 60) return void reply({ key: code, succeed: '1', dsc: '字段 code 超过60个字符', proc });
    if (slow?.phase === 'before-commit') await sleep(slow.ms);
    const data = Object.fromEntries(Object.entries(person).map(([k, v]) => [k, text(v)]));
    const result = upsert('u8-person', code, data, head.docid ?? null, proc === 'add' ? 'create' : 'update');
    let item: Record<string, string>;
    if (result === 'exists') item = { key: code, succeed: '2', dsc: `人员编码 ${code} 已存在`, proc };
    else if (result === 'missing') item = { key: code, succeed: '3', dsc: `人员编码 ${code} 不存在`, proc };
    else item = { key: code, succeed: '0', dsc: '成功', u8key: result.record.id, proc };
    const body = answer({ docid: head.docid ?? '', proc, sender: head.sender ?? '' }, [item]);
    if (head.docid) u8Docs.set(head.docid, body);
    if (slow?.phase === 'after-commit') await sleep(slow.ms);
    res.type('text/xml').send(body);
  });

  // ---- the listening socket ----
  const wsdl = readFileSync(ERP_WSDL_FILE, 'utf8');
  const service = {
    StaffingService: {
      StaffingPort: {
        Put_Applicant: (args: Record<string, unknown>) => soapCall('Put_Applicant', args),
        Hire_Employee: (args: Record<string, unknown>) => soapCall('Hire_Employee', args),
      },
    },
  };
  // node-soap attaches to the socket, so again after every outage.
  const server = await listenReopenable(app, {
    host,
    port: options.port,
    onListening: (listening) => {
      const soapServer = soap.listen(listening, SOAP_PATH, service, wsdl);
      if (options.wsSecurity) {
        const expected = options.wsSecurity;
        soapServer.authenticate = (security: { UsernameToken?: { Username?: unknown; Password?: unknown } } | undefined) => {
          const token = security?.UsernameToken;
          return text(token?.Username) === expected.username && text(token?.Password) === expected.password;
        };
      }
    },
  });

  const sim: ErpSimulator = {
    get url() {
      return `http://${host}:${server.port}`;
    },
    get soapUrl() {
      return `http://${host}:${server.port}${SOAP_PATH}`;
    },
    get u8Url() {
      return `http://${host}:${server.port}${U8_PATH}`;
    },
    get port() {
      return server.port;
    },
    records: (kind) => [...records.values()].filter((r) => !kind || r.kind === kind),
    writes: () => [...writes],
    fail(kind, count, retryAfterSeconds) {
      failure = { kind, remaining: count, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
    },
    slow(ms, phase = 'before-commit') {
      slow = ms > 0 ? { ms, phase } : null;
    },
    down: (ms) => server.downFor(ms),
    reset() {
      records = new Map();
      writes = [];
      u8Docs = new Map();
      failure = null;
      slow = null;
    },
    close: () => server.close(),
  };
  return sim;
}
