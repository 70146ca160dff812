// Schemes and categories on the SQLite store: create, update, add, synonyms, rename and remove, each audited and
// each reaching the snapshot at once. A rename moves every unit and target naming the old word in one transaction
// (versions bumped, unit_changes kept, the old name kept as a synonym); a category still used is not removed.
import { describe, expect, test } from 'vitest'
import fixture from '../../fixtures/coverage-small.json'
import { DomainError } from '../../../server/domain-error'
import { openSqliteStore } from '../../../server/db/sqlite-store'
import type { AtlasStore, Dataset } from '../../../server/db/store'
import { normaliseCategory } from '../../../server/import/values'
import type { Area, Scheme, Target, Unit } from '../../../server/shared/domain'

const AT = '2026-11-23T09:00:00.000Z'

// toy (三进: 机关, 学校, 社区) from the fixture, and a second scheme that shares 学校 with it.
const WUJIN: Scheme = { id: 'wujin', name: '五进', categories: ['学校', '医院'], isDefault: false, note: '', visitsPerYear: 2, synonyms: { 医院: ['卫生院'] }, checklist: ['阵地建设', '群众满意'] }
const TOY_SCHOOLS: Target = { id: 3, areaCode: 'B', schemeId: 'toy', category: '学校', minLevel: null, count: 1, dueYear: 2027, note: '' }

const dataset: Dataset = {
  areas: fixture.areas as Area[],
  schemes: [...(fixture.schemes as Scheme[]), WUJIN],
  units: fixture.units as Unit[],
  targets: [...(fixture.targets as Target[]), TOY_SCHOOLS],
  inspections: [],
}
const SCHOOL_UNITS = [1, 3, 5] // the fixture's units of 学校

function loadedStore() {
  const store = openSqliteStore(':memory:', { now: () => new Date(AT) })
  store.loadDataset(dataset, 'test')
  return store
}

/** The DomainError `write` throws: its kind and message. */
function refusal(write: () => unknown): { kind: string; message: string } {
  try {
    write()
  } catch (error) {
    if (error instanceof DomainError) return { kind: error.kind, message: error.message }
    throw error
  }
  throw new Error('expected a DomainError, but the write passed')
}

const schemeOf = (store: AtlasStore, id: string) => store.snapshot().schemes.find((s) => s.id === id)

describe('reading schemes', () => {
  test('every scheme carries its synonyms (none: {}), loaded with the dataset', () => {
    const store = loadedStore()
    expect(store.snapshot().schemes.map((s) => [s.id, s.categories, s.synonyms])).toEqual([
      ['toy', ['机关', '学校', '社区'], {}],
      ['wujin', ['学校', '医院'], { 医院: ['卫生院'] }],
    ])
    expect(store.schemes.get('wujin')).toEqual(WUJIN)
    expect(store.schemes.get('none')).toBeNull()
    store.close()
  })
})

describe('create and update', () => {
  test('create: a new scheme, never the default, audited with no before, in the snapshot at once', () => {
    const store = loadedStore()
    const before = store.snapshot()
    const created = store.schemes.create({ id: 'liangjin', name: '两进', note: '示例', categories: ['村', '户'], visitsPerYear: 4 }, 'alice')
    expect(created).toEqual({ id: 'liangjin', name: '两进', note: '示例', isDefault: false, visitsPerYear: 4, categories: ['村', '户'], synonyms: {}, checklist: [] })
    expect(store.snapshot()).not.toBe(before)
    expect(schemeOf(store, 'liangjin')).toEqual(created)
    expect(store.audit.list({ limit: 1, entity: 'scheme' })).toMatchObject([
      { id: expect.any(Number), at: AT, actor: 'alice', action: 'create', entity: 'scheme', entityId: 'liangjin', before: null, after: created },
    ])
    store.close()
  })

  test('create: an id or a name already taken is a conflict naming it', () => {
    const store = loadedStore()
    expect(refusal(() => store.schemes.create({ id: 'toy', name: '新', note: '', categories: ['村'], visitsPerYear: 3 }, 'alice'))).toEqual({
      kind: 'conflict',
      message: 'id: toy already exists (scheme 三进)',
    })
    expect(refusal(() => store.schemes.create({ id: 'other', name: '五进', note: '', categories: ['村'], visitsPerYear: 3 }, 'alice'))).toEqual({
      kind: 'conflict',
      message: 'name: 五进 is already the name of scheme wujin',
    })
    store.close()
  })

  test('update: name, note, visits a year and the order of the categories; audited before and after', () => {
    const store = loadedStore()
    const original = store.schemes.get('toy')!
    const updated = store.schemes.update('toy', { name: '三进（改）', visitsPerYear: 6, categories: ['社区', '机关', '学校'] }, 'bob')
    expect(updated).toEqual({ ...original, name: '三进（改）', visitsPerYear: 6, categories: ['社区', '机关', '学校'] })
    expect(schemeOf(store, 'toy')).toEqual(updated)
    expect(store.audit.list({ limit: 1, entity: 'scheme' })[0]).toMatchObject({ actor: 'bob', action: 'update', entityId: 'toy', before: original, after: updated })
    store.close()
  })

  test('update: categories other than the scheme’s own, or an unknown scheme, change nothing', () => {
    const store = loadedStore()
    expect(refusal(() => store.schemes.update('toy', { categories: ['社区', '医院'] }, 'bob'))).toEqual({
      kind: 'invalid',
      message: 'categories: expected the categories of scheme toy (机关, 学校, 社区) in a new order; missing 机关, 学校; not in it: 医院 (add a category with POST /api/schemes/toy/categories)',
    })
    expect(refusal(() => store.schemes.update('none', { name: 'x' }, 'bob'))).toEqual({ kind: 'not_found', message: 'scheme: none does not exist (expected one of toy, wujin)' })
    expect(store.schemes.get('toy')!.categories).toEqual(['机关', '学校', '社区'])
    expect(store.audit.list({ limit: 10, entity: 'scheme' })).toEqual([])
    store.close()
  })
})

