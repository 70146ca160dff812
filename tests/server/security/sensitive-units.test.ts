// Sensitive categories (宗教活动场所 by default): exact location, name, address and notes for signed-in
// users only; everyone else gets the unit counted but redacted. Coverage counts are the same for all.
import type { FeatureCollection, Point } from 'geojson'
import { describe, expect, test } from 'vitest'
import { redactSensitiveUnits } from '../../../server/geo/unit-query'
import type { UnitCollection, UnitProperties } from '../../../server/shared/unit-columns'
import { audienceOf, redactedName } from '../../../server/shared/audience'
import { coverageForAudience, type CoverageReport } from '../../../server/geo/coverage'
import { unitRowsOf, type UnitColumns } from '../../../server/shared/unit-columns'
import { ADMIN_PASSWORD, demoApp, jsonRequest, signIn } from '../demo-app'

const SENSITIVE = '宗教活动场所'

function feature(id: number, category: string, areaCode: string | null): FeatureCollection<Point | null, UnitProperties>['features'][number] {
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [104.1, 28.6] },
    properties: {
      id, name: `单位${id}`, category, level: '县级', status: '命名', yearNamed: 2024, areaCode, claimedAreaCode: areaCode,
      joinMethod: 'point', expiresOn: null, address: '某街1号', notes: '联系人 张三', sample: true,
    },
  }
}

describe('redactSensitiveUnits (pure)', () => {
  const input: FeatureCollection<Point | null, UnitProperties> = {
    type: 'FeatureCollection',
    features: [feature(1, '学校', '530626101'), feature(2, SENSITIVE, '530626101001'), feature(3, SENSITIVE, null)],
  }

  test('keeps other units as they are and leaves the input unchanged', () => {
    const before = structuredClone(input)
    const out = redactSensitiveUnits(input, audienceOf('anonymous', [SENSITIVE]))
    expect(out.features[0]).toBe(input.features[0])
    expect(input).toEqual(before)
  })

  test('a sensitive unit keeps what is counted and loses where it is and what it is called', () => {
    const out = redactSensitiveUnits(input, audienceOf('anonymous', [SENSITIVE]))
    expect(out.redacted).toEqual({ categories: [SENSITIVE], count: 2 })
    expect(out.features[1]).toEqual({
      type: 'Feature',
      id: 2,
      geometry: null,
      properties: {
        id: 2, name: redactedName(SENSITIVE), category: SENSITIVE, level: '县级', status: '命名', yearNamed: 2024,
        areaCode: '530626101', claimedAreaCode: '530626101', joinMethod: 'code', expiresOn: null, address: '', notes: '',
        sample: true, redacted: true,
      },
    })
    expect(out.features[2].properties.areaCode).toBeNull()
  })

  test('with no sensitive category nothing is redacted', () => {
    const out = redactSensitiveUnits(input, audienceOf('anonymous', []))
    expect(out.features).toEqual(input.features)
    expect(out.redacted).toEqual({ categories: [], count: 0 })
  })
})

