// The naming workflow table: which steps exist from each status, who may take them, and at which levels an
// approver may name.
import { describe, expect, test } from 'vitest'
import { UNIT_STATUSES, type UnitStatus } from '../../../server/shared/domain'
import { entryRefusal, namingLevelRefusal, namingLevels, stepRoleRefusal, stepsFor, stepsFrom, workflowStep, type WorkflowActor } from '../../../server/shared/workflow'

const actor = (role: WorkflowActor['role'], scopeLevel: WorkflowActor['scopeLevel'] = 'county'): WorkflowActor => ({ username: role, role, scopeLevel })
const targets = (status: UnitStatus) => stepsFrom(status).map((step) => step.to)

describe('the steps of the workflow', () => {
  test('培育 → 申报 → 推荐 → 验收 → 命名 → 复查 (again and again), 撤销 from every status but 撤销, and back to 培育 from 撤销', () => {
    expect(targets('培育')).toEqual(['申报', '撤销'])
    expect(targets('申报')).toEqual(['推荐', '培育', '撤销'])
    expect(targets('推荐')).toEqual(['验收', '培育', '撤销'])
    expect(targets('验收')).toEqual(['命名', '培育', '撤销'])
    expect(targets('命名')).toEqual(['复查', '命名', '撤销'])
    expect(targets('复查')).toEqual(['复查', '命名', '撤销'])
    expect(targets('撤销')).toEqual(['培育'])
    for (const status of UNIT_STATUSES.filter((s) => s !== '撤销')) expect(workflowStep(status, '撤销')?.reasonRequired).toBe(true)
  })

  test('a step the workflow does not have is null: no skipping from 培育 to 命名, no un-revoking to 命名', () => {
    expect(workflowStep('培育', '命名')).toBeNull()
    expect(workflowStep('申报', '验收')).toBeNull()
    expect(workflowStep('撤销', '命名')).toBeNull()
    expect(workflowStep('培育', '培育')).toBeNull()
  })

  test('命名 → 命名 is only a promotion to a higher level; a passed review is → 复查 at the same level', () => {
    expect(workflowStep('命名', '复查')?.action).toBe('review')
    expect(workflowStep('复查', '复查')?.action).toBe('review')
    expect(workflowStep('复查', '命名', { current: '县级', next: '市级' })?.action).toBe('promote')
    expect(workflowStep('复查', '命名', { current: '县级', next: '县级' })).toBeNull()
    expect(workflowStep('命名', '命名', { current: '市级', next: '县级' })).toBeNull()
    expect(workflowStep('命名', '命名', { current: '县级', next: '省级' })?.action).toBe('promote')
  })
})

describe('who may take a step', () => {
  test('editors apply and withdraw what is not yet recommended; approvers and admins decide', () => {
    expect(stepsFor(actor('editor'), '培育').map((s) => s.to)).toEqual(['申报', '撤销'])
    expect(stepsFor(actor('editor'), '申报').map((s) => s.to)).toEqual(['撤销'])
    expect(stepsFor(actor('editor'), '推荐')).toEqual([])
    expect(stepsFor(actor('editor'), '命名')).toEqual([])
    expect(stepsFor(actor('approver'), '验收').map((s) => s.to)).toEqual(['命名', '培育', '撤销'])
    expect(stepsFor(actor('viewer'), '培育')).toEqual([])
    expect(stepsFor(actor('admin', null), '撤销').map((s) => s.to)).toEqual(['培育'])
  })

  test('a refusal names the step, who may take it and who asked', () => {
    expect(stepRoleRefusal(actor('editor'), workflowStep('申报', '推荐')!)).toBe('审核推荐（申报 → 推荐）需要审批人或管理员；用户 editor 是编辑')
    expect(stepRoleRefusal(actor('approver'), workflowStep('申报', '推荐')!)).toBeNull()
  })

  test('an approver names up to the level of their area; a township approver names nothing; admins every level', () => {
    expect(namingLevels(actor('approver', 'county'))).toEqual(['县级'])
    expect(namingLevels(actor('approver', 'prefecture'))).toEqual(['县级', '市级'])
    expect(namingLevels(actor('approver', 'province'))).toEqual(['县级', '市级', '省级'])
    expect(namingLevels(actor('approver', null))).toEqual(['县级', '市级', '省级', '国家级'])
    expect(namingLevels(actor('approver', 'township'))).toEqual([])
    expect(namingLevels(actor('editor', null))).toEqual([])
    expect(namingLevels(actor('admin', 'county'))).toEqual(['县级', '市级', '省级', '国家级'])
    expect(namingLevelRefusal(actor('approver', 'county'), '市级')).toBe('用户 approver（审批人，范围为县级）只能命名县级，不能命名市级')
    expect(stepsFor(actor('approver', 'township'), '验收').map((s) => s.to)).toEqual(['培育', '撤销'])
  })

  test('a new unit starts at 培育 unless its writer could have moved it to its status', () => {
    expect(entryRefusal(actor('editor'), '培育', null)).toBeNull()
    expect(entryRefusal(actor('editor'), '申报', null)).toBeNull()
    expect(entryRefusal(actor('editor'), '命名', '县级')).toBe('用户 editor（编辑）不能新建状态为命名的单位：命名要经过命名授牌或晋级命名')
    expect(entryRefusal(actor('approver', 'county'), '命名', '县级')).toBeNull()
    expect(entryRefusal(actor('approver', 'county'), '命名', '国家级')).toContain('不能命名国家级')
    expect(entryRefusal(actor('admin', null), '复查', '国家级')).toBeNull()
  })
})
