// A briefing as a Word document (docx package): A4, real headings in paragraph styles named 标题 1 and 标题 2
// (based on Word's Heading1/Heading2, so the navigation pane and a table of contents find them), real tables,
// CJK fonts declared for East Asian text, and the map figure as a PNG.
import {
  AlignmentType, BorderStyle, Document, ImageRun, Packer, Paragraph, Tab, Table, TableCell, TableRow, TabStopType, TextRun, WidthType,
  type IFontAttributesProperties,
} from 'docx'
import type { BriefBlock, BriefDocument } from './layout'

/** Body: 仿宋_GB2312 as 公文 are set (Word substitutes 仿宋 or 宋体 where it is missing); Latin text in Times New Roman. */
const BODY_FONT: IFontAttributesProperties = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312', cs: 'Times New Roman' }
const HEADING_FONT: IFontAttributesProperties = { ascii: 'Arial', hAnsi: 'Arial', eastAsia: '黑体', cs: 'Arial' }
const TABLE_FONT: IFontAttributesProperties = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体', cs: 'Times New Roman' }

export const HEADING_STYLE_IDS = { 1: 'BriefHeading1', 2: 'BriefHeading2' } as const

/** A4 in twentieths of a point; margins as the 公文 format sets them (37 mm top, 28 mm left, 35 mm bottom, 26 mm right). */
const A4 = { width: 11906, height: 16838 }
const MARGINS = { top: 2098, left: 1588, bottom: 1984, right: 1474 }
/** The text width in CSS pixels at 96 per inch, for the map figure. */
const TEXT_WIDTH_PX = Math.round(((A4.width - MARGINS.left - MARGINS.right) / 1440) * 96)

export interface MapFigure {
  png: Uint8Array
  widthPx: number
  heightPx: number
}

/** The pictures a briefing shows: the map, and the visits' photos' bytes by hash (a photo missing here is left out). */
export interface BriefPictures {
  map: MapFigure | null
  photos: ReadonlyMap<string, Uint8Array>
}

/** A photo's width in the two-up grid, CSS pixels: two side by side fill the text width with a gutter. */
const PHOTO_WIDTH_PX = Math.floor(TEXT_WIDTH_PX / 2) - 16
const PHOTO_MAX_HEIGHT_PX = Math.round(PHOTO_WIDTH_PX * 0.75)

export async function briefDocx(brief: BriefDocument, pictures: BriefPictures): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: brief.lang === 'zh' ? '工作简报' : 'WORK BRIEFING', color: 'C00000', size: 72, bold: true, font: HEADING_FONT })] }),
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: A4.width - MARGINS.left - MARGINS.right }],
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: 'C00000', space: 4 } },
      spacing: { after: 360 },
      children: [new TextRun({ text: brief.number }), new TextRun({ children: [new Tab(), brief.date] })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: brief.title, size: 36, bold: true, font: HEADING_FONT })] }),
  ]
  if (brief.sampleMark) children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: brief.sampleMark, color: 'C00000', bold: true })] }))
  for (const block of brief.blocks) children.push(...blockParts(block, pictures))
  children.push(new Paragraph({ spacing: { before: 360 }, border: { top: { style: BorderStyle.SINGLE, size: 6, color: '808080', space: 4 } }, children: [new TextRun({ text: brief.source, size: 21 })] }))

  const document = new Document({
    title: brief.title,
    creator: 'Unity Atlas',
    styles: {
      default: { document: { run: { font: BODY_FONT, size: 32 }, paragraph: { spacing: { line: 560, lineRule: 'exact' } } } },
      paragraphStyles: [
        headingStyle(1, '标题 1', 32),
        headingStyle(2, '标题 2', 32),
        { id: 'BriefTable', name: 'Brief Table', basedOn: 'Normal', run: { font: TABLE_FONT, size: 21 }, paragraph: { spacing: { line: 300, lineRule: 'auto' } } },
        { id: 'BriefCaption', name: 'Brief Caption', basedOn: 'Normal', run: { font: HEADING_FONT, size: 24 }, paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 120, after: 120, line: 360, lineRule: 'auto' } } },
      ],
    },
    sections: [{ properties: { page: { size: A4, margin: MARGINS } }, children }],
  })
  return Packer.toBuffer(document)
}

