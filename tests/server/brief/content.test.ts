// The briefing's content and words against the demo dataset seeded on a fixed date (2026-11-23): 绥江县 holds
// the real figures 省级 4, 市级 11, 县级 20 at the end of 2025.
import { afterAll, describe, expect, it } from 'vitest'
import { briefContent } from '../../../server/brief/content'
import { briefDocument, changeWords, type BriefDocument } from '../../../server/brief/layout'
import { parsePeriod } from '../../../server/brief/period'
import { openSqliteStore } from '../../../server/db/sqlite-store'
import { coverageByArea } from '../../../server/geo/coverage'
import { seedDemo } from '../../../server/seed/seed-store'
import { audienceOf } from '../../../server/shared/audience'
import type { Inspection } from '../../../server/shared/domain'
import { buildSnapshot } from '../../../server/snapshot'
import { TODAY } from '../demo-app'

const store = openSqliteStore(':memory:')
seedDemo(store, TODAY)
afterAll(() => store.close())
const snapshot = store.snapshot()
const staff = audienceOf('signed-in')
const anonymous = audienceOf('anonymous')

const brief = (area: string, period: string, audience = staff, lang: 'zh' | 'en' = 'zh', from = snapshot) =>
  briefDocument(briefContent(from, { area, period: parsePeriod(period), today: TODAY }, audience), lang)

function textOf(document: BriefDocument): string {
  const parts = [document.title, document.number, document.date, document.sampleMark ?? '', document.source]
  for (const block of document.blocks) {
    if (block.kind === 'table') parts.push(block.caption, ...block.header, ...block.rows.flat())
    else if (block.kind === 'photos') parts.push(block.caption, ...block.photos.map((p) => p.label))
    else parts.push(block.kind === 'figure' ? block.caption : block.text)
  }
  return parts.join('\n')
}

describe('changeWords', () => {
  it('gives the growth rate in words, and never a rate over zero', () => {
    expect(changeWords(5, 4, 'zh')).toBe('同比增长 25%')
    expect(changeWords(2, 6, 'zh')).toBe('同比下降 66.7%')
    expect(changeWords(3, 3, 'zh')).toBe('与上年同期持平')
    expect(changeWords(3, 0, 'zh')).toBe('上年同期为 0，无法计算增幅')
    expect(changeWords(0, 0, 'zh')).toBe('与上年同期持平（均为 0）')
    expect(changeWords(5, 4, 'en')).toBe('up 25% on the same period last year')
  })
})

