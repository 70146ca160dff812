// Request validation whose failures name the bad value and what was expected.
import { zValidator } from '@hono/zod-validator'
import type { ValidationTargets } from 'hono'
import type { ZodType } from 'zod'
import { count, DEFAULT_UPLOAD_LIMITS, jsonDepth } from '../limits'
import { escapeControlCharacters } from '../text/plain-text'
import { errorBody } from './errors'

interface Issue {
  path: PropertyKey[]
  message: string
}

/** "level: \"city\" is not valid (expected one of …)" for each issue, joined. */
export function describeIssues(issues: readonly Issue[], input: unknown): string {
  return issues
    .map((issue) => {
      const name = issue.path.map(String).join('.') || 'request'
      const value = valueAt(input, issue.path)
      // Echoed values are escaped: a bidi override in a bad name must not reorder the message around it.
      return value === undefined ? `${name}: ${issue.message}` : `${name}: ${escapeControlCharacters(shown(value))} is not valid (${issue.message})`
    })
    .join('; ')
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}

/** A value as JSON, cut to 200 characters: a message names the value, it does not echo a megabyte back. */
function shown(value: unknown): string {
  let text: string | undefined
  try {
    text = JSON.stringify(value)
  } catch {
    text = undefined // too deep or circular: the name and the message say enough
  }
  if (text === undefined) return typeof value
  return text.length > 200 ? `${text.slice(0, 200)}…` : text
}

/**
 * Validates one part of the request with `schema`. A JSON body is first scanned for its nesting depth
 * (server/limits.ts, jsonDepth) before anything parses or walks it: zod and JSON.stringify recurse.
 */
export function validated<T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  const validator = zValidator(target, schema, (result, c) => {
    if (!result.success) {
      return c.json(errorBody('bad_request', describeIssues(result.error.issues, result.data)), 400)
    }
  })
  if (target !== 'json') return validator
  const checked: typeof validator = async (c, next) => {
    if (/json/i.test(c.req.header('content-type') ?? '')) {
      const depth = jsonDepth(await c.req.text())
      const limit = DEFAULT_UPLOAD_LIMITS.jsonDepth
      if (depth > limit) {
        return c.json(errorBody('bad_request', `request body: JSON nested ${count(depth)} levels deep, over the limit jsonDepth = ${limit} (server/limits.ts)`), 400)
      }
    }
    return validator(c, next)
  }
  return checked
}
