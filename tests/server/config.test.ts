import { describe, expect, it } from 'vitest'
import { ConfigError, readConfig } from '../../server/config'

describe('readConfig', () => {
  it('ATLAS_DATABASE_URL: a postgres:// URL selects PostgreSQL; anything else is named without its password', () => {
    expect(readConfig({ ATLAS_DATABASE_URL: 'postgres://atlas:secret@db:5432/atlas' }).databaseUrl).toBe('postgres://atlas:secret@db:5432/atlas')
    expect(() => readConfig({ ATLAS_DATABASE_URL: 'mysql://atlas:secret@db/atlas' })).toThrow('ATLAS_DATABASE_URL=mysql://atlas:***@db/atlas names mysql, not PostgreSQL')
    expect(() => readConfig({ ATLAS_DATABASE_URL: 'db.internal' })).toThrow('is not a URL (expected postgres://user:password@host:port/database)')
  })


  it('has defaults: port 8787, ./data, demo on, reads open, embedding by the atlas itself only', () => {
    expect(readConfig({}, '/srv/atlas')).toEqual({
      port: 8787,
      dataDir: '/srv/atlas/data',
      databaseUrl: null,
      demo: 'full',
      demoUnits: 20000,
      requireLogin: false,
      adminPassword: null,
      separationOfDuties: false,
      secadminPassword: null,
      auditorPassword: null,
      frameAncestors: ["'self'"],
      allowedOrigins: [],
      trustedProxies: [],
      sensitiveCategories: ['宗教活动场所'],
      workLimits: { exportsPerMinute: 12, plansPerMinute: 30, unitExportsPerMinute: 12, briefsPerMinute: 6 },
      crypto: 'standard',
      auditRetentionDays: 180,
      auditHeadLogMinutes: 60,
      passwords: { minLength: 8, history: 5, maxAgeDays: 0 },
      sessions: { idleMinutes: 30, singleSession: false },
      mfa: 'off',
      accountIdleDays: 0,
      tls: null,
      hstsMaxAgeSeconds: 31_536_000,
      httpRedirectPort: null,
      backupPassphrase: null,
      scheduledBackups: null,
      alertWebhook: null,
      mapReview: { reviewNumber: null, unreviewedMarking: null },
    })
  })

  it('reads PORT, ATLAS_DATA_DIR, ATLAS_DEMO and the security settings', () => {
    const env = {
      PORT: '9000',
      ATLAS_DATA_DIR: '/var/atlas',
      ATLAS_DEMO: '0',
      ATLAS_REQUIRE_LOGIN: '1',
      ATLAS_ADMIN_PASSWORD: 'a-long-secret',
      ATLAS_SEPARATION_OF_DUTIES: '1',
      ATLAS_SECADMIN_PASSWORD: 'another-long-secret',
      ATLAS_AUDITOR_PASSWORD: 'a-third-long-secret',
      ATLAS_FRAME_ANCESTORS: "'self' https://portal.example.gov.cn",
      ATLAS_ALLOWED_ORIGINS: 'https://edit.example.gov.cn',
    }
    expect(readConfig(env, '/x')).toEqual({
      port: 9000,
      dataDir: '/var/atlas',
      databaseUrl: null,
      demo: 'none',
      demoUnits: 20000,
      requireLogin: true,
      adminPassword: 'a-long-secret',
      separationOfDuties: true,
      secadminPassword: 'another-long-secret',
      auditorPassword: 'a-third-long-secret',
      frameAncestors: ["'self'", 'https://portal.example.gov.cn'],
      allowedOrigins: ['https://edit.example.gov.cn'],
      trustedProxies: [],
      sensitiveCategories: ['宗教活动场所'],
      workLimits: { exportsPerMinute: 12, plansPerMinute: 30, unitExportsPerMinute: 12, briefsPerMinute: 6 },
      crypto: 'standard',
      auditRetentionDays: 180,
      auditHeadLogMinutes: 60,
      passwords: { minLength: 8, history: 5, maxAgeDays: 0 },
      sessions: { idleMinutes: 30, singleSession: false },
      mfa: 'off',
      accountIdleDays: 0,
      tls: null,
      hstsMaxAgeSeconds: 31_536_000,
      httpRedirectPort: null,
      backupPassphrase: null,
      scheduledBackups: null,
      alertWebhook: null,
      mapReview: { reviewNumber: null, unreviewedMarking: null },
    })
  })

  it('reads ATLAS_SENSITIVE_CATEGORIES: comma-, ，- or 、-separated names, or none', () => {
    expect(readConfig({ ATLAS_SENSITIVE_CATEGORIES: '宗教活动场所, 教育基地，军营、宗教活动场所' }).sensitiveCategories).toEqual(['宗教活动场所', '教育基地', '军营'])
    expect(readConfig({ ATLAS_SENSITIVE_CATEGORIES: 'none' }).sensitiveCategories).toEqual([])
    expect(() => readConfig({ ATLAS_SENSITIVE_CATEGORIES: ',,' })).toThrow('ATLAS_SENSITIVE_CATEGORIES=,, is not a list of category names')
  })

  it('reads ATLAS_TRUSTED_PROXIES: space-separated IP addresses, none by default; names a bad one', () => {
    expect(readConfig({}).trustedProxies).toEqual([])
    expect(readConfig({ ATLAS_TRUSTED_PROXIES: ' 127.0.0.1  ::1 10.0.0.2 ' }).trustedProxies).toEqual(['127.0.0.1', '::1', '10.0.0.2'])
    expect(() => readConfig({ ATLAS_TRUSTED_PROXIES: '127.0.0.1 10.0.0.0/8' })).toThrow(
      'ATLAS_TRUSTED_PROXIES: 10.0.0.0/8 is not an IP address (expected space-separated addresses, e.g. 127.0.0.1 ::1)',
    )
  })

  it('reads the 身份鉴别 settings: password length, history and age, idle minutes (fractions), single session', () => {
    const env = {
      ATLAS_PASSWORD_MIN_LENGTH: '12',
      ATLAS_PASSWORD_HISTORY: '0',
      ATLAS_PASSWORD_MAX_AGE_DAYS: '90',
      ATLAS_SESSION_IDLE_MINUTES: '0.05',
      ATLAS_SINGLE_SESSION: '1',
    }
    expect(readConfig(env)).toMatchObject({ passwords: { minLength: 12, history: 0, maxAgeDays: 90 }, sessions: { idleMinutes: 0.05, singleSession: true } })
    expect(() => readConfig({ ATLAS_PASSWORD_MIN_LENGTH: '6' })).toThrow('ATLAS_PASSWORD_MIN_LENGTH=6 is not a whole number from 8 to 128 (default 8)')
    expect(() => readConfig({ ATLAS_PASSWORD_HISTORY: '25' })).toThrow('ATLAS_PASSWORD_HISTORY=25 is not a whole number from 0 to 24 (default 5)')
    expect(() => readConfig({ ATLAS_PASSWORD_MAX_AGE_DAYS: '90d' })).toThrow('ATLAS_PASSWORD_MAX_AGE_DAYS=90d is not a whole number')
    expect(() => readConfig({ ATLAS_SESSION_IDLE_MINUTES: '0' })).toThrow('ATLAS_SESSION_IDLE_MINUTES=0 is not a number of minutes above 0')
    expect(() => readConfig({ ATLAS_SINGLE_SESSION: 'maybe' })).toThrow('ATLAS_SINGLE_SESSION=maybe is not a flag')
  })

  it('reads the national demo and its unit count', () => {
    expect(readConfig({ ATLAS_DEMO: 'national', ATLAS_DEMO_UNITS: '3000' })).toMatchObject({ demo: 'national', demoUnits: 3000 })
  })

  it('names bad values', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(ConfigError)
    expect(() => readConfig({ PORT: '70000' })).toThrow('PORT=70000 is not a port')
    expect(() => readConfig({ ATLAS_DEMO: 'maybe' })).toThrow('ATLAS_DEMO=maybe is not a demo mode')
    expect(() => readConfig({ ATLAS_DEMO_UNITS: '20k' })).toThrow('ATLAS_DEMO_UNITS=20k is not a whole number from 0 to 2000000 (default 20000)')
    expect(() => readConfig({ ATLAS_DEMO_UNITS: '-5' })).toThrow('ATLAS_DEMO_UNITS=-5 is not a whole number')
    expect(() => readConfig({ ATLAS_FRAME_ANCESTORS: 'portal.example.gov.cn/' })).toThrow(
      "ATLAS_FRAME_ANCESTORS: portal.example.gov.cn/ is not an origin (expected e.g. https://portal.example.gov.cn, or 'self')",
    )
  })

  it('reads the per-account limits of costly routes and names a bad one', () => {
    const env = { ATLAS_EXPORTS_PER_MINUTE: '3', ATLAS_PLANS_PER_MINUTE: '100', ATLAS_UNIT_EXPORTS_PER_MINUTE: '1', ATLAS_BRIEFS_PER_MINUTE: '2' }
    expect(readConfig(env).workLimits).toEqual({ exportsPerMinute: 3, plansPerMinute: 100, unitExportsPerMinute: 1, briefsPerMinute: 2 })
    expect(() => readConfig({ ATLAS_PLANS_PER_MINUTE: '0' })).toThrow('ATLAS_PLANS_PER_MINUTE=0 is not a number of requests a minute (expected a whole number 1–10000, e.g. 30)')
    expect(() => readConfig({ ATLAS_EXPORTS_PER_MINUTE: 'many' })).toThrow(ConfigError)
  })

  it('reads ATLAS_CRYPTO, ATLAS_AUDIT_RETENTION_DAYS (never under 180 days) and ATLAS_AUDIT_HEAD_LOG_MINUTES', () => {
    expect(readConfig({ ATLAS_CRYPTO: 'GM', ATLAS_AUDIT_RETENTION_DAYS: '365', ATLAS_AUDIT_HEAD_LOG_MINUTES: '0.5' })).toMatchObject({
      crypto: 'gm',
      auditRetentionDays: 365,
      auditHeadLogMinutes: 0.5,
    })
    expect(() => readConfig({ ATLAS_CRYPTO: 'sm' })).toThrow('ATLAS_CRYPTO=sm is not a crypto suite (expected standard or gm)')
    expect(() => readConfig({ ATLAS_AUDIT_RETENTION_DAYS: '90' })).toThrow(
      'ATLAS_AUDIT_RETENTION_DAYS=90 is under 180 days: 网络安全法 第二十一条 requires network logs to be kept at least six months (expected 180 or more)',
    )
    expect(() => readConfig({ ATLAS_AUDIT_RETENTION_DAYS: 'half a year' })).toThrow('ATLAS_AUDIT_RETENTION_DAYS=half a year is not a whole number of days')
    expect(() => readConfig({ ATLAS_AUDIT_HEAD_LOG_MINUTES: '0' })).toThrow('ATLAS_AUDIT_HEAD_LOG_MINUTES=0 is not a positive number (expected e.g. 60)')
  })

  it('reads HTTPS, 国密 and backup settings', () => {
    const config = readConfig({
      ATLAS_TLS_CERT: 'tls/atlas.crt', ATLAS_TLS_KEY: '/etc/atlas/atlas.key', ATLAS_HSTS_MAX_AGE: '600', ATLAS_HTTP_REDIRECT_PORT: '8080',
      ATLAS_CRYPTO: 'GM', ATLAS_BACKUP_PASSPHRASE: 'correct horse', ATLAS_BACKUP_DIR: 'backups', ATLAS_BACKUP_EVERY_HOURS: '0.5', ATLAS_BACKUP_KEEP: '3',
    }, '/srv/atlas')
    expect(config).toMatchObject({
      tls: { cert: '/srv/atlas/tls/atlas.crt', key: '/etc/atlas/atlas.key' },
      hstsMaxAgeSeconds: 600,
      httpRedirectPort: 8080,
      crypto: 'gm',
      backupPassphrase: 'correct horse',
      scheduledBackups: { dir: '/srv/atlas/backups', everyHours: 0.5, keep: 3 },
    })
  })

  it('refuses half a TLS setting, a redirect port without TLS, an unknown crypto suite and bad backup numbers, by name', () => {
    expect(() => readConfig({ ATLAS_TLS_CERT: 'a.crt' })).toThrow('ATLAS_TLS_CERT and ATLAS_TLS_KEY go together: ATLAS_TLS_KEY is not set')
    expect(() => readConfig({ ATLAS_HTTP_REDIRECT_PORT: '80' })).toThrow('ATLAS_HTTP_REDIRECT_PORT=80 needs HTTPS to redirect to')
    expect(() => readConfig({ ATLAS_TLS_CERT: 'a', ATLAS_TLS_KEY: 'b', ATLAS_HTTP_REDIRECT_PORT: 'http' })).toThrow('ATLAS_HTTP_REDIRECT_PORT=http is not a port')
    expect(() => readConfig({ ATLAS_CRYPTO: 'sm4' })).toThrow(new ConfigError('ATLAS_CRYPTO=sm4 is not a crypto suite (expected standard or gm)'))
    expect(() => readConfig({ ATLAS_BACKUP_EVERY_HOURS: '0' })).toThrow('ATLAS_BACKUP_EVERY_HOURS=0 is not a number of hours')
    expect(() => readConfig({ ATLAS_BACKUP_KEEP: '0' })).toThrow('ATLAS_BACKUP_KEEP=0 is not a whole number from 1 to 10000 (default 7)')
    expect(() => readConfig({ ATLAS_HSTS_MAX_AGE: '1.5' })).toThrow('ATLAS_HSTS_MAX_AGE=1.5 is not a whole number from 0 to 315360000')
  })

  it('reads ATLAS_ALERT_WEBHOOK: an http(s) URL, none by default; names a bad one', () => {
    expect(readConfig({ ATLAS_ALERT_WEBHOOK: ' https://im.example.gov.cn/hooks/atlas?key=k1 ' }).alertWebhook).toBe('https://im.example.gov.cn/hooks/atlas?key=k1')
    expect(readConfig({ ATLAS_ALERT_WEBHOOK: 'http://10.0.0.5:8080/atlas' }).alertWebhook).toBe('http://10.0.0.5:8080/atlas')
    expect(readConfig({ ATLAS_ALERT_WEBHOOK: '' }).alertWebhook).toBeNull()
    expect(() => readConfig({ ATLAS_ALERT_WEBHOOK: 'ftp://example.gov.cn/atlas' })).toThrow(
      new ConfigError('ATLAS_ALERT_WEBHOOK=ftp://example.gov.cn/atlas is not an http(s) URL (expected e.g. https://im.example.gov.cn/hooks/atlas)'),
    )
    expect(() => readConfig({ ATLAS_ALERT_WEBHOOK: 'im.example.gov.cn/hooks' })).toThrow('ATLAS_ALERT_WEBHOOK=im.example.gov.cn/hooks is not an http(s) URL')
  })

  it('reads ATLAS_MAP_REVIEW_NUMBER and ATLAS_MAP_UNREVIEWED_MARKING: one line each, none by default', () => {
    expect(readConfig({}).mapReview).toEqual({ reviewNumber: null, unreviewedMarking: null })
    expect(readConfig({ ATLAS_MAP_REVIEW_NUMBER: ' 云S(2024)001号 ', ATLAS_MAP_UNREVIEWED_MARKING: '内部资料 注意保存' }).mapReview).toEqual({
      reviewNumber: '云S(2024)001号',
      unreviewedMarking: '内部资料 注意保存',
    })
    expect(() => readConfig({ ATLAS_MAP_REVIEW_NUMBER: 'GS\n2024' })).toThrow('ATLAS_MAP_REVIEW_NUMBER=GS\n2024 is not one line of at most 60 characters without control characters')
    expect(() => readConfig({ ATLAS_MAP_UNREVIEWED_MARKING: '内'.repeat(61) })).toThrow('ATLAS_MAP_UNREVIEWED_MARKING=')
  })

  it('reads ATLAS_MFA and names a bad one', () => {
    expect(readConfig({ ATLAS_MFA: 'Privileged' }).mfa).toBe('privileged')
    expect(() => readConfig({ ATLAS_MFA: 'yes' })).toThrow('ATLAS_MFA=yes is not a second-factor policy (expected off, privileged or all)')
  })
})