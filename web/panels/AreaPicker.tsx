// Picks an area by steps, one select per level: the top areas of the store (provinces, or prefectures when
// it holds none), then the children of each choice. "全部" at a step means the area chosen above it.
import { useEffect, useState } from 'react'
import { childLevelOf } from '../../server/shared/area-codes'
import type { AreaLevel } from '../../server/shared/domain'
import { fetchAreas } from '../api/client'

export interface AreaOption {
  code: string
  name: string
  level: AreaLevel
}

const LEVEL_NAMES: Record<AreaLevel, string> = { country: '全国', province: '省', prefecture: '市州', county: '县市区', township: '乡镇', village: '村' }

const lists = new Map<string, Promise<AreaOption[]>>()

async function areasOf(level: AreaLevel, parent?: string): Promise<AreaOption[]> {
  const answer = await fetchAreas(parent === undefined ? { level } : { level, parent })
  return answer.features.map(({ properties: { code, name, level } }) => ({ code, name, level }))
}

/** The areas one step below `parent` (null: the top of the store), cached for the page's life. */
export function childAreas(parent: AreaOption | null): Promise<AreaOption[]> {
  const key = parent?.code ?? ''
  let list = lists.get(key)
  if (!list) {
    if (parent === null) {
      list = areasOf('province').then((provinces) => (provinces.length > 0 ? provinces : areasOf('prefecture')))
    } else {
      const level = childLevelOf(parent.level)
      list = level === null ? Promise.resolve([]) : areasOf(level, parent.code)
    }
    list.catch(() => lists.delete(key)) // a failed load is retried next time
    lists.set(key, list)
  }
  return list
}

export interface AreaPickerProps {
  path: readonly string[] // the codes chosen, from the top down; empty: every area
  onChange(path: string[]): void
  onAreas?(areas: AreaOption[]): void // every area the picker has listed, for other selects on the page
}

export function AreaPicker({ path, onChange, onAreas }: AreaPickerProps) {
  const [steps, setSteps] = useState<AreaOption[][]>([])
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let current = true
    ;(async () => {
      const loaded: AreaOption[][] = []
      let parent: AreaOption | null = null
      for (let i = 0; i <= path.length; i++) {
        const options = await childAreas(parent)
        if (options.length === 0) break
        loaded.push(options)
        const chosen = options.find((a) => a.code === path[i])
        if (!chosen) break
        parent = chosen
      }
      return loaded
    })().then(
      (loaded) => {
        if (!current) return
        // A path from a link starts at the province; a store without provinces starts lower.
        const top = loaded[0] ?? []
        const start = path.findIndex((code) => top.some((a) => a.code === code))
        if (start > 0) return onChange(path.slice(start))
        setSteps(loaded)
        setError(null)
        onAreas?.(loaded.flat())
      },
      (e: Error) => current && setError(e.message),
    )
    return () => {
      current = false
    }
  }, [path.join('/')]) // eslint-disable-line react-hooks/exhaustive-deps -- the path's codes are what it loads

  return (
    <span className="area-picker">
      {steps.map((options, i) => (
        <select
          key={i}
          aria-label={`区域（${LEVEL_NAMES[options[0].level]}）`}
          value={options.some((a) => a.code === path[i]) ? path[i] : ''}
          onChange={(e) => onChange(e.target.value === '' ? path.slice(0, i) : [...path.slice(0, i), e.target.value])}
        >
          <option value="">{i === 0 ? '全部区域' : `全部${LEVEL_NAMES[options[0].level]}`}</option>
          {options.map((a) => (
            <option key={a.code} value={a.code}>
              {a.name}
            </option>
          ))}
        </select>
      ))}
      {error && <span className="area-picker-error" role="alert">{error}</span>}
    </span>
  )
}