describe('GET /api/units by caller', () => {
  const { app, store } = demoApp()
  const sensitiveIds = store.snapshot().units.filter((u) => u.category === SENSITIVE).map((u) => u.id)
  // Names, contacts and exact coordinates (addresses and notes in the demo are shared with other units).
  const secrets = store
    .snapshot()
    .units.filter((u) => u.category === SENSITIVE)
    .flatMap((u) => [u.name, u.contact, u.lon === null ? '' : `${u.lon},${u.lat}`].filter((x) => x.length > 1))

  test('the demo has located sensitive units to hide', () => {
    expect(sensitiveIds.length).toBeGreaterThan(3)
    expect(store.snapshot().units.filter((u) => u.category === SENSITIVE && u.lon !== null).length).toBeGreaterThan(3)
    expect(secrets.length).toBeGreaterThan(3)
  })

  test('anonymous: every sensitive unit is counted, none has a location, a name, an address or notes', async () => {
    const answer = await app.request('/api/units')
    expect(answer.headers.get('cache-control')).toContain('private')
    expect(answer.headers.get('vary')).toMatch(/Cookie/)
    const text = await answer.text()
    const body = JSON.parse(text) as UnitCollection
    const sensitive = body.features.filter((f) => f.properties.category === SENSITIVE)
    expect(sensitive.map((f) => f.properties.id).sort((a, b) => a - b)).toEqual([...sensitiveIds].sort((a, b) => a - b))
    expect(body.redacted).toEqual({ categories: [SENSITIVE], count: sensitiveIds.length })
    for (const f of sensitive) {
      expect(f.geometry).toBeNull()
      expect(f.properties).toMatchObject({ name: redactedName(SENSITIVE), address: '', notes: '', redacted: true })
      expect(f.properties.areaCode === null || f.properties.areaCode.length <= 9).toBe(true)
    }
    expect(secrets.filter((secret) => text.includes(secret))).toEqual([])
    // Other categories are untouched.
    expect(body.features.filter((f) => f.properties.category !== SENSITIVE).every((f) => !f.properties.redacted)).toBe(true)
  })

  test('signed in (any role): the sensitive units with their locations and names', async () => {
    const cookie = await signIn(app, 'admin', ADMIN_PASSWORD)
    const body = (await (await app.request('/api/units', { headers: { Cookie: cookie } })).json()) as UnitCollection
    const sensitive = body.features.filter((f) => f.properties.category === SENSITIVE)
    expect(sensitive).toHaveLength(sensitiveIds.length)
    expect(sensitive.some((f) => f.geometry !== null)).toBe(true)
    expect(sensitive.every((f) => !f.properties.redacted && f.properties.name !== redactedName(SENSITIVE))).toBe(true)
    expect(body.redacted).toBeUndefined()
  })

  test('filters still apply to redacted units: ?category= counts them for anonymous callers', async () => {
    const cookie = await signIn(app, 'admin', ADMIN_PASSWORD)
    const path = `/api/units?category=${encodeURIComponent(SENSITIVE)}&area=530626`
    const anonymous = (await (await app.request(path)).json()) as UnitCollection
    const signedIn = (await (await app.request(path, { headers: { Cookie: cookie } })).json()) as UnitCollection
    expect(anonymous.features.length).toBe(signedIn.features.length)
    expect(anonymous.features.every((f) => f.geometry === null)).toBe(true)
  })

  test('anonymous and signed-in answers have different ETags (no 304 across callers)', async () => {
    const cookie = await signIn(app, 'admin', ADMIN_PASSWORD)
    const anonymous = await app.request('/api/units?area=530626')
    const signedIn = await app.request('/api/units?area=530626', { headers: { Cookie: cookie } })
    expect(anonymous.headers.get('etag')).not.toBe(signedIn.headers.get('etag'))
  })

  test('/api/coverage: the same counts for anonymous and signed-in callers; expiring sensitive units unnamed for anonymous', async () => {
    // The demo's 宗教活动场所 expire outside the 12-month window, so 学校 (which has units expiring in it) plays the sensitive category here.
    const sensitive = '学校'
    const { app, store } = demoApp({ sensitiveCategories: [sensitive] })
    const cookie = await signIn(app, 'admin', ADMIN_PASSWORD)
    let sensitiveExpiring = 0
    for (const path of ['/api/coverage?level=county', '/api/coverage?level=township&parent=530626', '/api/coverage?level=prefecture']) {
      const anonymousText = await (await app.request(path)).text()
      const anonymous = JSON.parse(anonymousText) as CoverageReport
      const signedIn = (await (await app.request(path, { headers: { Cookie: cookie } })).json()) as CoverageReport
      expect(anonymous).toEqual(coverageForAudience(signedIn, audienceOf('anonymous', [sensitive])))
      const withoutNames = (r: CoverageReport) => r.areas.map((a) => ({ ...a, expiring: a.expiring.map((e) => ({ ...e, name: '' })) }))
      expect(withoutNames(anonymous)).toEqual(withoutNames(signedIn))
      const names = signedIn.areas.flatMap((a) => a.expiring.filter((e) => e.category === sensitive).map((e) => e.name))
      sensitiveExpiring += names.length
      expect(names.filter((name) => anonymousText.includes(name))).toEqual([])
    }
    expect(sensitiveExpiring).toBeGreaterThan(0)
    store.close()
  })

  test('coverageForAudience (pure): only sensitive entries lose their name; other areas are the same objects', () => {
    const area = (code: string, expiring: CoverageReport['areas'][number]['expiring']) => ({ code, expiring }) as CoverageReport['areas'][number]
    const report = {
      areas: [
        area('530626', [{ id: 1, name: '清真寺甲', category: SENSITIVE, level: '县级', expiresOn: '2027-01-01' }, { id: 2, name: '学校乙', category: '学校', level: '县级', expiresOn: '2027-01-01' }]),
        area('530627', [{ id: 3, name: '学校丙', category: '学校', level: '县级', expiresOn: '2027-01-01' }]),
      ],
    } as CoverageReport
    const out = coverageForAudience(report, audienceOf('anonymous', [SENSITIVE]))
    expect(out.areas[0].expiring.map((e) => e.name)).toEqual([redactedName(SENSITIVE), '学校乙'])
    expect(out.areas[1]).toBe(report.areas[1])
    expect(report.areas[0].expiring[0].name).toBe('清真寺甲')
  })

  test('/api/units/columns: the same units as /api/units, redacted the same way for anonymous callers', async () => {
    const cookie = await signIn(app, 'admin', ADMIN_PASSWORD)
    for (const headers of [{}, { Cookie: cookie }] as Record<string, string>[]) {
      const features = ((await (await app.request('/api/units?area=530626', { headers })).json()) as UnitCollection).features
      const text = await (await app.request('/api/units/columns?area=530626', { headers })).text()
      const rows = unitRowsOf(JSON.parse(text) as UnitColumns)
      expect(rows.map((r) => r.id)).toEqual(features.map((f) => f.properties.id))
      expect(rows.map((r) => [r.name, r.category, r.areaCode, r.position, !!r.redacted])).toEqual(
        features.map((f) => [f.properties.name, f.properties.category, f.properties.areaCode, f.geometry?.coordinates ?? null, !!f.properties.redacted]),
      )
      if (!('Cookie' in headers)) {
        expect(rows.filter((r) => r.category === SENSITIVE).every((r) => r.position === null && r.redacted)).toBe(true)
        expect(secrets.filter((secret) => text.includes(secret))).toEqual([])
      }
    }
  })

  test('/api/units/issues leaves out sensitive units for anonymous callers', async () => {
    const cookie = await signIn(app, 'admin', ADMIN_PASSWORD)
    const anonymous = (await (await app.request('/api/units/issues')).json()) as { issues: { unitId: number }[] }
    const signedIn = (await (await app.request('/api/units/issues', { headers: { Cookie: cookie } })).json()) as { issues: { unitId: number }[] }
    expect(anonymous.issues.some((i) => sensitiveIds.includes(i.unitId))).toBe(false)
    expect(signedIn.issues.length).toBeGreaterThanOrEqual(anonymous.issues.length)
  })

  test('a screen token sees what an anonymous viewer sees', async () => {
    const { app: privateApp, store: privateStore } = demoApp({ requireLogin: true })
    const admin = await signIn(privateApp, 'admin', ADMIN_PASSWORD)
    const { token } = await (await privateApp.request('/api/screen-tokens', jsonRequest('POST', { label: '大厅' }, admin))).json()
    const body = (await (await privateApp.request('/api/units', { headers: { Authorization: `Bearer ${token}` } })).json()) as UnitCollection
    expect(body.features.filter((f) => f.properties.category === SENSITIVE).every((f) => f.geometry === null && f.properties.redacted)).toBe(true)
    privateStore.close()
  })
})

describe('ATLAS_SENSITIVE_CATEGORIES', () => {
  test('another list redacts those categories instead; [] redacts nothing', async () => {
    const { app } = demoApp({ sensitiveCategories: ['学校'] })
    const body = (await (await app.request('/api/units')).json()) as UnitCollection
    expect(body.features.filter((f) => f.properties.category === '学校').every((f) => f.properties.redacted)).toBe(true)
    expect(body.features.filter((f) => f.properties.category === SENSITIVE).some((f) => f.geometry !== null)).toBe(true)
    const open = demoApp({ sensitiveCategories: [] })
    const all = (await (await open.app.request('/api/units')).json()) as UnitCollection
    expect(all.features.some((f) => f.properties.redacted)).toBe(false)
  })
})
