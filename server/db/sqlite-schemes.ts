// Schemes (创建方案) and their categories on the SQLite store: schemes and scheme_categories (migration 1),
// category_synonyms and category_renames (migration 9). Each write runs in one transaction with its audit rows
// (the scheme before and after) and drops the snapshot once it has committed. What depends on the stored rows —
// a name already taken, a category still used — is checked inside the transaction, so two admins racing cannot
// both pass the check.
import type { SqlDatabase } from './sql'
import { DomainError } from '../domain-error'
import type { Scheme } from '../shared/domain'
import { writeAudit } from './sqlite-accounts'
import type { CategoryRename, CategoryRenameRecord, SchemeRepository } from './store'

interface SchemeRow {
  id: string
  name: string
  note: string
  is_default: number
  visits_per_year: number
  checklist: string // JSON array
}

interface CategoryRow {
  scheme_id: string
  category: string
}

interface SynonymRow extends CategoryRow {
  synonym: string
}

interface RenameRow {
  scheme_id: string
  from_category: string
  to_category: string
  at: string
  by: string
  units: number
  targets: number
}

/** Every scheme with its categories in order and their synonyms: the default first, then by id. */
export function readSchemes(db: SqlDatabase): Scheme[] {
  const rows = db.prepare('SELECT * FROM schemes ORDER BY is_default DESC, id').all() as SchemeRow[]
  return schemesOf(
    rows,
    db.prepare('SELECT scheme_id, category FROM scheme_categories ORDER BY scheme_id, position').all() as CategoryRow[],
    db.prepare('SELECT scheme_id, category, synonym FROM category_synonyms ORDER BY scheme_id, position').all() as SynonymRow[],
  )
}

function readScheme(db: SqlDatabase, id: string): Scheme | null {
  const row = db.prepare('SELECT * FROM schemes WHERE id = ?').get(id) as SchemeRow | undefined
  if (!row) return null
  const categories = db.prepare('SELECT scheme_id, category FROM scheme_categories WHERE scheme_id = ? ORDER BY position').all(id) as CategoryRow[]
  const synonyms = db.prepare('SELECT scheme_id, category, synonym FROM category_synonyms WHERE scheme_id = ? ORDER BY position').all(id) as SynonymRow[]
  return schemesOf([row], categories, synonyms)[0]
}

function schemesOf(rows: readonly SchemeRow[], categories: readonly CategoryRow[], synonyms: readonly SynonymRow[]): Scheme[] {
  return rows.map((r) => {
    const own = categories.filter((c) => c.scheme_id === r.id).map((c) => c.category)
    const words = synonyms.filter((s) => s.scheme_id === r.id)
    const withSynonyms = own.map((category) => [category, words.filter((w) => w.category === category).map((w) => w.synonym)] as const)
    return {
      id: r.id,
      name: r.name,
      note: r.note,
      isDefault: r.is_default === 1,
      visitsPerYear: r.visits_per_year,
      checklist: JSON.parse(r.checklist) as string[],
      categories: own,
      synonyms: Object.fromEntries(withSynonyms.filter(([, list]) => list.length > 0)),
    }
  })
}

/** Writes a scheme's synonyms (dataset loads and edits alike): those of `category`, in order, replacing any it had. */
export function writeSynonyms(db: SqlDatabase, schemeId: string, category: string, synonyms: readonly string[]): void {
  db.prepare('DELETE FROM category_synonyms WHERE scheme_id = ? AND category = ?').run(schemeId, category)
  const insert = db.prepare('INSERT INTO category_synonyms (scheme_id, category, synonym, position) VALUES (?, ?, ?, ?)')
  synonyms.forEach((synonym, i) => insert.run(schemeId, category, synonym, i))
}

