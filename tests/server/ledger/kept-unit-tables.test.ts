// What a server prepares before it listens, and what it leaves for after: the units table's orders and search
// text, one per step it is given.
import { describe, expect, test } from 'vitest'
import { prepareForReading, unitTableFor } from '../../../server/ledger/kept-unit-tables'
import { TABLE_SORT_KEYS } from '../../../server/ledger/unit-table'
import { audienceOf } from '../../../server/shared/audience'
import { demoApp } from '../demo-app'

describe('prepareForReading', () => {
  test('with `later`, each order and then the search text is one step; the steps end', () => {
    const { store } = demoApp()
    const queue: (() => void)[] = []
    prepareForReading(store, (step) => queue.push(step))
    let steps = 0
    while (queue.length > 0 && steps < 100) {
      queue.shift()!()
      steps++
    }
    expect(steps).toBe(TABLE_SORT_KEYS.length + 2) // each order, the search text, and the step that finds nothing left
    const table = unitTableFor(store, store.snapshot(), audienceOf('signed-in'), undefined)
    expect([...table.preparing()]).toEqual([...TABLE_SORT_KEYS, 'search'])
    store.close()
  })

  test('a reader before the steps have run gets the same page as after', () => {
    const { store } = demoApp()
    const queue: (() => void)[] = []
    prepareForReading(store, (step) => queue.push(step))
    const table = () => unitTableFor(store, store.snapshot(), audienceOf('signed-in'), undefined)
    const early = table().page({ q: '中学', sort: 'name', order: 'desc', offset: 0, limit: 20 })
    while (queue.length > 0) queue.shift()!()
    expect(table().page({ q: '中学', sort: 'name', order: 'desc', offset: 0, limit: 20 })).toEqual(early)
    expect(early.total).toBeGreaterThan(0)
    store.close()
  })
})
