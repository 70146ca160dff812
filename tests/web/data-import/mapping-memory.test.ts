import { describe, expect, test } from 'vitest'
import { choicesOfColumns, headerSignature, mappingOfChoices, savedMapping, saveMapping, type KeyValueStore } from '../../../web/data-import/mapping-memory'
import { countByStatus, filterRows, reportRows } from '../../../web/data-import/report-rows'

function memoryStore(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>()
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) }
}

describe('headerSignature', () => {
  test('headers that read the same give the same signature: full-width, case, spaces, trailing empty columns', () => {
    expect(headerSignature(['单位名称', 'Lng', '纬度（°）', '', ''])).toBe(headerSignature([' 单位 名称', 'lng', '纬度(°)']))
    expect(headerSignature(['ＮＡＭＥ', 'x'])).toBe(headerSignature(['name', 'X']))
  })

  test('a reordered, renamed or inserted column gives another', () => {
    const base = headerSignature(['名称', '经度', '纬度'])
    expect(headerSignature(['名称', '纬度', '经度'])).not.toBe(base)
    expect(headerSignature(['单位名称', '经度', '纬度'])).not.toBe(base)
    expect(headerSignature(['名称', '', '经度', '纬度'])).not.toBe(base)
  })
})

describe('saved mappings', () => {
  test('saved per signature and read back; other signatures and junk read as none', () => {
    const store = memoryStore()
    const signature = headerSignature(['名称', '类型', '位置X', '位置Y'])
    saveMapping(store, signature, { name: 0, category: 1, lon: 2, lat: 3 })
    expect(savedMapping(store, signature)).toEqual({ name: 0, category: 1, lon: 2, lat: 3 })
    expect(savedMapping(store, headerSignature(['名称']))).toBeNull()
    store.map.set([...store.map.keys()][0], '{"colour": 1, "name": -1, "notes": [4, 5]}')
    expect(savedMapping(store, signature)).toEqual({ notes: [4, 5] })
    store.map.set([...store.map.keys()][0], 'not json')
    expect(savedMapping(store, signature)).toBeNull()
  })

  test('a full or disabled storage is not an error', () => {
    const store: KeyValueStore = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError') } }
    expect(() => saveMapping(store, 'x', { name: 0 })).not.toThrow()
  })
})

describe('mappingOfChoices', () => {
  test('choices → the route mapping: multi-column fields as lists, others as one column, 不导入 columns as ignore', () => {
    const choices = choicesOfColumns([
      { column: 0, field: null },
      { column: 1, field: 'name' },
      { column: 2, field: 'contact' },
      { column: 3, field: 'contact' },
    ])
    expect(mappingOfChoices(choices)).toEqual({ mapping: { name: 1, contact: [2, 3], ignore: [0] }, problems: [] })
  })

  test('a recognised column set to 不导入 is listed in ignore, so the server does not map it again', () => {
    const detected = choicesOfColumns([
      { column: 0, field: 'name' },
      { column: 1, field: 'contact' },
      { column: 2, field: 'contact' },
      { column: 3, field: 'notes' },
    ])
    const dropped = { ...detected, 2: null, 3: null }
    expect(mappingOfChoices(dropped)).toEqual({ mapping: { name: 0, contact: [1], ignore: [2, 3] }, problems: [] })
    expect(mappingOfChoices(detected).mapping.ignore).toBeUndefined()
  })

  test('a saved mapping keeps its ignore list; an ignore list alone is no mapping', () => {
    const store = memoryStore()
    saveMapping(store, 'sig', { name: 0, ignore: [3] })
    expect(savedMapping(store, 'sig')).toEqual({ name: 0, ignore: [3] })
    saveMapping(store, 'only', { ignore: [3] })
    expect(savedMapping(store, 'only')).toBeNull()
    store.map.set([...store.map.keys()][0], '{"name": 0, "ignore": [-1]}')
    expect(savedMapping(store, 'sig')).toEqual({ name: 0 })
  })

  test('a single-column field chosen twice is a problem naming the columns', () => {
    expect(mappingOfChoices({ 0: 'lon', 1: 'lon' }).problems).toEqual(['lon 对应了 2 列（第 1、2 列），只能对应一列'])
  })
})

describe('report rows', () => {
  const rows = reportRows(
    [
      { row: 3, status: 'rejected', messages: ['第3行：经度 1041.2 超出范围'] },
      { row: 2, status: 'accepted', messages: [], unit: { name: '绥江县民族中学' } },
      { row: 5, status: 'warning', messages: ['第5行：经纬度可能颠倒'], unit: { name: '某社区' } },
    ],
    [{ row: 4, reason: '合计行' }],
    'line',
  )

  test('rows and ignored rows in source order, labelled 第N行', () => {
    expect(rows.map((r) => [r.label, r.status, r.title])).toEqual([
      ['第2行', 'accepted', '绥江县民族中学'],
      ['第3行', 'rejected', ''],
      ['第4行', 'ignored', ''],
      ['第5行', 'warning', '某社区'],
    ])
    expect(rows[2].messages).toEqual(['第4行：已忽略（合计行）'])
  })

  test('filtered and counted by status', () => {
    expect(filterRows(rows, 'rejected').map((r) => r.row)).toEqual([3])
    expect(filterRows(rows, 'all')).toHaveLength(4)
    expect(countByStatus(rows)).toEqual({ all: 4, accepted: 1, warning: 1, rejected: 1, ignored: 1 })
  })

  test('a rejected unit row is titled with the name the server read from it', () => {
    const [row] = reportRows([{ row: 14, status: 'rejected', name: '中城镇第二小学', messages: ['第14行（中城镇第二小学）：经度 1041.2 超出范围（应为 73–136）'] }], [], 'line')
    expect(row).toMatchObject({ label: '第14行', title: '中城镇第二小学' })
  })

  test('area rows are labelled 第N个要素 and titled code + name', () => {
    expect(reportRows([{ row: 1, status: 'accepted', messages: [], code: '530626101', name: '中城镇' }], [], 'feature')[0]).toMatchObject({ label: '第1个要素', title: '530626101 中城镇' })
  })
})
