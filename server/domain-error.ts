// Errors of the domain carry a kind, never an HTTP status: app.onError maps each kind to its status once, so
// the same error is the same status on every route and in the CLI's exit message.

export const DOMAIN_ERROR_KINDS = ['invalid', 'not_found', 'conflict', 'forbidden', 'unauthorized', 'too_large', 'unavailable'] as const
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
  too_large: 413,
  unavailable: 503,
} as const satisfies Record<DomainErrorKind, number>

/** The error code in the answer's body: the kind, spelt as the API has always spelt it. */
export const CODE_OF_KIND: Record<DomainErrorKind, string> = {
  invalid: 'bad_request',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  not_found: 'not_found',
  conflict: 'conflict',
  too_large: 'too_large',
  unavailable: 'unavailable',
}