describe('briefContent and briefDocument', () => {
  it('titles the briefing in the register of a government 工作简报', () => {
    const document = brief('530600', '2025Q3')
    expect(document.title).toBe('昭通市民族团结进步示范创建工作简报（2025年第三季度）')
    expect(document.number).toBe('〔2026〕第　　期')
    expect(document.date).toBe('2026年11月23日')
    expect(document.blocks.filter((b) => b.kind === 'heading').map((b) => (b as { text: string }).text)).toEqual([
      '一、总体情况', '二、示范单位分布图', '三、各地创建情况', '四、目标任务进展', '五、到期复查提醒', '六、督导检查情况', '七、新命名示范单位', '八、数据质量说明',
    ])
  })

  it('states the totals and the change against the same period a year earlier in words and numbers', () => {
    const content = briefContent(snapshot, { area: '530626', period: parsePeriod('2025'), today: TODAY }, staff)
    expect(content.stock).toMatchObject({ total: 35, byLevel: { 国家级: 0, 省级: 4, 市级: 11, 县级: 20 } })
    expect(content.named.total).toBe(6)
    expect(content.namedBefore.total).toBe(3)
    const text = textOf(briefDocument(content, 'zh'))
    expect(text).toContain('截至2025年12月31日，绥江县共有命名示范单位 35 个，其中省级 4 个、市级 11 个、县级 20 个，较2024年末增加 6 个')
    expect(text).toContain('2025年新增命名示范单位 6 个（上年同期 3 个），同比增长 100%')
    expect(text).toContain('新增命名市级示范单位 3 个，上年同期为 0，无法计算增幅')
    expect(text).toContain('新增命名县级示范单位 3 个，与上年同期持平')
  })

  it('says a period with no namings and none a year earlier is unchanged, without a growth rate', () => {
    const content = briefContent(snapshot, { area: '530626', period: parsePeriod('2026-03'), today: TODAY }, staff)
    expect([content.named.total, content.namedBefore.total]).toEqual([0, 0])
    const text = textOf(briefDocument(content, 'zh'))
    expect(text).toContain('2026年3月无新增命名示范单位，上年同期亦无新增，与上年同期持平。')
    expect(text).not.toMatch(/增长|%（上年同期/)
  })

  it('fills the table by child area from the coverage functions', () => {
    const document = brief('530600', '2025')
    const table = document.blocks.find((b) => b.kind === 'table')
    if (table?.kind !== 'table') throw new Error('no table')
    expect(table.header).toEqual(['地区', '合计', '国家级', '省级', '市级', '县级', '七进完整度', '乡镇（街道）覆盖率'])
    const coverage = coverageByArea(snapshot, { level: 'county', parent: '530600', year: 2025, today: TODAY })
    const suijiang = coverage.areas.find((a) => a.code === '530626')
    const row = table.rows.find((r) => r[0] === '绥江县')
    expect(row).toEqual(['绥江县', String(suijiang?.total), '0', '4', '11', '20', `${suijiang?.categoriesCovered}/7`, '5/5（100%）'])
    expect(table.rows).toHaveLength(coverage.areas.length + 1)
    expect(table.rows.at(-1)?.[0]).toBe('合计')
  })

  it('flags targets behind schedule as 滞后', () => {
    const document = brief('530626', '2025')
    const targets = document.blocks.find((b) => b.kind === 'table' && b.caption.includes('创建目标进展'))
    if (targets?.kind !== 'table') throw new Error('no target table')
    expect(targets.rows).toContainEqual(['绥江县', '示例目标：示范宗教活动场所2个', '1/2', '50%', '2025', '滞后'])
  })

  it('marks sample data (示例数据) whenever some is in it, and not otherwise', () => {
    expect(brief('530626', '2025').sampleMark).toContain('示例数据')
    expect(brief('530626', '2025').source).toContain('含示例数据')
    const real = buildSnapshot(1, { ...snapshot, areas: [...snapshot.areas], units: snapshot.units.map((u) => ({ ...u, sample: false })), schemes: [...snapshot.schemes], targets: [...snapshot.targets], inspections: [...snapshot.inspections] })
    const document = brief('530626', '2025', staff, 'zh', real)
    expect(document.sampleMark).toBeNull()
    expect(textOf(document)).not.toContain('示例数据】')
  })

  it('gives anonymous readers the public version: sensitive units summarised, and the source line says so', () => {
    const sensitive = snapshot.units.filter((u) => u.category === '宗教活动场所').map((u) => u.name)
    const full = textOf(brief('530600', '2025'))
    const shown = textOf(brief('530600', '2025', anonymous))
    expect(sensitive.some((name) => full.includes(name))).toBe(true)
    expect(sensitive.filter((name) => shown.includes(name))).toEqual([])
    expect(shown).toContain('（公开版：敏感类别单位已汇总）')
    expect(full).not.toContain('公开版')
  })

  it('lists namings made in the period, namings due for 复查 and units that cannot be placed', () => {
    const content = briefContent(snapshot, { area: '530600', period: parsePeriod('2025Q3'), today: TODAY }, staff)
    expect(content.newNamings.every((n) => n.on >= '2025-07-01' && n.on <= '2025-09-30')).toBe(true)
    expect(content.newNamings).toHaveLength(content.named.total)
    expect(content.reviewsDue.map((r) => r.expiresOn)).toEqual([...content.reviewsDue.map((r) => r.expiresOn)].sort())
    expect(content.dataIssues).toEqual([{ unitName: '乌峰民族团结示范街区', kind: 'area-mismatch', claimed: '乌峰街道（530627001）', located: '角奎街道（530628001）' }])
  })

  it('writes English headings and labels with lang=en', () => {
    const document = brief('530626', '2025Q3', staff, 'en')
    expect(document.title).toBe('绥江县 Ethnic Unity and Progress Demonstration Work Briefing (Q3 2025)')
    expect(document.blocks[0]).toEqual({ kind: 'heading', level: 1, text: '1. Overview' })
  })

  it('refuses a period that has not begun and an area the store lacks, naming them', () => {
    expect(() => brief('530626', '2027')).toThrow('period: 2027 has not begun (today is 2026-11-23)')
    expect(() => brief('530699', '2025')).toThrow('area: 530699 is not an area in the store')
  })
})

