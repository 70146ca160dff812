export interface SampleNoticeProps {
  sample: boolean // the figures include 示例数据
  schematic: boolean // a visible layer has 示意 (schematic) boundaries
  lang?: 'zh' | 'en' // zh
}

/** Says, wherever the map is shown, what on it is not real. */
export function SampleNotice({ sample, schematic, lang = 'zh' }: SampleNoticeProps) {
  if (!sample && !schematic) return null
  return (
    <div className="notice notice-sample" role="status" data-testid="sample-notice">
      {sample && <span>{lang === 'zh' ? '示例数据 · 单位名称与位置为演示用虚构数据' : 'Sample data · unit names and places are invented for the demo'}</span>}
      {schematic && <span>{lang === 'zh' ? '乡镇边界为示意' : 'Township boundaries are schematic (示意)'}</span>}
    </div>
  )
}
