// Writers for the load benchmark: signed-in clients editing a few units at once for as long as the readers
// run, each read-modify-write with If-Match and a fresh read after a 412, so that a lost update would show as
// a counter that ends lower than the writes the server accepted.
export interface WriterTally {
  accepted: Map<number, number> // unit id → writes answered 200
  conflicts: number // 412s, retried
  errors: string[] // anything else
}

const COUNTER = /^写入计数 (\d+)$/

/** `writers` loops over `unitIds` (shared, so they contend) until `until` (ms since the epoch). */
export async function runWriters(url: string, cookie: string, unitIds: readonly number[], writers: number, until: number): Promise<WriterTally> {
  const tally: WriterTally = { accepted: new Map(unitIds.map((id) => [id, 0])), conflicts: 0, errors: [] }
  const headers = { Cookie: cookie, Origin: url, 'Content-Type': 'application/json' }
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      const id = unitIds[writer % unitIds.length]
      while (Date.now() < until) {
        const read = await fetch(`${url}/api/units/${id}/record`, { headers })
        if (!read.ok) {
          tally.errors.push(`read ${id}: HTTP ${read.status}`)
          continue
        }
        const { unit } = (await read.json()) as { unit: { version: number; notes: string } }
        const count = Number(COUNTER.exec(unit.notes)?.[1] ?? 0)
        const write = await fetch(`${url}/api/units/${id}`, {
          method: 'PATCH',
          headers: { ...headers, 'If-Match': `"${unit.version}"` },
          body: JSON.stringify({ notes: `写入计数 ${count + 1}` }),
        })
        await write.arrayBuffer()
        if (write.status === 200) tally.accepted.set(id, (tally.accepted.get(id) ?? 0) + 1)
        else if (write.status === 412) tally.conflicts++
        else tally.errors.push(`write ${id}: HTTP ${write.status}`)
      }
    }),
  )
  return tally
}

/** Units whose counter ended below the writes accepted for them: lost updates, as unit id → [counter, accepted]. */
export async function lostUpdates(url: string, cookie: string, tally: WriterTally, startCounts: ReadonlyMap<number, number>): Promise<Map<number, [number, number]>> {
  const lost = new Map<number, [number, number]>()
  for (const [id, accepted] of tally.accepted) {
    const { unit } = (await (await fetch(`${url}/api/units/${id}/record`, { headers: { Cookie: cookie } })).json()) as { unit: { notes: string } }
    const counter = Number(COUNTER.exec(unit.notes)?.[1] ?? 0) - (startCounts.get(id) ?? 0)
    if (counter !== accepted) lost.set(id, [counter, accepted])
  }
  return lost
}

/** Each unit's counter now (0 when it has none), to measure from. */
export async function counters(url: string, cookie: string, unitIds: readonly number[]): Promise<Map<number, number>> {
  const now = new Map<number, number>()
  for (const id of unitIds) {
    const { unit } = (await (await fetch(`${url}/api/units/${id}/record`, { headers: { Cookie: cookie } })).json()) as { unit: { notes: string } }
    now.set(id, Number(COUNTER.exec(unit.notes)?.[1] ?? 0))
  }
  return now
}
