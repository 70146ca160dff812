// The dashboard's filters: scheme, categories, minimum level, status, the "as of" year with playback, and
// the area search. Every change goes through onChange; the page turns it into a URL (view-state.ts).
import { useState } from 'react'
import { HONOUR_LEVELS, UNIT_STATUSES, type HonourLevel, type UnitStatus } from '../../../server/shared/domain'
import type { Scheme } from '../../api/responses'
import type { CategoryPalette } from '../../data/category-colours'
import type { ViewLanguage } from '../../../server/shared/view-state'
import { searchAreas, toggleCategory, type AreaSearchEntry } from '../filters'
import { areaLevelName, levelName, statusName, t } from '../i18n'

export interface FilterPanelProps {
  lang: ViewLanguage
  schemes: readonly Scheme[]
  scheme: Scheme
  categories: readonly string[] | null
  palette: CategoryPalette
  minLevel: HonourLevel
  statuses: readonly UnitStatus[]
  year: number
  years: readonly [number, number] // the slider's range
  playing: boolean
  searchEntries: readonly AreaSearchEntry[] | null // null: not loaded yet (loaded on first focus)
  onScheme(id: string): void
  onCategories(categories: string[] | null): void
  onMinLevel(level: HonourLevel): void
  onStatuses(statuses: UnitStatus[]): void
  onYear(year: number, final: boolean): void // final: false while the slider is dragged
  onPlay(playing: boolean): void
  onSearchFocus(): void
  onArea(code: string): void
}

export function FilterPanel(p: FilterPanelProps) {
  const { lang } = p
  const [query, setQuery] = useState('')
  const hits = p.searchEntries ? searchAreas(p.searchEntries, query) : []
  return (
    <section className="panel" aria-label={t(lang, 'filters')} data-testid="filters">
      <h2 className="panel-title">{t(lang, 'filters')}</h2>
      <div className="search">
        <input
          type="search"
          value={query}
          placeholder={t(lang, 'search')}
          aria-label={t(lang, 'search')}
          onFocus={p.onSearchFocus}
          onChange={(e) => setQuery(e.target.value)}
        />
        {query.trim() !== '' && (
          <ul className="search-results" role="listbox">
            {hits.length === 0 && <li className="search-empty">{p.searchEntries ? t(lang, 'noMatch') : t(lang, 'loading')}</li>}
            {hits.map((hit) => (
              <li key={hit.code}>
                <button
                  type="button"
                  onClick={() => {
                    setQuery('')
                    p.onArea(hit.code)
                  }}
                >
                  {hit.name} <small>{hit.code} · {areaLevelName(lang, hit.level as never)}</small>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <label className="control">
        <span className="control-label">{t(lang, 'scheme')}</span>
        <select value={p.scheme.id} onChange={(e) => p.onScheme(e.target.value)}>
          {p.schemes.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="control">
        <legend>
          {t(lang, 'categories')}
          <button type="button" className="link-button" onClick={() => p.onCategories(null)} disabled={p.categories === null}>
            {t(lang, 'allCategories')}
          </button>
        </legend>
        <div className="chips">
          {p.scheme.categories.map((category) => {
            const on = p.categories === null || p.categories.includes(category)
            return (
              <label key={category} className={`chip${on ? ' is-on' : ''}`} data-category={category}>
                <input
                  type="checkbox"
                  checked={on}
                  onChange={() => p.onCategories(toggleCategory(p.categories, category, p.scheme.categories))}
                />
                <span className="dot-small" style={{ background: p.palette.cssOf(category) }} />
                {category}
              </label>
            )
          })}
        </div>
      </fieldset>
      <label className="control">
        <span className="control-label">{t(lang, 'minLevel')}</span>
        <select value={p.minLevel} onChange={(e) => p.onMinLevel(HONOUR_LEVELS.find((l) => l === e.target.value) ?? '县级')}>
          {HONOUR_LEVELS.map((level) => (
            <option key={level} value={level}>
              {t(lang, 'levelAndAbove', { level: levelName(lang, level) })}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="control">
        <legend>{t(lang, 'status')}</legend>
        <div className="chips">
          {UNIT_STATUSES.map((status) => {
            const on = p.statuses.includes(status)
            return (
              <label key={status} className={`chip${on ? ' is-on' : ''}`}>
                <input
                  type="checkbox"
                  checked={on}
                  onChange={() => {
                    const next = on ? p.statuses.filter((s) => s !== status) : UNIT_STATUSES.filter((s) => s === status || p.statuses.includes(s))
                    if (next.length > 0) p.onStatuses(next)
                  }}
                />
                {statusName(lang, status)}
              </label>
            )
          })}
        </div>
      </fieldset>
      <div className="control year-control">
        <span className="control-label">
          {t(lang, 'year')} <strong data-testid="year-value">{p.year}</strong>
        </span>
        <div className="year-row">
          <button type="button" className="play-button" aria-label={p.playing ? t(lang, 'pause') : t(lang, 'play')} onClick={() => p.onPlay(!p.playing)}>
            {p.playing ? '❚❚' : '▶'}
          </button>
          <input
            type="range"
            aria-label={t(lang, 'year')}
            min={p.years[0]}
            max={p.years[1]}
            step={1}
            value={p.year}
            onChange={(e) => p.onYear(Number(e.target.value), false)}
            onPointerUp={(e) => p.onYear(Number((e.target as HTMLInputElement).value), true)}
          />
        </div>
      </div>
    </section>
  )
}