describe('categories and synonyms', () => {
  test('add: appended with its synonyms; a name that is a category or a synonym already is a conflict', () => {
    const store = loadedStore()
    const scheme = store.schemes.addCategory('toy', '医院', ['卫生院', '医院（乡镇）'], 'carol')
    expect(scheme.categories).toEqual(['机关', '学校', '社区', '医院'])
    expect(scheme.synonyms).toEqual({ 医院: ['卫生院', '医院（乡镇）'] })
    expect(store.audit.list({ limit: 1, entity: 'scheme' })[0]).toMatchObject({ action: 'add-category', after: scheme })
    expect(refusal(() => store.schemes.addCategory('toy', '学校', [], 'carol'))).toEqual({ kind: 'conflict', message: 'category: 学校 already exists in scheme toy' })
    expect(refusal(() => store.schemes.addCategory('toy', '卫生院', [], 'carol'))).toEqual({
      kind: 'conflict',
      message: 'category: 卫生院 is a synonym of 医院 in scheme toy (rename 医院 instead, or take 卫生院 from its synonyms first)',
    })
    store.close()
  })

  test('synonyms: replaced as given; one that is a category, or another category’s, is a conflict', () => {
    const store = loadedStore()
    const { scheme, renamed } = store.schemes.changeCategory('wujin', '学校', { synonyms: ['中小学', '学校（中小学）'] }, 'dave')
    expect(renamed).toBeNull()
    expect(scheme.synonyms).toEqual({ 学校: ['中小学', '学校（中小学）'], 医院: ['卫生院'] })
    expect(store.schemes.changeCategory('wujin', '学校', { synonyms: ['中小学'] }, 'dave').scheme.synonyms).toEqual({ 学校: ['中小学'], 医院: ['卫生院'] })
    expect(refusal(() => store.schemes.changeCategory('wujin', '学校', { synonyms: ['医院'] }, 'dave'))).toEqual({
      kind: 'conflict',
      message: 'synonyms: 医院 is a category of scheme wujin (expected another word for 学校)',
    })
    expect(refusal(() => store.schemes.changeCategory('wujin', '学校', { synonyms: ['卫生院'] }, 'dave'))).toEqual({
      kind: 'conflict',
      message: 'synonyms: 卫生院 is already a synonym of 医院 in scheme wujin',
    })
    expect(refusal(() => store.schemes.changeCategory('wujin', '机关', { synonyms: [] }, 'dave'))).toEqual({
      kind: 'not_found',
      message: 'category: 机关 is not a category of scheme wujin (expected one of 学校, 医院)',
    })
    store.close()
  })
})

