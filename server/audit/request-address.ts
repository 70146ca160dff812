// The client address of the request being served, for the audit records its writes make deep in the store
// (a unit edit, an import, a role change), whose repositories know the actor but not the request. Set once per
// API request (server/app.ts); outside a request (the CLI, the scheduler) there is none.
import { AsyncLocalStorage } from 'node:async_hooks'

// A function, asked only when a record is written: most requests write nothing.
const requestAddress = new AsyncLocalStorage<() => string | null>()

export function withRequestAddress<T>(addressOf: () => string | null, serve: () => T): T {
  return requestAddress.run(addressOf, serve)
}

export function currentRequestAddress(): string | null {
  return requestAddress.getStore()?.() ?? null
}
