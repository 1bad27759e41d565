// Errors with a kind, as DESIGN.md fixes them: `config` (a person must fix configuration),
// `invalid` (bad data; never retried), `transient` (retried with backoff). Activities convert
// the first two into non-retryable Temporal failures (see activities/failure-boundary.ts).

export const ErrorKind = { CONFIG: 'config', INVALID: 'invalid', TRANSIENT: 'transient' } as const;
export type ErrorKind = (typeof ErrorKind)[keyof typeof ErrorKind];

export class HubError extends Error {
  constructor(
    readonly kind: ErrorKind,
    /** PascalCase, stable: becomes the ApplicationFailure type the workflow branches on. */
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'HubError';
  }
}

export const configError = (code: string, message: string, details?: Record<string, unknown>) =>
  new HubError(ErrorKind.CONFIG, code, message, details);
export const invalidError = (code: string, message: string, details?: Record<string, unknown>) =>
  new HubError(ErrorKind.INVALID, code, message, details);
export const transientError = (code: string, message: string, details?: Record<string, unknown>) =>
  new HubError(ErrorKind.TRANSIENT, code, message, details);

export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}
