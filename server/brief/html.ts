// A briefing as one self-contained HTML page (the map figure inline as a data: URL): what Chromium prints to
// the PDF, and what the /brief page previews. Every text is escaped; the page loads nothing from anywhere.
import type { BriefPictures } from './docx'
import type { BriefBlock, BriefDocument } from './layout'

/**
 * Fonts as 公文 name them first, then the Noto CJK faces Debian's fonts-noto-cjk installs (the server's
 * Chromium has those), so the PDF never falls back to boxes.
 */
const BODY_FONTS = `"仿宋_GB2312", "FangSong", "STFangsong", "Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Sans SC", serif`
const HEADING_FONTS = `"黑体", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif`

const STYLE = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
html { font-family: ${BODY_FONTS}; font-size: 16pt; line-height: 28pt; color: #000; }
body { margin: 0; }
@media screen { body { max-width: 160mm; margin: 0 auto; padding: 16mm 12mm; } }
.masthead { text-align: center; color: #c00000; font: bold 36pt/1.4 ${HEADING_FONTS}; margin: 0 0 12pt; }
.number { display: flex; justify-content: space-between; border-bottom: 2pt solid #c00000; padding-bottom: 4pt; margin-bottom: 18pt; }
h1.title { text-align: center; font: bold 18pt/1.5 ${HEADING_FONTS}; margin: 0 0 12pt; }
.sample { text-align: center; color: #c00000; font-weight: bold; font-size: 12pt; line-height: 18pt; }
h2 { font: 16pt/1.6 ${HEADING_FONTS}; margin: 12pt 0 6pt; break-after: avoid; }
h3 { font: bold 16pt/1.6 ${HEADING_FONTS}; margin: 12pt 0 6pt; break-after: avoid; }
p { text-indent: 2em; margin: 0; }
figure { margin: 6pt 0; text-align: center; break-inside: avoid; }
figure img { max-width: 100%; }
.photo-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 6pt; }
.photo-grid figure { margin: 0; }
.photo-grid img { width: 100%; height: 52mm; object-fit: contain; }
.photo-grid figcaption { font-size: 10.5pt; line-height: 15pt; }
.caption { text-align: center; font: 12pt/1.6 ${HEADING_FONTS}; margin: 6pt 0; break-after: avoid; }
table { width: 100%; border-collapse: collapse; font-size: 10.5pt; line-height: 15pt; margin-bottom: 6pt; }
th, td { border: 0.75pt solid #000; padding: 2pt 4pt; vertical-align: top; }
th { background: #e7e6e6; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.source { border-top: 0.75pt solid #808080; margin-top: 18pt; padding-top: 4pt; font-size: 10.5pt; line-height: 15pt; text-indent: 0; }
`

export function briefHtml(brief: BriefDocument, pictures: BriefPictures): string {
  const body = brief.blocks.map((block) => blockHtml(block, pictures)).join('\n')
  return `<!doctype html>
<html lang="${brief.lang === 'zh' ? 'zh-CN' : 'en'}">
<head><meta charset="utf-8"><title>${escapeHtml(brief.title)}</title><style>${STYLE}</style></head>
<body>
<div class="masthead">${brief.lang === 'zh' ? '工作简报' : 'WORK BRIEFING'}</div>
<div class="number"><span>${escapeHtml(brief.number)}</span><span>${escapeHtml(brief.date)}</span></div>
<h1 class="title">${escapeHtml(brief.title)}</h1>
${brief.sampleMark ? `<div class="sample">${escapeHtml(brief.sampleMark)}</div>` : ''}
${body}
<p class="source">${escapeHtml(brief.source)}</p>
</body>
</html>
`
}

function blockHtml(block: BriefBlock, { map, photos }: BriefPictures): string {
  switch (block.kind) {
    case 'heading':
      return block.level === 1 ? `<h2>${escapeHtml(block.text)}</h2>` : `<h3>${escapeHtml(block.text)}</h3>`
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>`
    case 'figure': {
      const image = map ? `<img src="data:image/png;base64,${Buffer.from(map.png).toString('base64')}" alt="${escapeHtml(block.caption)}">` : ''
      return `<figure>${image}<figcaption class="caption">${escapeHtml(block.caption)}</figcaption></figure>`
    }
    case 'table': {
      const head = `<thead><tr>${block.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>`
      const rows = block.rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('')
      return `<div class="caption">${escapeHtml(block.caption)}</div><table>${head}<tbody>${rows}</tbody></table>`
    }
    case 'photos': {
      const shown = block.photos.flatMap((photo) => {
        const data = photos.get(photo.sha256)
        return data ? [`<figure><img src="data:${photo.mime};base64,${Buffer.from(data).toString('base64')}" alt="${escapeHtml(photo.label)}"><figcaption>${escapeHtml(photo.label)}</figcaption></figure>`] : []
      })
      return shown.length === 0 ? '' : `<figure class="photos"><div class="photo-grid">${shown.join('')}</div><figcaption class="caption">${escapeHtml(block.caption)}</figcaption></figure>`
    }
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string)
}
