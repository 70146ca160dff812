// Request validation whose failures name the bad value and what was expected.
import { zValidator } from '@hono/zod-validator'
import type { ValidationTargets } from 'hono'
import type { ZodType } from 'zod'
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
      return value === undefined ? `${name}: ${issue.message}` : `${name}: ${JSON.stringify(value)} is not valid (${issue.message})`
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

export function validated<T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result, c) => {
    if (!result.success) {
      return c.json(errorBody('bad_request', describeIssues(result.error.issues, result.data)), 400)
    }
  })
}
