import type { HonourLevel } from '../../../server/shared/domain'

/** Honour levels as four steps of one blue: 县级 light at the base of a stack, 国家级 darkest. */
export const LEVEL_COLOURS: Readonly<Record<HonourLevel, string>> = {
  县级: '#9ecae1',
  市级: '#6baed6',
  省级: '#3182bd',
  国家级: '#08519c',
}
