// /brief: the 工作简报 of an area for a period. Pick the area, the period, the language and the format; 「生成预览」
// shows the page the PDF is printed from (map included, drawn by the server's renderer), 「下载」 fetches the Word
// or PDF file. What the caller may see decides the version: not signed in, the public one (the document says so).
import { useState } from 'react'
import { ancestorCodesOf } from '../../server/shared/area-codes'
import { briefUrl, fetchBriefPreview, fetchCurrentUser, type BriefQuery } from '../api/client'
import { useAsyncValue } from '../api/use-async-value'
import { AreaPicker } from '../panels/AreaPicker'
import { LedgerHeader } from '../panels/LedgerHeader'
import { PageMessages, type PageMessage } from '../panels/PageMessages'
import { currentQuarter, indexLabels, PERIOD_KINDS, periodChoiceOf, periodId, withKind, type PeriodChoice, type PeriodKind } from './period-choice'
import './brief.css'

type Format = 'docx' | 'pdf'

interface Preview {
  html: string
  of: string // the query it was made for: a changed picker makes it stale
}

function initialState() {
  const params = new URLSearchParams(window.location.search)
  const area = params.get('area')
  return {
    path: area && /^\d{6}(\d{3}){0,2}$/.test(area) ? ancestorCodesOf(area).reverse() : [],
    period: periodChoiceOf(params.get('period') ?? '') ?? currentQuarter(new Date().toISOString().slice(0, 10)),
    lang: params.get('lang') === 'en' ? ('en' as const) : ('zh' as const),
    format: params.get('format') === 'pdf' ? ('pdf' as const) : ('docx' as const),
  }
}

export function BriefApp() {
  const user = useAsyncValue(fetchCurrentUser, []).value
  const [initial] = useState(initialState)
  const [path, setPath] = useState<string[]>(initial.path)
  const [period, setPeriod] = useState<PeriodChoice>(initial.period)
  const [lang, setLang] = useState<'zh' | 'en'>(initial.lang)
  const [format, setFormat] = useState<Format>(initial.format)
  const [preview, setPreview] = useState<Preview | null>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<PageMessage | null>(null)
  const area = path.at(-1)
  const query: BriefQuery | null = area ? { area, period: periodId(period), lang } : null
  const queryKey = query ? JSON.stringify(query) : ''
  const thisYear = new Date().getFullYear()

  function remember(next: Partial<{ area: string; period: string; lang: string; format: string }>) {
    const url = new URL(window.location.href)
    for (const [key, value] of Object.entries(next)) url.searchParams.set(key, value)
    window.history.replaceState(null, '', url)
  }

  async function makePreview() {
    if (!query) return
    setBusy(true)
    setMessage(null)
    try {
      setPreview({ html: await fetchBriefPreview(query), of: queryKey })
    } catch (e) {
      setMessage({ text: e instanceof Error ? e.message : String(e), error: true })
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="ledger-page brief-page">
      <LedgerHeader title="工作简报" here="/brief" user={user} />

      <div className="brief-filters" role="search">
        <AreaPicker
          path={path}
          onChange={(next) => {
            setPath(next)
            if (next.length > 0) remember({ area: next[next.length - 1] })
          }}
        />
        <select
          aria-label="期间类型"
          value={period.kind}
          onChange={(e) => {
            const next = withKind(period, e.target.value as PeriodKind)
            setPeriod(next)
            remember({ period: periodId(next) })
          }}
        >
          {PERIOD_KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
        <select
          aria-label="年份"
          value={period.year}
          onChange={(e) => {
            const next = { ...period, year: Number(e.target.value) }
            setPeriod(next)
            remember({ period: periodId(next) })
          }}
        >
          {Array.from({ length: 10 }, (_, i) => thisYear - i).map((year) => (
            <option key={year} value={year}>
              {year}年
            </option>
          ))}
        </select>
        {period.kind !== 'year' && (
          <select
            aria-label="期间"
            value={period.index}
            onChange={(e) => {
              const next = { ...period, index: Number(e.target.value) }
              setPeriod(next)
              remember({ period: periodId(next) })
            }}
          >
            {indexLabels(period.kind).map((label, i) => (
              <option key={label} value={i + 1}>
                {label}
              </option>
            ))}
          </select>
        )}
        <select
          aria-label="语言"
          value={lang}
          onChange={(e) => {
            setLang(e.target.value === 'en' ? 'en' : 'zh')
            remember({ lang: e.target.value })
          }}
        >
          <option value="zh">中文</option>
          <option value="en">English</option>
        </select>
        <select
          aria-label="格式"
          value={format}
          onChange={(e) => {
            setFormat(e.target.value === 'pdf' ? 'pdf' : 'docx')
            remember({ format: e.target.value })
          }}
        >
          <option value="docx">Word（DOCX）</option>
          <option value="pdf">PDF</option>
        </select>
        <button type="button" className="button-primary" disabled={!query || busy} onClick={makePreview} data-testid="brief-preview-button">
          {busy ? '正在生成…' : '生成预览'}
        </button>
        {query ? (
          <a className="brief-download" href={briefUrl(query, format)} download data-testid="brief-download">
            下载{format === 'pdf' ? ' PDF' : ' Word'}
          </a>
        ) : (
          <span className="brief-hint">请先选择地区</span>
        )}
      </div>
      {!user && <p className="brief-hint brief-public">未登录：生成的是公开版简报，敏感类别单位只汇总数量。</p>}
      <PageMessages loadError={null} message={message} />

      <div className="brief-preview">
        {busy && <p className="brief-hint">正在生成简报（含地图绘制），约需数秒至十余秒…</p>}
        {preview ? (
          <iframe
            title="简报预览"
            className={preview.of === queryKey ? '' : 'is-stale'}
            srcDoc={preview.html}
            sandbox=""
            data-testid="brief-preview"
          />
        ) : (
          !busy && <p className="brief-hint">选择地区与期间后点击「生成预览」，预览即 PDF 的版面。</p>
        )}
      </div>
    </div>
  )
}
