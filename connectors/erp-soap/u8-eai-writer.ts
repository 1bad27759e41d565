// Writes one event for one person to a Yonyou U8-style ERP through its EAI XML interface
// (sandbox/erp/U8-EAI.md): an <ufinterface> document in, <item succeed= dsc=> out, built and
// parsed with xml2js. `add` first; a person that already exists is sent again as `edit`.
import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance } from 'axios';
import { Builder, parseStringPromise } from 'xml2js';
import { z } from 'zod';
import type { ErpSoapDestinationConfig } from '../../common/config-schema';
import { HubError, invalidError, transientError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { networkFailure, statusFailure } from '../destination-http-errors';
import type { DestinationWrite, DestinationWriter } from '../destination-writer';

/** U8-EAI.md § Answer: `<ufinterface><item key succeed dsc u8key proc/></ufinterface>` as xml2js gives it. */
const AnswerSchema = z.object({
  ufinterface: z.object({
    $: z.looseObject({}).optional(),
    item: z
      .array(z.object({ $: z.looseObject({ key: z.string().optional(), succeed: z.string(), dsc: z.string().default(''), u8key: z.string().optional() }) }))
      .min(1),
  }),
});

const EXISTS = /已存在|already exists/i;
const MISSING = /不存在|does not exist/i;

export class U8EaiWriter implements DestinationWriter {
  private readonly http: AxiosInstance;
  private readonly builder = new Builder({ xmldec: { version: '1.0', encoding: 'utf-8' }, renderOpts: { pretty: false } });

  constructor(
    private readonly config: ErpSoapDestinationConfig,
    private readonly logger: Logger,
  ) {
    this.http = axios.create({
      timeout: config.timeout,
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: 32 }),
      httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 32 }),
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
    });
  }

  /** The EAI document for one write (exported for tests of the wire format). */
  document(w: DestinationWrite, proc: 'add' | 'edit'): string {
    const fields = Object.fromEntries(
      Object.entries(w.payload)
        .filter(([k, v]) => v !== null && v !== undefined && k !== 'code' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(k))
        .map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)]),
    );
    // docid: the idempotency key, hashed to the 40 characters U8 allows; `edit` is its own document.
    const docid = createHash('sha1').update(`${w.idempotencyKey}:${proc}`).digest('hex');
    const root = this.config.u8.roottag;
    return this.builder.buildObject({
      ufinterface: {
        $: { roottag: root, billtype: '', docid, receiver: 'u8', sender: this.config.u8.sender, proc, codeexchanged: 'N', exportneedexch: 'N', version: '2.0' },
        [root]: { code: w.externalId, ...fields },
      },
    });
  }

  async write(w: DestinationWrite): Promise<{ created: boolean }> {
    const first = await this.send(w, 'add');
    if (first.succeed === '0') return { created: true };
    if (EXISTS.test(first.dsc)) {
      const second = await this.send(w, 'edit');
      if (second.succeed === '0') return { created: false };
      if (MISSING.test(second.dsc)) throw transientError('DestinationConflict', `destination "${this.config.id}": ${w.externalId} vanished between add and edit`);
      throw this.refused(w, second);
    }
    throw this.refused(w, first);
  }

  private refused(w: DestinationWrite, item: { succeed: string; dsc: string }): HubError {
    return invalidError('ErpValidationFault', `destination "${this.config.id}" refused ${w.externalId}: ${item.dsc || `succeed=${item.succeed}`}`, { succeed: item.succeed });
  }

  private async send(w: DestinationWrite, proc: 'add' | 'edit'): Promise<{ succeed: string; dsc: string }> {
    const started = Date.now();
    let res;
    try {
      res = await this.http.post(this.config.endpoint, this.document(w, proc), { headers: { 'content-type': 'text/xml; charset=utf-8' } });
    } catch (err) {
      throw networkFailure(this.config.id, err);
    }
    const failure = statusFailure(this.config.id, res.status, res.headers as Record<string, unknown>);
    if (failure) throw failure;
    let item: { succeed: string; dsc: string } | undefined;
    try {
      const parsed = AnswerSchema.safeParse(await parseStringPromise(String(res.data)));
      const first = parsed.success ? parsed.data.ufinterface.item[0] : undefined;
      if (first) item = { succeed: first.$.succeed, dsc: first.$.dsc };
    } catch {
      // not XML at all: handled below
    }
    // Never the document: it holds the person's name and phone number.
    this.logger.info({ destination: this.config.id, proc, externalId: w.externalId, idempotencyKey: w.idempotencyKey, status: res.status, succeed: item?.succeed, ms: Date.now() - started }, 'U8 EAI call');
    if (res.status !== 200 || !item) {
      throw transientError('DestinationUnexpectedAnswer', `destination "${this.config.id}" gave an answer that is not an EAI result (status ${res.status})`, { status: res.status });
    }
    return item;
  }
}
