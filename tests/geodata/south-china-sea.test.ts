import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { NATURAL_EARTH_LINE_FILE, southChinaSeaLine } from '../../geodata/build/south-china-sea.ts'

describe('southChinaSeaLine', () => {
  it('is Natural Earth’s nine dashes as one MultiLineString, with source, licence and what is missing', () => {
    const line = southChinaSeaLine()
    expect(line.geometry.coordinates).toHaveLength(9)
    expect(line.geometry.coordinates.every((dash) => dash.length === 15)).toBe(true)
    expect(line.properties).toMatchObject({ name: '南海断续国界线', dashes: 9, schematic: true, licence: expect.stringMatching(/public domain/), missing: expect.stringMatching(/tenth dash/) })
  })

  it('fails when a copied dash does not span the bbox Natural Earth gives for it', () => {
    const text = readFileSync(NATURAL_EARTH_LINE_FILE, 'utf8').replace('[121.838288,21.724709],[121.782638', '[121.838288,21.724709],[121.982638')
    expect(() => southChinaSeaLine(text)).toThrow(/Natural Earth dash 1746705561 \(Chinese claim \(Taiwan\)\) spans .* but its bbox says/)
  })
})