describe('renaming a category', () => {
  test('moves every unit and target of the old word, bumps versions, keeps unit_changes and the old name as a synonym', () => {
    const store = loadedStore()
    const versions = SCHOOL_UNITS.map((id) => store.units.get(id)!.version)
    const { scheme, renamed } = store.schemes.changeCategory('toy', '学校', { name: '中小学' }, 'erin')

    // Both schemes that list 学校 rename it: units carry the word, not a scheme.
    expect(renamed).toEqual({ from: '学校', to: '中小学', schemes: ['toy', 'wujin'], units: 3, targets: 2 })
    expect(scheme.categories).toEqual(['机关', '中小学', '社区'])
    expect(scheme.synonyms).toEqual({ 中小学: ['学校'] })
    expect(store.schemes.get('wujin')).toMatchObject({ categories: ['中小学', '医院'], synonyms: { 中小学: ['学校'], 医院: ['卫生院'] } })

    for (const [i, id] of SCHOOL_UNITS.entries()) {
      expect(store.units.get(id)).toMatchObject({ category: '中小学', version: versions[i] + 1 })
      expect(store.units.changes(id)).toEqual([
        { at: AT, by: 'erin', action: 'edit', before: { category: '学校' }, after: { category: '中小学' }, reason: '类别更名：方案“三进”的“学校”改为“中小学”' },
      ])
    }
    expect(store.snapshot().units.filter((u) => u.category === '学校')).toEqual([])
    expect(store.targets.list().filter((t) => t.id === 1 || t.id === 3).map((t) => t.category)).toEqual(['中小学', '中小学'])
    expect(store.schemes.renames('toy')).toEqual([{ schemeId: 'toy', from: '学校', to: '中小学', at: AT, by: 'erin', units: 3, targets: 2 }])
    expect(store.schemes.renames('wujin')).toHaveLength(1)
    expect(store.audit.list({ limit: 2, entity: 'scheme' }).map((e) => [e.action, e.entityId])).toEqual([
      ['rename-category', 'wujin'],
      ['rename-category', 'toy'],
    ])

    // Old ledgers still import: the cell 学校 maps to 中小学 through the stored synonym.
    expect(normaliseCategory('学校', schemeOf(store, 'toy')!)).toEqual({ ok: true, value: '中小学' })
    store.close()
  })

  test('a new name that was the category’s own synonym stops being one; given synonyms keep the old name', () => {
    const store = loadedStore()
    store.schemes.changeCategory('toy', '学校', { synonyms: ['中小学'] }, 'erin')
    const { scheme } = store.schemes.changeCategory('toy', '学校', { name: '中小学', synonyms: ['学堂'] }, 'erin')
    expect(scheme.synonyms).toEqual({ 中小学: ['学堂', '学校'] })
    store.close()
  })

  test('is one transaction: when any part is refused, no unit, target or scheme has changed', () => {
    const store = loadedStore()
    const units = store.snapshot().units
    // The rename itself would pass; the synonyms given with it are refused after it.
    expect(refusal(() => store.schemes.changeCategory('toy', '学校', { name: '中小学', synonyms: ['机关'] }, 'erin'))).toEqual({
      kind: 'conflict',
      message: 'synonyms: 机关 is a category of scheme toy (expected another word for 中小学)',
    })
    // A scheme sharing the old word that already has the new one would merge two categories.
    expect(refusal(() => store.schemes.changeCategory('toy', '学校', { name: '医院' }, 'erin'))).toEqual({
      kind: 'conflict',
      message: 'category: 医院 already exists in scheme wujin, which also lists 学校: units carry the word, so renaming it there would merge two categories',
    })
    expect(refusal(() => store.schemes.changeCategory('toy', '学校', { name: '机关' }, 'erin'))).toEqual({ kind: 'conflict', message: 'category: 机关 already exists in scheme toy' })
    expect(store.snapshot().units).toEqual(units)
    expect(SCHOOL_UNITS.map((id) => store.units.get(id)!.version)).toEqual([1, 1, 1])
    expect(SCHOOL_UNITS.flatMap((id) => store.units.changes(id))).toEqual([])
    expect(store.schemes.get('toy')).toMatchObject({ categories: ['机关', '学校', '社区'], synonyms: {} })
    expect(store.targets.get(3)!.category).toBe('学校')
    expect(store.schemes.renames('toy')).toEqual([])
    store.close()
  })
})

describe('removing a category', () => {
  test('refused while units or targets name it, saying how many', () => {
    const store = loadedStore()
    expect(refusal(() => store.schemes.removeCategory('toy', '学校', 'frank'))).toEqual({
      kind: 'conflict',
      message: 'category: 学校 of scheme toy is used by 3 units and 2 targets; move them to another category (or rename 学校) before removing it',
    })
    expect(refusal(() => store.schemes.removeCategory('toy', '社区', 'frank')).message).toBe(
      'category: 社区 of scheme toy is used by 2 units; move them to another category (or rename 社区) before removing it',
    )
    expect(store.schemes.get('toy')!.categories).toEqual(['机关', '学校', '社区'])
    store.close()
  })

  test('an unused category goes, with its synonyms; the last one of a scheme stays', () => {
    const store = loadedStore()
    const scheme = store.schemes.removeCategory('wujin', '医院', 'frank')
    expect(scheme).toMatchObject({ categories: ['学校'], synonyms: {} })
    expect(store.audit.list({ limit: 1, entity: 'scheme' })[0]).toMatchObject({ action: 'remove-category', before: { categories: ['学校', '医院'] }, after: scheme })
    // The synonym went with it: 卫生院 may now name a new category.
    expect(store.schemes.addCategory('wujin', '卫生院', [], 'frank').categories).toEqual(['学校', '卫生院'])
    store.schemes.removeCategory('wujin', '卫生院', 'frank')
    store.schemes.changeCategory('toy', '学校', { name: '中小学' }, 'frank') // moves the units off 学校 in wujin too
    expect(refusal(() => store.schemes.removeCategory('wujin', '中小学', 'frank')).kind).toBe('conflict')
    expect(refusal(() => store.schemes.removeCategory('wujin', '医院', 'frank'))).toEqual({
      kind: 'not_found',
      message: 'category: 医院 is not a category of scheme wujin (expected one of 中小学)',
    })
    store.close()
  })

  test('the last category of a scheme is kept', () => {
    const store = loadedStore()
    store.schemes.create({ id: 'one', name: '一进', note: '', categories: ['医院'], visitsPerYear: 3 }, 'frank')
    expect(refusal(() => store.schemes.removeCategory('one', '医院', 'frank'))).toEqual({
      kind: 'conflict',
      message: 'category: 医院 is the only category of scheme one (expected a scheme to keep at least one)',
    })
    store.close()
  })
})