export function sqliteSchemes(db: SqlDatabase, now: () => Date, invalidate: () => void): SchemeRepository {
  /** Runs `change` in a transaction and rebuilds the snapshot once it has committed. */
  const committed = <T>(change: () => T): T => {
    const result = db.transaction(change)()
    invalidate()
    return result
  }
  const stored = (id: string): Scheme => {
    const scheme = readScheme(db, id)
    if (scheme) return scheme
    const known = (db.prepare('SELECT id FROM schemes ORDER BY id').all() as { id: string }[]).map((r) => r.id)
    throw new DomainError('not_found', `scheme: ${id} does not exist (expected one of ${known.join(', ')})`)
  }
  const audit = (at: string, actor: string, action: string, before: Scheme | null, after: Scheme & { renamed?: unknown }) =>
    writeAudit(db, at, actor, action, 'scheme', after.id, before, after)

  /** Renames `from` to `to` in every scheme that lists it, with the units and targets naming it. */
  const rename = (scheme: Scheme, from: string, to: string, at: string, actor: string): CategoryRename => {
    const sharing = [scheme, ...readSchemes(db).filter((s) => s.id !== scheme.id && s.categories.includes(from))]
    for (const s of sharing) {
      if (s.categories.includes(to)) {
        const also = s.id === scheme.id ? '' : `, which also lists ${from}: units carry the word, so renaming it there would merge two categories`
        throw new DomainError('conflict', `category: ${to} already exists in scheme ${s.id}${also}`)
      }
      const owner = synonymOwner(s, to)
      if (owner !== null && owner !== from) {
        throw new DomainError('conflict', `name: ${to} is a synonym of ${owner} in scheme ${s.id} (expected a word no category of it uses; take ${to} from ${owner}'s synonyms first)`)
      }
    }
    const unitIds = (db.prepare('SELECT id FROM units WHERE category = ? ORDER BY id').all(from) as { id: number }[]).map((r) => r.id)
    const targetIds = (db.prepare('SELECT id FROM targets WHERE category = ? ORDER BY id').all(from) as { id: number }[]).map((r) => r.id)

    // The synonyms follow the category (ON UPDATE CASCADE); the new name stops being one, the old one becomes one.
    db.prepare('UPDATE scheme_categories SET category = ? WHERE category = ?').run(to, from)
    for (const s of sharing) {
      db.prepare('DELETE FROM category_synonyms WHERE scheme_id = ? AND synonym = ?').run(s.id, to)
      db.prepare(`INSERT INTO category_synonyms (scheme_id, category, synonym, position)
          VALUES (?, ?, ?, (SELECT coalesce(max(position), -1) + 1 FROM category_synonyms WHERE scheme_id = ? AND category = ?))
          ON CONFLICT (scheme_id, synonym) DO UPDATE SET category = excluded.category, position = excluded.position`).run(s.id, to, from, s.id, to)
    }

    db.prepare('UPDATE units SET category = ?, updated_at = ?, version = version + 1 WHERE category = ?').run(to, at, from)
    const reason = `类别更名：方案“${scheme.name}”的“${from}”改为“${to}”`
    const change = db.prepare(`INSERT INTO unit_changes (unit_id, at, by, action, before, after, reason) VALUES (?, ?, ?, 'edit', ?, ?, ?)`)
    for (const id of unitIds) change.run(id, at, actor, JSON.stringify({ category: from }), JSON.stringify({ category: to }), reason)
    db.prepare('UPDATE targets SET category = ? WHERE category = ?').run(to, from)

    const renamed: CategoryRename = { from, to, schemes: sharing.map((s) => s.id), units: unitIds.length, targets: targetIds.length }
    for (const s of sharing) {
      db.prepare('INSERT INTO category_renames (scheme_id, from_category, to_category, at, by, units, targets) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        s.id, from, to, at, actor, unitIds.length, targetIds.length,
      )
      audit(at, actor, 'rename-category', s, { ...stored(s.id), renamed: { ...renamed, unitIds, targetIds } })
    }
    return renamed
  }

  return {
    get: (id) => readScheme(db, id),
    create(scheme, actor) {
      const at = now().toISOString()
      return committed(() => {
        const existing = readScheme(db, scheme.id)
        if (existing) throw new DomainError('conflict', `id: ${scheme.id} already exists (scheme ${existing.name})`)
        assertNameFree(db, scheme.name, null)
        db.prepare('INSERT INTO schemes (id, name, note, is_default, visits_per_year, checklist) VALUES (?, ?, ?, 0, ?, ?)').run(
          scheme.id, scheme.name, scheme.note, scheme.visitsPerYear, JSON.stringify(scheme.checklist ?? []),
        )
        const insert = db.prepare('INSERT INTO scheme_categories (scheme_id, category, position) VALUES (?, ?, ?)')
        scheme.categories.forEach((category, i) => insert.run(scheme.id, category, i))
        const after = stored(scheme.id)
        audit(at, actor, 'create', null, after)
        return after
      })
    },
    update(id, change, actor) {
      const at = now().toISOString()
      return committed(() => {
        const before = stored(id)
        if (change.name !== undefined && change.name !== before.name) assertNameFree(db, change.name, id)
        if (change.categories !== undefined) {
          assertSameCategories(before, change.categories)
          const move = db.prepare('UPDATE scheme_categories SET position = ? WHERE scheme_id = ? AND category = ?')
          change.categories.forEach((category, i) => move.run(i, id, category))
        }
        db.prepare('UPDATE schemes SET name = ?, note = ?, visits_per_year = ?, checklist = ? WHERE id = ?').run(
          change.name ?? before.name,
          change.note ?? before.note,
          change.visitsPerYear ?? before.visitsPerYear,
          JSON.stringify(change.checklist ?? before.checklist ?? []),
          id,
        )
        const after = stored(id)
        audit(at, actor, 'update', before, after)
        return after
      })
    },
    addCategory(id, category, synonyms, actor) {
      const at = now().toISOString()
      return committed(() => {
        const before = stored(id)
        assertCategoryFree(before, category)
        const checked = checkedSynonyms({ ...before, categories: [...before.categories, category] }, category, synonyms)
        db.prepare(`INSERT INTO scheme_categories (scheme_id, category, position)
            VALUES (?, ?, (SELECT coalesce(max(position), -1) + 1 FROM scheme_categories WHERE scheme_id = ?))`).run(id, category, id)
        writeSynonyms(db, id, category, checked)
        const after = stored(id)
        audit(at, actor, 'add-category', before, after)
        return after
      })
    },
    changeCategory(id, category, { name, synonyms }, actor) {
      const at = now().toISOString()
      return committed(() => {
        const before = stored(id)
        assertCategoryOf(before, category)
        const renamed = name === undefined || name === category ? null : rename(before, category, name, at, actor)
        if (synonyms !== undefined) {
          const current = stored(id)
          const kept = renamed === null ? synonyms : [...synonyms, category] // the old name stays a synonym
          writeSynonyms(db, id, name ?? category, checkedSynonyms(current, name ?? category, kept))
          audit(at, actor, 'set-synonyms', current, stored(id))
        }
        return { scheme: stored(id), renamed }
      })
    },
    removeCategory(id, category, actor) {
      const at = now().toISOString()
      return committed(() => {
        const before = stored(id)
        assertCategoryOf(before, category)
        const { units } = db.prepare('SELECT count(*) AS units FROM units WHERE category = ?').get(category) as { units: number }
        const { targets } = db
          .prepare('SELECT count(*) AS targets FROM targets WHERE category = ? AND (scheme_id = ? OR scheme_id IS NULL)')
          .get(category, id) as { targets: number }
        if (units > 0 || targets > 0) {
          const users = [units > 0 ? counted(units, 'unit') : '', targets > 0 ? counted(targets, 'target') : ''].filter(Boolean).join(' and ')
          throw new DomainError('conflict', `category: ${category} of scheme ${id} is used by ${users}; move them to another category (or rename ${category}) before removing it`, {
            details: { units, targets },
          })
        }
        if (before.categories.length === 1) throw new DomainError('conflict', `category: ${category} is the only category of scheme ${id} (expected a scheme to keep at least one)`)
        db.prepare('DELETE FROM scheme_categories WHERE scheme_id = ? AND category = ?').run(id, category)
        const after = stored(id)
        audit(at, actor, 'remove-category', before, after)
        return after
      })
    },
    renames(id) {
      const rows = db.prepare('SELECT * FROM category_renames WHERE scheme_id = ? ORDER BY at, id').all(id) as RenameRow[]
      return rows.map((r): CategoryRenameRecord => ({ schemeId: r.scheme_id, from: r.from_category, to: r.to_category, at: r.at, by: r.by, units: r.units, targets: r.targets }))
    },
  }
}

