// Maps every error a request can end in to an HTTP status and a JSON body: the one table from error
// kinds to status codes. Anything it does not recognise becomes a generic 500, so internal messages
// and stack traces never reach a client.
import { ServiceError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError, isGrpcServiceError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { ConflictError, ErrorKind, HubError, NotFoundError } from '../common/errors';
import { ApiError, ApiErrorKind, type RequestIssue } from './http-errors';

const STATUS_BY_KIND: Record<ApiErrorKind, number> = {
  bad_request: 400,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  not_implemented: 501,
  unavailable: 503,
};

export interface ErrorBody {
  error: { code: string; message: string; issues?: RequestIssue[]; requestId?: string };
}

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
  /** Server-side faults are logged with the original error; client mistakes are not. */
  serverFault: boolean;
}

const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;

export function toErrorResponse(err: unknown): ErrorResponse {
  const known = classify(err);
  if (known) {
    const { issues, headers = {} } = known.extra;
    const status = STATUS_BY_KIND[known.kind];
    return {
      status,
      body: { error: { code: known.code, message: known.message, ...(issues ? { issues } : {}) } },
      headers,
      serverFault: status >= 500 && status !== 501,
    };
  }
  return {
    status: 500,
    body: { error: { code: 'InternalError', message: 'an unexpected error occurred; it has been logged' } },
    headers: {},
    serverFault: true,
  };
}

/** Recognised errors as an ApiError; undefined for anything that must stay a generic 500. */
function classify(err: unknown): ApiError | undefined {
  if (err instanceof ApiError) return err;
  if (err instanceof HubError) {
    if (err.kind === ErrorKind.INVALID) return new ApiError(ApiErrorKind.BAD_REQUEST, err.code, err.message);
    if (err.kind === ErrorKind.TRANSIENT) return unavailable(err.code, 'a service the hub depends on is unavailable; try again shortly');
    return undefined; // config: a person must fix the configuration; the details stay in the log
  }
  if (err instanceof NotFoundError) return new ApiError(ApiErrorKind.NOT_FOUND, 'NotFound', err.message);
  if (err instanceof ConflictError) return new ApiError(ApiErrorKind.CONFLICT, 'Conflict', err.message);
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    return new ApiError(ApiErrorKind.CONFLICT, err.cause.type ?? 'UpdateRejected', err.cause.message);
  }
  if (err instanceof WorkflowNotFoundError) return new ApiError(ApiErrorKind.NOT_FOUND, 'NotFound', 'not found');
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return unavailable('UpdateTimeout', 'the workflow did not answer in time; repeat the request (with the same decisionId where there is one)');
  }
  if (err instanceof ServiceError && isTemporalUnreachable(err.cause)) return unavailable('TemporalUnavailable', 'Temporal is unreachable; try again shortly');
  if (isTemporalUnreachable(err)) return unavailable('TemporalUnavailable', 'Temporal is unreachable; try again shortly');
  return fromBodyParser(err);
}

function unavailable(code: string, message: string): ApiError {
  return new ApiError(ApiErrorKind.UNAVAILABLE, code, message, { headers: { 'Retry-After': '5' } });
}

function isTemporalUnreachable(err: unknown): boolean {
  return isGrpcServiceError(err) && (err.code === GRPC_UNAVAILABLE || err.code === GRPC_DEADLINE_EXCEEDED);
}

/** The errors express.json()/express.raw() raise carry a `type`; each becomes a named client error. */
function fromBodyParser(err: unknown): ApiError | undefined {
  if (!err || typeof err !== 'object' || !('type' in err) || typeof err.type !== 'string') return undefined;
  const e = err as { type: string; limit?: number; message?: string; charset?: string; encoding?: string };
  switch (e.type) {
    case 'entity.too.large':
      return new ApiError(ApiErrorKind.PAYLOAD_TOO_LARGE, 'PayloadTooLarge', `the request body is larger than ${e.limit ?? 'the limit of'} bytes`);
    case 'entity.parse.failed':
      return new ApiError(ApiErrorKind.BAD_REQUEST, 'MalformedJson', `the request body is not valid JSON: ${e.message ?? 'parse error'}`);
    case 'charset.unsupported':
      return new ApiError(ApiErrorKind.UNSUPPORTED_MEDIA_TYPE, 'UnsupportedCharset', `unsupported charset "${e.charset ?? ''}"; send UTF-8`);
    case 'encoding.unsupported':
      return new ApiError(ApiErrorKind.UNSUPPORTED_MEDIA_TYPE, 'UnsupportedEncoding', `unsupported content encoding "${e.encoding ?? ''}"`);
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
    case 'stream.not.readable':
      return new ApiError(ApiErrorKind.BAD_REQUEST, 'BadRequest', 'the request body could not be read');
    default:
      return undefined;
  }
}
