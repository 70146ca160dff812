// The basemap: offline boundaries (default), 天地图 with the user's key, or an XYZ / PMTiles URL. The
// choice is kept in localStorage by the page; a key never goes into the URL.
import { useState } from 'react'
import type { ViewLanguage } from '../../../server/shared/view-state'
import { basemapProblem, type BasemapChoice } from '../../map/basemaps'
import { t } from '../i18n'

// The PMTiles option's own words (the shared table's basemapUrl asks for {z}/{x}/{y}, which a PMTiles URL has not).
const PMTILES_WORDS: Record<'placeholder' | 'help', Record<ViewLanguage, string>> = {
  placeholder: { zh: 'PMTiles 文件地址（https://… 或 /…）', en: 'PMTiles file URL (https://… or /…)' },
  help: {
    zh: '一个 .pmtiles 文件（栅格或矢量瓦片），按需分段读取。其他网站上的文件须用 https，并允许跨域（CORS）和 Range 请求；矢量瓦片以浅灰简图显示，不含注记。',
    en: 'One .pmtiles file (raster or vector tiles), read in byte ranges. A file on another site must use https and allow CORS and Range requests; vector tiles are drawn as a plain light-grey map without labels.',
  },
}

type Kind = 'offline' | 'tianditu-vector' | 'tianditu-imagery' | 'xyz' | 'pmtiles'

function kindOf(choice: BasemapChoice): Kind {
  return choice.kind === 'tianditu' ? `tianditu-${choice.variant}` : choice.kind
}

export function BasemapPanel({ lang, choice, onChoice }: { lang: ViewLanguage; choice: BasemapChoice; onChoice(choice: BasemapChoice): void }) {
  const [kind, setKind] = useState<Kind>(kindOf(choice))
  const [key, setKey] = useState(choice.kind === 'tianditu' ? choice.key : '')
  const [url, setUrl] = useState(choice.kind === 'xyz' || choice.kind === 'pmtiles' ? choice.url : '')
  const draft: BasemapChoice =
    kind === 'offline'
      ? { kind: 'offline' }
      : kind === 'xyz' || kind === 'pmtiles'
        ? { kind, url: url.trim() }
        : { kind: 'tianditu', variant: kind === 'tianditu-vector' ? 'vector' : 'imagery', key: key.trim() }
  const problem = basemapProblem(draft)
  return (
    <section className="panel" aria-label={t(lang, 'basemap')} data-testid="basemap">
      <h2 className="panel-title">{t(lang, 'basemap')}</h2>
      <select
        aria-label={t(lang, 'basemap')}
        value={kind}
        onChange={(e) => {
          const next = e.target.value as Kind
          setKind(next)
          if (next === 'offline') onChoice({ kind: 'offline' })
        }}
      >
        <option value="offline">{t(lang, 'basemapOffline')}</option>
        <option value="tianditu-vector">{t(lang, 'basemapTiandituVector')}</option>
        <option value="tianditu-imagery">{t(lang, 'basemapTiandituImagery')}</option>
        <option value="xyz">{t(lang, 'basemapXyz')}</option>
        <option value="pmtiles">{t(lang, 'basemapPmtiles')}</option>
      </select>
      {kind.startsWith('tianditu') && <input type="text" placeholder={t(lang, 'basemapKey')} value={key} onChange={(e) => setKey(e.target.value)} />}
      {kind === 'xyz' && <input type="url" placeholder={t(lang, 'basemapUrl')} value={url} onChange={(e) => setUrl(e.target.value)} />}
      {kind === 'pmtiles' && (
        <>
          {/* type="text": a same-origin path ("/tiles/a.pmtiles") is a valid choice but not a valid type="url" value */}
          <input type="text" inputMode="url" placeholder={PMTILES_WORDS.placeholder[lang]} value={url} onChange={(e) => setUrl(e.target.value)} />
          <p className="hint muted">{PMTILES_WORDS.help[lang]}</p>
        </>
      )}
      {kind !== 'offline' && (
        <>
          {problem && <p className="field-problem">{problem}</p>}
          <button type="button" disabled={problem !== null} onClick={() => onChoice(draft)}>
            {t(lang, 'apply')}
          </button>
        </>
      )}
    </section>
  )
}
