// 个人信息保护: a unit's contact (person and phone) reaches signed-in users only, its phone numbers whole only
// to admins and the editors and approvers of the unit's area. Walks every answer that carries a contact.
import { describe, expect, test } from 'vitest'
import { contactFor, maskPhones, audienceOf } from '../../../server/shared/audience'
import { demoAppWithAccounts, jsonRequest } from '../demo-app'

const { app, store, cookies } = demoAppWithAccounts([
  { username: 'suijiang', role: 'editor', areaScope: '530626' },
  { username: 'suijiang-approver', role: 'approver', areaScope: '530626' },
  { username: 'shuifu', role: 'editor', areaScope: '530681' },
  { username: 'looker', role: 'viewer', areaScope: null },
])

const CONTACT = '张三 13812345678，办公室 0870-1234567'
const MASKED = '张三 138****5678，办公室 0870-***4567'

const snapshot = store.snapshot()
const unit = snapshot.units.find((u) => (snapshot.unitAreas.get(u.id) ?? '').startsWith('530626') && u.category === '学校' && u.lon !== null)!

async function setContact(contact: string) {
  const version = store.units.get(unit.id)!.version
  const answer = await app.request(`/api/units/${unit.id}`, jsonRequest('PATCH', { contact }, cookies.suijiang, { 'If-Match': `"${version}"` }))
  expect(answer.status, await answer.clone().text()).toBe(200)
  return ((await answer.json()) as { unit: { contact: string } }).unit.contact
}

/** The contact each route answers `cookie` with (undefined: the route answered no contact at all). */
async function contactsSeenBy(cookie: string | undefined) {
  const headers = cookie ? { Cookie: cookie } : undefined
  const json = async (path: string) => {
    const answer = await app.request(path, { headers })
    return answer.status === 200 ? ((await answer.json()) as Record<string, unknown>) : null
  }
  const detail = (await json(`/api/units/${unit.id}`)) as { unit: { contact: string } }
  const record = (await json(`/api/units/${unit.id}/record`)) as { unit: { contact: string } } | null
  const history = (await json(`/api/units/${unit.id}/history`)) as { changes: { after: { contact?: string } }[] }
  const csv = await (await app.request(`/api/units/export?format=csv&area=530626`, { headers })).text()
  const geojson = (await json(`/api/units/export?format=geojson&area=530626`)) as { features: { id: number; properties: Record<string, string> }[] }
  return {
    detail: detail.unit.contact,
    record: record?.unit.contact,
    history: history.changes.at(-1)?.after.contact,
    csv: csv.split('\r\n').find((line) => line.includes(unit.name))?.includes(CONTACT) ? CONTACT : csv.includes(MASKED) ? MASKED : '',
    geojson: Object.values(geojson.features.find((f) => f.id === unit.id)?.properties ?? {}).find((v) => typeof v === 'string' && v.startsWith('张三')) ?? '',
  }
}

describe('contacts in every answer that carries them', () => {
  test('the area editor writes the contact and sees it whole in the answer', async () => {
    expect(await setContact(CONTACT)).toBe(CONTACT)
  })

  test.each([
    ['admin', CONTACT],
    ['suijiang', CONTACT],
    ['suijiang-approver', CONTACT],
    ['shuifu', MASKED],
    ['looker', MASKED],
  ])('%s sees %s', async (who, expected) => {
    expect(await contactsSeenBy(cookies[who])).toEqual({ detail: expected, record: expected, history: expected, csv: expected, geojson: expected })
  })

  test('anonymous callers see no contact at all', async () => {
    expect(await contactsSeenBy(undefined)).toEqual({ detail: '', record: undefined, history: undefined, csv: '', geojson: '' })
  })
})

describe('maskPhones and contactFor', () => {
  test('mobiles keep 3 + 4 digits, landlines their area code and last 4, other long numbers their last 4; text and dates stay', () => {
    expect(maskPhones('13812345678')).toBe('138****5678')
    expect(maskPhones('+86 138 1234 5678')).toBe('+86 138****5678')
    expect(maskPhones('138-1234-5678')).toBe('138****5678')
    expect(maskPhones('0870-1234567')).toBe('0870-***4567')
    expect(maskPhones('(010)87654321')).toBe('(010)****4321')
    expect(maskPhones('08701234567')).toBe('0870***4567')
    expect(maskPhones('值班 12345678')).toBe('值班 ****5678')
    expect(maskPhones('4001234567')).toBe('******4567')
    expect(maskPhones('李四（2024-05-01 起）')).toBe('李四（2024-05-01 起）')
  })

  test('the rule by audience: anonymous nothing, viewers masked, scoped editors whole within their area only, admins whole', () => {
    const within = (scope: string) => scope === '530626'
    expect(contactFor(audienceOf('anonymous'), CONTACT, within)).toBe('')
    expect(contactFor(audienceOf('signed-in', [], { role: 'viewer', areaScope: null }), CONTACT, within)).toBe(MASKED)
    expect(contactFor(audienceOf('signed-in', [], { role: 'editor', areaScope: '530681' }), CONTACT, within)).toBe(MASKED)
    expect(contactFor(audienceOf('signed-in', [], { role: 'editor', areaScope: '530626' }), CONTACT, within)).toBe(CONTACT)
    expect(contactFor(audienceOf('signed-in', [], { role: 'editor', areaScope: null }), CONTACT, within)).toBe(CONTACT)
    expect(contactFor(audienceOf('signed-in', [], { role: 'admin', areaScope: null }), CONTACT, within)).toBe(CONTACT)
    expect(contactFor(audienceOf('signed-in'), CONTACT, within)).toBe(MASKED)
  })
})
