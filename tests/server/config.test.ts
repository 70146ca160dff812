import { describe, expect, it } from 'vitest'
import { ConfigError, readConfig } from '../../server/config'

describe('readConfig', () => {
  it('has defaults: port 8787, ./data, demo on', () => {
    expect(readConfig({}, '/srv/atlas')).toEqual({ port: 8787, dataDir: '/srv/atlas/data', demo: true })
  })

  it('reads PORT, ATLAS_DATA_DIR and ATLAS_DEMO', () => {
    expect(readConfig({ PORT: '9000', ATLAS_DATA_DIR: '/var/atlas', ATLAS_DEMO: '0' }, '/x')).toEqual({
      port: 9000,
      dataDir: '/var/atlas',
      demo: false,
    })
  })

  it('names bad values', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(ConfigError)
    expect(() => readConfig({ PORT: '70000' })).toThrow('PORT=70000 is not a port')
    expect(() => readConfig({ ATLAS_DEMO: 'maybe' })).toThrow('ATLAS_DEMO=maybe is not a flag')
  })
})
