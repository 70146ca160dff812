// The one error shape every route answers with: { error: { code, message, details? } }.
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { STATUS_OF_KIND, type DomainError } from '../domain-error'

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown }
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } }
}

export function jsonError(c: Context, status: ContentfulStatusCode, code: string, message: string, details?: unknown) {
  return c.json(errorBody(code, message, details), status)
}

/** The answer to a domain error: its kind's status, its code, its message and details. The only mapping. */
export function domainErrorAnswer(c: Context, error: DomainError) {
  return c.json(errorBody(error.code, error.message, error.details), STATUS_OF_KIND[error.kind])
}
