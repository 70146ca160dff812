import type { HonourLevel } from '../../server/shared/domain'

/** { 县级: 0, 市级: 0, 省级: 0, 国家级: 0 }: a fresh object each call. */
export function emptyByLevelCounts(): Record<HonourLevel, number> {
  return { 县级: 0, 市级: 0, 省级: 0, 国家级: 0 }
}
