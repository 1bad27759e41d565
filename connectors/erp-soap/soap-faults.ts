// SOAP Faults from the ERP in the hub's error kinds (shape per connectors/erp-soap/wsdl/
// hirebridge-erp.wsdl, after Workday): a Client/Validation_Fault is the data's fault, not retried,
// and names the XPath of each refused field; a Server/Processing_Fault is retried.
import { z } from 'zod';
import { configError, invalidError, transientError, type HubError } from '../../common/errors';
import { networkFailure, statusFailure } from '../destination-http-errors';

/** The WSDL's Validation_Fault / Processing_Fault detail elements, as node-soap parses them. */
const ValidationErrorSchema = z.object({ Message: z.string(), Xpath: z.string().optional() });
const FaultSchema = z.object({
  faultcode: z.string().optional(),
  faultstring: z.string().optional(),
  detail: z
    .looseObject({
      Validation_Fault: z.object({ Validation_Error: z.union([ValidationErrorSchema, z.array(ValidationErrorSchema)]) }).optional(),
      Processing_Fault: z.object({ Detail_Message: z.string() }).optional(),
    })
    .optional(),
  Code: z.looseObject({ Value: z.string().optional() }).optional(),
  Reason: z.looseObject({ Text: z.unknown() }).optional(),
});

interface SoapCallError {
  root?: { Envelope?: { Body?: { Fault?: unknown } } };
  response?: { status?: number; headers?: Record<string, unknown> };
}

export function classifySoapError(destinationId: string, operation: string, err: unknown): HubError {
  const e = (err && typeof err === 'object' ? err : {}) as SoapCallError;
  const status = e.response?.status;
  if (status === 401 || status === 403) {
    return configError('DestinationAuth', `destination "${destinationId}" refused the WS-Security credentials (${status}); check wsSecurity`, { status });
  }
  const rawFault = e.root?.Envelope?.Body?.Fault;
  if (rawFault !== undefined) {
    const parsed = FaultSchema.safeParse(rawFault);
    const fault = parsed.success ? parsed.data : {};
    const code = fault.faultcode ?? fault.Code?.Value ?? 'Fault';
    const validation = fault.detail?.Validation_Fault?.Validation_Error;
    if (validation !== undefined) {
      const errors = Array.isArray(validation) ? validation : [validation];
      const described = errors.map((v) => (v.Xpath ? `${v.Xpath}: ${v.Message}` : v.Message)).join('; ');
      return invalidError('ErpValidationFault', `destination "${destinationId}" refused ${operation}: ${described}`, {
        faultcode: code,
        fields: errors.map((v) => v.Xpath ?? null),
      });
    }
    const processing = fault.detail?.Processing_Fault?.Detail_Message;
    if (processing !== undefined || /server/i.test(code)) {
      return transientError('ErpProcessingFault', `destination "${destinationId}" could not process ${operation}: ${processing ?? fault.faultstring ?? code}`, { faultcode: code, status });
    }
    // A Client fault without a validation detail is still the request's fault: a person looks at it.
    return invalidError('ErpClientFault', `destination "${destinationId}" refused ${operation}: ${fault.faultstring ?? code}`, { faultcode: code, status });
  }
  if (status !== undefined) {
    return statusFailure(destinationId, status, e.response?.headers ?? {}) ?? transientError('DestinationUnexpectedAnswer', `destination "${destinationId}" answered ${status} without a SOAP Fault`, { status });
  }
  return networkFailure(destinationId, err);
}
