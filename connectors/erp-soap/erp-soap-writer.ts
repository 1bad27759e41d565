// Writes one event for one person to a Workday-style ERP over SOAP, driven by the WSDL in
// connectors/erp-soap/wsdl/: Put_Applicant (create-or-update by the hub's integration ID) or
// Hire_Employee (idempotent by the same ID), with a WS-Security UsernameToken when configured.
import http from 'node:http';
import https from 'node:https';
import { join } from 'node:path';
import axios from 'axios';
import * as soap from 'soap';
import { z } from 'zod';
import type { ErpSoapDestinationConfig } from '../../common/config-schema';
import { configError, HubError, transientError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import type { DestinationWrite, DestinationWriter } from '../destination-writer';
import { classifySoapError } from './soap-faults';

export const DEFAULT_WSDL = join(__dirname, 'wsdl', 'hirebridge-erp.wsdl');

type Operation = 'Put_Applicant' | 'Hire_Employee';

/** Put_Applicant_Response / Hire_Employee_Response of the WSDL (booleans arrive as text or boolean). */
const ResponseSchema = z.looseObject({
  Created: z.union([z.boolean(), z.enum(['true', 'false'])]).transform((v) => v === true || v === 'true'),
});

/** The mapped payload without empty values: the WSDL's elements are optional, not nillable. */
function elements(payload: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).filter(([, v]) => v !== null && v !== undefined && v !== ''));
}

export class ErpSoapWriter implements DestinationWriter {
  private client: Promise<soap.Client> | undefined;

  constructor(
    private readonly config: ErpSoapDestinationConfig,
    private readonly logger: Logger,
  ) {}

  private soapClient(): Promise<soap.Client> {
    this.client ??= (async () => {
      const request = axios.create({
        timeout: this.config.timeout,
        httpAgent: new http.Agent({ keepAlive: true, maxSockets: 32 }),
        httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 32 }),
      });
      let client: soap.Client;
      try {
        client = await soap.createClientAsync(this.config.wsdl ?? DEFAULT_WSDL, { endpoint: this.config.endpoint, request }, this.config.endpoint);
      } catch (err) {
        throw configError('DestinationMisconfigured', `destination "${this.config.id}": cannot load the WSDL: ${(err as Error).message}`);
      }
      if (this.config.wsSecurity) {
        client.setSecurity(new soap.WSSecurity(this.config.wsSecurity.username, this.config.wsSecurity.password, { passwordType: 'PasswordText', hasTimeStamp: true, hasNonce: true }));
      }
      return client;
    })().catch((err) => {
      this.client = undefined;
      throw err;
    });
    return this.client;
  }

  async write(w: DestinationWrite): Promise<{ created: boolean }> {
    const operation: Operation = this.config.operations[w.event as keyof ErpSoapDestinationConfig['operations']] ?? 'Put_Applicant';
    const client = await this.soapClient();
    const dataElement = operation === 'Put_Applicant' ? 'Applicant_Data' : 'Hire_Data';
    // The integration ID makes the write an upsert; Message_ID lets the ERP's own log tie retries together.
    const args = { Integration_ID: w.externalId, Message_ID: w.idempotencyKey, [dataElement]: elements(w.payload) };
    const method = client[`${operation}Async`] as ((args: unknown, options: unknown) => Promise<[unknown]>) | undefined;
    if (!method) throw configError('DestinationMisconfigured', `destination "${this.config.id}": the WSDL has no operation ${operation}`);
    const started = Date.now();
    try {
      const [result] = await method.call(client, args, { timeout: this.config.timeout });
      const parsed = ResponseSchema.safeParse(result);
      if (!parsed.success) throw transientError('DestinationUnexpectedAnswer', `destination "${this.config.id}" answered ${operation} without Created`);
      this.logger.info({ destination: this.config.id, operation, externalId: w.externalId, idempotencyKey: w.idempotencyKey, created: parsed.data.Created, ms: Date.now() - started }, 'ERP SOAP call');
      return { created: parsed.data.Created };
    } catch (err) {
      const failure = err instanceof HubError ? err : classifySoapError(this.config.id, operation, err);
      this.logger.warn({ destination: this.config.id, operation, externalId: w.externalId, idempotencyKey: w.idempotencyKey, ms: Date.now() - started, error: failure.code }, 'ERP SOAP call failed');
      throw failure;
    }
  }
}