function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

/** The category `word` is a synonym of in `scheme`, or null. */
function synonymOwner(scheme: Scheme, word: string): string | null {
  for (const [category, words] of Object.entries(scheme.synonyms ?? {})) if (words.includes(word)) return category
  return null
}

function assertNameFree(db: SqlDatabase, name: string, except: string | null): void {
  const other = db.prepare('SELECT id FROM schemes WHERE name = ? AND id IS DISTINCT FROM CAST(? AS TEXT)').get(name, except) as { id: string } | undefined
  if (other) throw new DomainError('conflict', `name: ${name} is already the name of scheme ${other.id}`)
}

function assertCategoryOf(scheme: Scheme, category: string): void {
  if (!scheme.categories.includes(category)) {
    throw new DomainError('not_found', `category: ${category} is not a category of scheme ${scheme.id} (expected one of ${scheme.categories.join(', ')})`)
  }
}

/** A new category's name is neither a category nor a synonym of the scheme. */
function assertCategoryFree(scheme: Scheme, category: string): void {
  if (scheme.categories.includes(category)) throw new DomainError('conflict', `category: ${category} already exists in scheme ${scheme.id}`)
  const owner = synonymOwner(scheme, category)
  if (owner !== null) {
    throw new DomainError('conflict', `category: ${category} is a synonym of ${owner} in scheme ${scheme.id} (rename ${owner} instead, or take ${category} from its synonyms first)`)
  }
}