describe('the 督导 section', () => {
  // Fixed visits to four units of 绥江县 (the demo's 45 units, 38 of them due for visits by 2025-09-30), in 2025Q3 and once before it.
  const unitNamed = (name: string) => snapshot.units.find((u) => u.name === name)!.id
  const [a, b, c, sensitive] = ['绥江县农业农村局', '绥江电力有限公司', '新滩民族小学', '新滩清真寺'].map(unitNamed)
  const photo = (n: number, mime: 'image/jpeg' | 'image/png' | 'image/webp' = 'image/jpeg') => ({ sha256: String(n).repeat(64).slice(0, 64), mime, width: 1600, height: 1200, bytes: 1000, takenAt: null, exifLocationKept: false })
  const check = (...results: ('达标' | '基本达标' | '不达标')[]) => results.map((result, i) => ({ item: `项目${i}`, result, note: '' }))
  const visit = (id: number, unitId: number, date: string, fields: Partial<Inspection>): Inspection => ({
    id, unitId, date, inspector: '张三', inspectors: ['张三'], findings: '', followUp: '', checklist: [], rating: null, followUpDue: null, followUpClosedAt: null,
    followUpClosedBy: '', createdBy: 'field', createdAt: null, version: 1, clientId: null, gps: null, photos: [], ...fields,
  })
  const inspections: Inspection[] = [
    visit(1, a, '2025-07-10', { rating: '优秀', checklist: check('达标', '达标', '基本达标'), photos: [photo(1)] }),
    visit(2, a, '2025-08-20', { rating: '良好', checklist: check('达标', '不达标'), followUp: '补充台账', followUpDue: '2025-09-01', photos: [photo(2, 'image/png'), photo(3, 'image/webp')] }),
    visit(3, b, '2025-09-05', { followUp: '更新宣传栏', followUpDue: '2025-12-31', photos: [photo(4), photo(5)] }),
    visit(4, sensitive, '2025-09-10', { rating: '不合格', checklist: check('不达标'), followUp: '整改', followUpDue: '2025-09-15', photos: [photo(6)] }),
    visit(5, b, '2025-06-30', { rating: '合格', photos: [photo(7)] }),
    visit(6, c, '2025-09-20', { rating: '合格', checklist: check('达标'), photos: [photo(8)] }),
  ]
  const fixed = buildSnapshot(2, { areas: [...snapshot.areas], units: [...snapshot.units], schemes: [...snapshot.schemes], targets: [...snapshot.targets], inspections })
  const contentFor = (audience: typeof staff) => briefContent(fixed, { area: '530626', period: parsePeriod('2025Q3'), today: TODAY }, audience)

  it('counts visits, units visited against those due, ratings, checklist points and follow-ups', () => {
    const content = contentFor(staff)
    expect(content.inspection).toEqual({
      visits: 5, unitsVisited: 4, unitsDue: 38, unitsDueVisited: 4,
      ratings: { 优秀: 1, 良好: 1, 合格: 1, 不合格: 1 }, unrated: 1,
      checks: { 达标: 4, 基本达标: 1, 不达标: 2 },
      openFollowUps: 3,
    })
    expect(content.overdueFollowUps).toBe(2)
    const text = textOf(briefDocument(content, 'zh'))
    expect(text).toContain('2025年第三季度共开展督导 5 次，涉及单位 4 个；截至2025年9月30日，应督导单位 38 个，本期已督导其中 4 个（10.5%），未按督导频次完成督导的单位 38 个；未完成整改事项 3 项，其中逾期 2 项。')
    expect(text).toContain('总体评价优秀 1 次、良好 1 次、合格 1 次、不合格 1 次、未评定 1 次；检查项目 7 项次，达标 4 项次、基本达标 1 项次、不达标 2 项次，达标率 57.1%。')
    expect(textOf(briefDocument(content, 'en'))).toContain('Ratings: excellent 1, good 1, adequate 1, inadequate 1, unrated 1; 7 checklist points: met 4, mostly met 1, not met 2, 57.1% met.')
  })

  it('shows signed-in readers up to four photos Word can show, newest visit first, one per visit before a second', () => {
    const content = contentFor(staff)
    expect(content.photos.map((p) => p.sha256[0])).toEqual(['8', '6', '4', '2'])
    expect(content.photos[0]).toMatchObject({ unitName: '新滩民族小学', date: '2025-09-20', mime: 'image/jpeg', width: 1600, height: 1200 })
    const block = briefDocument(content, 'zh').blocks.find((b) => b.kind === 'photos')
    expect(block).toMatchObject({ caption: '图2　督导现场照片（选登 4 张）', photos: [{ label: '新滩民族小学，2025年9月20日' }, {}, {}, {}] })
  })

  it('gives the public version the counts, no sensitive unit’s visit described, and no photos at all', () => {
    const content = contentFor(anonymous)
    expect(content.photos).toEqual([])
    expect(briefDocument(content, 'zh').blocks.some((b) => b.kind === 'photos')).toBe(false)
    expect(content.inspectionsHidden).toBe(1)
    expect(content.inspection).toMatchObject({ visits: 5, unitsVisited: 4, ratings: { 优秀: 1, 良好: 1, 合格: 1, 不合格: 0 }, checks: { 达标: 4, 基本达标: 1, 不达标: 1 }, openFollowUps: 2 })
    expect(content.overdueFollowUps).toBe(1)
    const text = textOf(briefDocument(content, 'zh'))
    expect(text).toContain('（其中敏感类别单位 1 次，不列明）')
    expect(text).toContain('已列明的督导中，总体评价优秀 1 次、良好 1 次、合格 1 次、不合格 0 次、未评定 1 次')
    expect(text).not.toContain('新滩清真寺')
  })
})
