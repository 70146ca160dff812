import { describe, expect, test } from 'vitest'
import { backupsToDelete, nextBackupDue, scheduledBackupName, scheduledBackups } from '../../../server/db/backup-rotation'

const names = ['atlas-20261121-020000.sqlite', 'notes.txt', 'atlas-20261123-020000.sqlite.enc', 'atlas-20261122-020000.sqlite', 'atlas.sqlite', 'atlas-20261120-020000.sqlite.enc.partial-1a2b']

describe('scheduled backup rotation', () => {
  test('names carry the UTC time and say whether they are encrypted', () => {
    expect(scheduledBackupName(new Date('2026-11-23T02:00:00Z'), false)).toBe('atlas-20261123-020000.sqlite')
    expect(scheduledBackupName(new Date('2026-11-23T02:00:00Z'), true)).toBe('atlas-20261123-020000.sqlite.enc')
  })

  test('only scheduled backups count, newest first; other files are never chosen for deletion', () => {
    expect(scheduledBackups(names)).toEqual(['atlas-20261123-020000.sqlite.enc', 'atlas-20261122-020000.sqlite', 'atlas-20261121-020000.sqlite'])
    expect(backupsToDelete(names, 2)).toEqual(['atlas-20261121-020000.sqlite'])
    expect(backupsToDelete(names, 7)).toEqual([])
    expect(backupsToDelete(names, 1)).toEqual(['atlas-20261122-020000.sqlite', 'atlas-20261121-020000.sqlite'])
  })

  test('the next backup is due a period after the newest, or now when there is none or it is overdue', () => {
    const day = 24 * 3_600_000
    const now = new Date('2026-11-23T09:00:00Z')
    expect(nextBackupDue(names, day, now).toISOString()).toBe('2026-11-24T02:00:00.000Z')
    expect(nextBackupDue(names, 3_600_000, now)).toEqual(now)
    expect(nextBackupDue(['notes.txt'], day, now)).toEqual(now)
  })
})
