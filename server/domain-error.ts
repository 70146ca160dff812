// Errors of the domain carry a kind, never an HTTP status: app.onError maps each kind to its status once, so
// the same error is the same status on every route and in the CLI's exit message.

// stale: the writer read an older version than the stored one (If-Match); version_required: it sent none.
export const DOMAIN_ERROR_KINDS = ['invalid', 'not_found', 'conflict', 'stale', 'version_required', 'forbidden', 'unauthorized', 'too_large', 'rate_limited', 'unavailable'] as const
export type DomainErrorKind = (typeof DOMAIN_ERROR_KINDS)[number]

export interface DomainErrorOptions {
  details?: unknown // put in the answer's body beside the message, e.g. { parameter: 'dpi' }
  code?: string // the body's code where a route has always given a more precise one than the kind's
  cause?: unknown
}

export class DomainError extends Error {
  readonly details?: unknown
  readonly code: string

  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    { details, code, cause }: DomainErrorOptions = {},
  ) {
    super(message, cause === undefined ? undefined : { cause })
    this.details = details
    this.code = code ?? CODE_OF_KIND[kind]
  }
}

/** The HTTP status of each kind: the caller's fault is a 4xx; `unavailable` is ours and temporary. */
export const STATUS_OF_KIND = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  stale: 412,
  version_required: 428,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
} as const satisfies Record<DomainErrorKind, number>

/** The error code in the answer's body: the kind, spelt as the API has always spelt it. */
export const CODE_OF_KIND: Record<DomainErrorKind, string> = {
  invalid: 'bad_request',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  not_found: 'not_found',
  conflict: 'conflict',
  stale: 'stale_version',
  version_required: 'version_required',
  too_large: 'too_large',
  rate_limited: 'too_many_requests',
  unavailable: 'unavailable',
}