/** `categories` is the scheme's own, each once, in some order. */
function assertSameCategories(scheme: Scheme, categories: readonly string[]): void {
  const missing = scheme.categories.filter((c) => !categories.includes(c))
  const unknown = categories.filter((c) => !scheme.categories.includes(c))
  if (missing.length === 0 && unknown.length === 0 && categories.length === scheme.categories.length) return
  const problems = [
    missing.length > 0 ? `missing ${missing.join(', ')}` : '',
    unknown.length > 0 ? `not in it: ${unknown.join(', ')} (add a category with POST /api/schemes/${scheme.id}/categories)` : '',
  ].filter(Boolean)
  throw new DomainError('invalid', `categories: expected the categories of scheme ${scheme.id} (${scheme.categories.join(', ')}) in a new order${problems.length > 0 ? `; ${problems.join('; ')}` : ''}`)
}

/** `synonyms` of `category` once each, when none is a category of the scheme or another category's synonym. */
function checkedSynonyms(scheme: Scheme, category: string, synonyms: readonly string[]): string[] {
  const unique = [...new Set(synonyms)]
  for (const synonym of unique) {
    if (scheme.categories.includes(synonym)) {
      throw new DomainError('conflict', `synonyms: ${synonym} is a category of scheme ${scheme.id} (expected another word for ${category})`)
    }
    const owner = synonymOwner(scheme, synonym)
    if (owner !== null && owner !== category) throw new DomainError('conflict', `synonyms: ${synonym} is already a synonym of ${owner} in scheme ${scheme.id}`)
  }
  return unique
}
