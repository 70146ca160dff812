// Who must have a second factor (ATLAS_MFA): nobody (off, the default, so the demo and scripts sign in with a
// password), the roles that can change what others may do, read the trail or name units (privileged), or everyone (all).
// An account that must and has none signs in, is sent to enrol, and may write nothing else until it has.
import type { Role } from '../shared/roles'

export const MFA_POLICIES = ['off', 'privileged', 'all'] as const
export type MfaPolicy = (typeof MFA_POLICIES)[number]

const PRIVILEGED: readonly Role[] = ['admin', 'approver', 'secadmin', 'auditor']

export function mustHaveSecondFactor(policy: MfaPolicy, role: Role): boolean {
  return policy === 'all' || (policy === 'privileged' && PRIVILEGED.includes(role))
}
