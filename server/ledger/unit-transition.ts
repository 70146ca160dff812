// A request to move units along the naming workflow, checked against the workflow table
// (server/shared/workflow.ts) for each unit: is there such a step from where the unit is, may this role take
// it, and what level and year does a naming give. Area scope is checked by the caller (unitWriteRefusal),
// as for every other write to a unit.
import type { StatusMove, StoredUnit } from '../db/store'
import { DomainError } from '../domain-error'
import { FIRST_NAMING_YEAR } from './unit-edit'
import { HONOUR_LEVELS, type HonourLevel, type UnitStatus } from '../shared/domain'
import { namingLevelRefusal, stepRoleRefusal, stepsFrom, workflowStep, type WorkflowActor, type WorkflowStep } from '../shared/workflow'

export interface TransitionRequest {
  to: UnitStatus
  reason: string
  level?: HonourLevel // for a naming: the level it gives (default: the level the unit applied for)
  year?: number // for a naming: the year it is dated (default: this year)
  document?: string // the decision, e.g. 昭市民宗〔2022〕15号
}

/**
 * The moves that take every unit in `units` to `request.to`, all checked before any is made; throws the
 * DomainError for the first unit refused: 'conflict' (no such step), 'forbidden' (not this actor's step or
 * level) or 'invalid' (a missing reason, level or year).
 */
export function plannedMoves(units: readonly StoredUnit[], request: TransitionRequest, actor: WorkflowActor, today: string): StatusMove[] {
  return units.map((unit) => {
    const step = workflowStep(unit.status, request.to, { current: unit.level, next: request.level ?? null })
    if (!step) throw new DomainError('conflict', `${unitLabel(unit)}为${unit.status}：${unit.status} → ${request.to} 不是命名流程中的一步（从${unit.status}可以：${nextSteps(unit.status)}）`)
    const roleRefusal = stepRoleRefusal(actor, step)
    if (roleRefusal) throw new DomainError('forbidden', `${roleRefusal}（${unitLabel(unit)}）`)
    if (step.reasonRequired && request.reason.trim() === '') {
      throw new DomainError('invalid', `reason: ${step.label}（${unit.status} → ${step.to}）要写明原因，例如“复查不合格”（${unitLabel(unit)}）`)
    }
    const naming = step.naming === null ? undefined : { level: namingLevel(unit, step, request), year: namingYear(request, today) }
    if (naming) {
      const levelRefusal = namingLevelRefusal(actor, naming.level)
      if (levelRefusal) throw new DomainError('forbidden', `${levelRefusal}（${unitLabel(unit)}）`)
    }
    return { id: unit.id, from: unit.status, to: step.to, version: unit.version, ...(naming ? { naming } : {}) }
  })
}

function namingLevel(unit: StoredUnit, step: WorkflowStep, request: TransitionRequest): HonourLevel {
  const level = request.level ?? unit.level
  if (level === null) {
    throw new DomainError('invalid', `level: ${step.label}要给出命名级别（expected one of ${HONOUR_LEVELS.join(', ')}）（${unitLabel(unit)}）`)
  }
  if (step.naming === 'same-level' && unit.level !== null && level !== unit.level) {
    throw new DomainError('invalid', `level: ${step.label}保持原级别 ${unit.level}，不是 ${level}；晋级命名请转为命名并给出更高的级别（${unitLabel(unit)}）`)
  }
  return level
}

function namingYear(request: TransitionRequest, today: string): number {
  const thisYear = Number(today.slice(0, 4))
  const year = request.year ?? thisYear
  if (year < FIRST_NAMING_YEAR || year > thisYear) throw new DomainError('invalid', `year: ${year} is not a naming year (expected ${FIRST_NAMING_YEAR}–${thisYear})`)
  return year
}

function nextSteps(status: UnitStatus): string {
  const steps = stepsFrom(status)
  return steps.length === 0 ? '无' : [...new Set(steps.map((s) => `${s.label} → ${s.to}`))].join('、')
}

/** How messages name a unit: 单位 #12“绥江县中城镇中学”. */
export function unitLabel(unit: { id: number; name: string }): string {
  return `单位 #${unit.id}“${unit.name}”`
}
