// The errors route handlers throw: each has a kind, and the error handler alone turns kinds into
// HTTP status codes (see ./error-response.ts). `code` is stable and PascalCase for clients to branch on.

export const ApiErrorKind = {
  BAD_REQUEST: 'bad_request',
  UNAUTHORIZED: 'unauthorized',
  NOT_FOUND: 'not_found',
  CONFLICT: 'conflict',
  GONE: 'gone',
  PAYLOAD_TOO_LARGE: 'payload_too_large',
  UNSUPPORTED_MEDIA_TYPE: 'unsupported_media_type',
  UNPROCESSABLE: 'unprocessable',
  NOT_IMPLEMENTED: 'not_implemented',
  UNAVAILABLE: 'unavailable',
} as const;
export type ApiErrorKind = (typeof ApiErrorKind)[keyof typeof ApiErrorKind];

/** One problem with a request, named by its path in the request part (`candidate.availability[0].from`). */
export interface RequestIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    readonly code: string,
    message: string,
    readonly extra: { issues?: RequestIssue[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (message = 'not found') => new ApiError(ApiErrorKind.NOT_FOUND, 'NotFound', message);

/** The same answer for "does not exist" and "belongs to another tenant", so existence never leaks. */
export const candidateNotFound = () => notFound('candidate not found');

export const badRequest = (message: string, issues?: RequestIssue[]) =>
  new ApiError(ApiErrorKind.BAD_REQUEST, 'BadRequest', message, issues ? { issues } : {});
