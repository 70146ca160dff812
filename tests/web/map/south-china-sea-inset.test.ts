// The 南海诸岛 附图 as it is drawn: its title and the island groups' names as text (so a PDF holds them), the nine
// dashes, land for the provinces it covers, a scale bar, and the frame's shape from the inset's bounds.
import { readFileSync } from 'node:fs'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { ISLAND_GROUPS } from '../../../server/shared/south-china-sea'
import { insetAspect, insetPaletteOf, SouthChinaSeaInset } from '../../../web/map/SouthChinaSeaInset'
import { SCREEN_BASEMAP } from '../../../web/screen/ScreenMap'

const data = JSON.parse(readFileSync(new URL('../../../geodata/national/south-china-sea-inset.geojson', import.meta.url), 'utf8'))

describe('SouthChinaSeaInset', () => {
  test('draws the title, every island group, the line, the land and a scale bar, as SVG text and paths', () => {
    const svg = renderToStaticMarkup(createElement(SouthChinaSeaInset, { data, width: 240 }))
    expect(svg).toContain('>南海诸岛</text>')
    for (const group of ISLAND_GROUPS) expect(svg).toContain(`>${group.name}</text>`)
    expect(svg).toMatch(/>\d+ 千米<\/text>/)
    const paths = svg.match(/<path /g) ?? []
    expect(paths.length).toBe(data.features.filter((f: { properties: { kind: string } }) => f.properties.kind !== 'label').length)
    expect(svg).toContain(`height="${Math.round(240 / insetAspect())}"`)
  })

  test('no two island names overlap, at any width the atlas draws it', () => {
    for (const width of [180, 240, 300, 600]) {
      const svg = renderToStaticMarkup(createElement(SouthChinaSeaInset, { data, width }))
      // A CJK glyph is about one em wide; a name's box runs from its baseline up one em.
      const boxes = ISLAND_GROUPS.map(({ name }) => {
        const [, x, y, anchor, size] = new RegExp(`<text x="([\\d.-]+)" y="([\\d.-]+)" text-anchor="(\\w+)" font-size="([\\d.]+)"[^>]*>${name}</text>`).exec(svg) ?? []
        expect(x, `${name} at width ${width}`).toBeDefined()
        const length = name.length * Number(size)
        const left = anchor === 'middle' ? Number(x) - length / 2 : Number(x)
        return { name, left, right: left + length, top: Number(y) - Number(size), bottom: Number(y) }
      })
      for (const a of boxes) {
        for (const b of boxes) {
          if (a.name >= b.name) continue
          const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom
          expect(overlap, `${a.name} and ${b.name} overlap at width ${width}`).toBe(false)
        }
      }
    }
  })

  test("takes the colours of the map it belongs to: the screen's dark basemap gives a dark sea and light text", () => {
    const palette = insetPaletteOf(SCREEN_BASEMAP)
    expect(palette).toMatchObject({ sea: SCREEN_BASEMAP.background, land: SCREEN_BASEMAP.land, text: '#e8eef7' })
    const svg = renderToStaticMarkup(createElement(SouthChinaSeaInset, { data, width: 300, palette }))
    expect(svg).toContain(`fill="${SCREEN_BASEMAP.background}"`)
    expect(svg).toContain('fill="#e8eef7">南海诸岛</text>')
  })

  test('is taller than wide, as the islands run north to south', () => {
    expect(insetAspect()).toBeGreaterThan(0.7)
    expect(insetAspect()).toBeLessThan(0.9)
  })
})
