import { PathLayer } from '@deck.gl/layers'
import { describe, expect, test } from 'vitest'
import type { CorridorItem } from '../../../web/api/client'
import {
  CORRIDOR_CASING_COLOUR,
  CORRIDOR_CASING_PIXELS,
  CORRIDOR_COLOUR,
  CORRIDOR_HIGHLIGHT_COLOUR,
  CORRIDOR_HIGHLIGHT_WIDTH_PIXELS,
  CORRIDOR_WIDTH_PIXELS,
  CORRIDORS_CASING_ID,
  CORRIDORS_ID,
  corridorsLayers,
  type CorridorLine,
} from '../../../web/layers/demo-corridors'

/** Calls a deck.gl accessor prop the way deck.gl does, or returns it when it is a constant. */
function evaluate<T>(accessor: unknown, object: T): unknown {
  return typeof accessor === 'function' ? accessor(object, { index: 0, data: [object], target: [] }) : accessor
}

const river: CorridorLine = { id: 1, name: '示例：金沙江沿线民族团结示范走廊', path: [[103.92, 28.62], [104.0, 28.6], [104.2, 28.62]] }
const street: CorridorLine = { id: 2, name: '示例：绥江县城民族团结进步示范街区', path: [[103.87, 28.54], [103.93, 28.55]] }
const lonely: CorridorLine = { id: 3, name: '只剩一个可见站点', path: [[104.1, 28.5]] }

describe('corridorsLayers', () => {
  test('a white casing under a pickable teal line, both PathLayers with stable ids', () => {
    const [casing, line] = corridorsLayers([river, street])
    expect(casing).toBeInstanceOf(PathLayer)
    expect(line).toBeInstanceOf(PathLayer)
    expect([casing.id, line.id]).toEqual([CORRIDORS_CASING_ID, CORRIDORS_ID])
    expect(CORRIDORS_ID).toBe('demo-corridors')
    expect(casing.props.pickable).toBe(false)
    expect(line.props.pickable).toBe(true)
    expect(evaluate(line.props.getColor, river)).toEqual(CORRIDOR_COLOUR)
    expect(evaluate(casing.props.getColor, river)).toEqual(CORRIDOR_CASING_COLOUR)
    expect(evaluate(line.props.getWidth, river)).toBe(CORRIDOR_WIDTH_PIXELS)
    expect(evaluate(casing.props.getWidth, river)).toBe(CORRIDOR_WIDTH_PIXELS + 2 * CORRIDOR_CASING_PIXELS)
    for (const layer of [casing, line]) {
      expect(layer.props.widthUnits).toBe('pixels')
      expect(layer.props.jointRounded).toBe(true)
      expect(layer.props.capRounded).toBe(true)
    }
  })

  test('the path is the corridor’s own [lon, lat] list; a corridor with fewer than two points is not drawn', () => {
    const [casing, line] = corridorsLayers([river, lonely, street])
    expect(line.props.data).toEqual([river, street])
    expect(casing.props.data).toBe(line.props.data)
    expect(evaluate(line.props.getPath, river)).toBe(river.path)
  })

  test('the data keeps its identity while the input does, and the ids do not depend on the data or options', () => {
    const corridors = [river, lonely, street]
    const a = corridorsLayers(corridors)
    const b = corridorsLayers(corridors, { highlightId: 2, visible: false, opacity: 0.5 })
    expect(b[1].props.data).toBe(a[1].props.data) // deck.gl keeps its buffers
    expect(corridorsLayers([street])[1].props.data).not.toBe(a[1].props.data)
    expect(b.map((l) => l.id)).toEqual(a.map((l) => l.id))
    expect(b.map((l) => [l.props.visible, l.props.opacity])).toEqual([[false, 0.5], [false, 0.5]])
    expect(a.map((l) => [l.props.visible, l.props.opacity])).toEqual([[true, 1], [true, 1]])
  })

  test('the highlighted corridor is darker and wider, under its casing too; the triggers follow highlightId', () => {
    const [casing, line] = corridorsLayers([river, street], { highlightId: 2 })
    expect(evaluate(line.props.getColor, street)).toEqual(CORRIDOR_HIGHLIGHT_COLOUR)
    expect(evaluate(line.props.getWidth, street)).toBe(CORRIDOR_HIGHLIGHT_WIDTH_PIXELS)
    expect(evaluate(casing.props.getWidth, street)).toBe(CORRIDOR_HIGHLIGHT_WIDTH_PIXELS + 2 * CORRIDOR_CASING_PIXELS)
    expect(evaluate(line.props.getColor, river)).toEqual(CORRIDOR_COLOUR)
    expect(line.props.updateTriggers).toEqual({ getColor: 2, getWidth: 2 })
    expect(casing.props.updateTriggers).toEqual({ getWidth: 2 })
    expect(CORRIDOR_HIGHLIGHT_WIDTH_PIXELS).toBeGreaterThan(CORRIDOR_WIDTH_PIXELS)
  })

  test('takes the API’s corridors as they come (type-level: CorridorItem is a CorridorLine)', () => {
    const item: CorridorItem = {
      id: 7,
      name: '示例',
      note: '',
      sample: true,
      stops: [
        { unitId: 1, name: '甲', category: '学校', level: '县级', areaCode: '530626101', position: [103.9, 28.5] },
        { unitId: 2, name: '宗教活动场所（不公开）', category: '宗教活动场所', level: null, areaCode: '530626101', position: null, redacted: true },
        { unitId: 3, name: '乙', category: '机关', level: '市级', areaCode: '530626102', position: [104.0, 28.6] },
      ],
      path: [[103.9, 28.5], [104.0, 28.6]],
    }
    const [, line] = corridorsLayers([item])
    expect(evaluate(line.props.getPath, item)).toEqual([[103.9, 28.5], [104.0, 28.6]])
  })
})