function headingStyle(level: 1 | 2, name: string, size: number) {
  return {
    id: HEADING_STYLE_IDS[level],
    name,
    basedOn: level === 1 ? 'Heading1' : 'Heading2',
    next: 'Normal',
    quickFormat: true,
    run: { font: HEADING_FONT, size, bold: level === 2, color: '000000' },
    paragraph: { outlineLevel: level - 1, spacing: { before: 240, after: 120 } },
  }
}

function blockParts(block: BriefBlock, { map, photos }: BriefPictures): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'heading':
      return [new Paragraph({ style: HEADING_STYLE_IDS[block.level], text: block.text })]
    case 'paragraph':
      return [new Paragraph({ indent: { firstLine: 640 }, children: [new TextRun(block.text)] })]
    case 'figure': {
      const caption = new Paragraph({ style: 'BriefCaption', children: [new TextRun(block.caption)] })
      if (!map) return [caption]
      const width = Math.min(TEXT_WIDTH_PX, map.widthPx)
      const height = Math.round((width * map.heightPx) / map.widthPx)
      return [new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: 'png', data: map.png, transformation: { width, height } })] }), caption]
    }
    case 'table':
      return [new Paragraph({ style: 'BriefCaption', children: [new TextRun(block.caption)] }), briefTable(block.header, block.rows)]
    case 'photos': {
      const shown = block.photos.flatMap((photo) => {
        const data = photos.get(photo.sha256)
        return data ? [{ ...photo, data }] : []
      })
      if (shown.length === 0) return []
      return [photoGrid(shown), new Paragraph({ style: 'BriefCaption', children: [new TextRun(block.caption)] })]
    }
  }
}

/** The photos two to a row, each scaled into PHOTO_WIDTH_PX × PHOTO_MAX_HEIGHT_PX with its label below; no borders. */
function photoGrid(photos: readonly (Extract<BriefBlock, { kind: 'photos' }>['photos'][number] & { data: Uint8Array })[]): Table {
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }
  const borders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none }
  const cell = (photo: (typeof photos)[number] | undefined) => {
    if (!photo) return new TableCell({ borders, children: [new Paragraph('')] })
    const scale = Math.min(PHOTO_WIDTH_PX / photo.width, PHOTO_MAX_HEIGHT_PX / photo.height, 1)
    const image = new ImageRun({ type: photo.mime === 'image/png' ? 'png' : 'jpg', data: photo.data, transformation: { width: Math.round(photo.width * scale), height: Math.round(photo.height * scale) } })
    return new TableCell({
      borders,
      children: [
        new Paragraph({ alignment: AlignmentType.CENTER, children: [image] }),
        new Paragraph({ style: 'BriefTable', alignment: AlignmentType.CENTER, children: [new TextRun(photo.label)] }),
      ],
    })
  }
  const rows: TableRow[] = []
  for (let i = 0; i < photos.length; i += 2) rows.push(new TableRow({ cantSplit: true, children: [cell(photos[i]), cell(photos[i + 1])] }))
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders, rows })
}

function briefTable(header: string[], rows: string[][]): Table {
  const cell = (text: string, head: boolean) =>
    new TableCell({
      shading: head ? { fill: 'E7E6E6' } : undefined,
      children: [new Paragraph({ style: 'BriefTable', alignment: head ? AlignmentType.CENTER : AlignmentType.LEFT, children: [new TextRun({ text, bold: head })] })],
    })
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }), ...rows.map((row) => new TableRow({ children: row.map((text) => cell(text, false)) }))],
  })
}
