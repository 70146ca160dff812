// Seeds an empty store with the demo: the committed 昭通 geodata plus invented 示例数据 units.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { FeatureCollection } from 'geojson'
import type { AtlasStore } from '../db/store'
import { demoDataset, type BoundaryFeature, type DemoGeodata } from './demo'

export const DEMO_GEODATA_DIR = fileURLToPath(new URL('../../geodata/5306/', import.meta.url))

export function readDemoGeodata(dir = DEMO_GEODATA_DIR): DemoGeodata {
  const read = (name: string) =>
    (JSON.parse(readFileSync(`${dir}/${name}`, 'utf8')) as FeatureCollection).features as BoundaryFeature[]
  const [outline] = read('outline.geojson')
  return { outline, counties: read('counties.geojson'), townships: read('townships.geojson') }
}

export function seedDemo(store: AtlasStore, today: string): void {
  store.loadDataset(demoDataset(readDemoGeodata(), today), 'demo-seed')
}
