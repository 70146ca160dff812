export interface SampleNoticeProps {
  sample: boolean // the figures include 示例数据
  schematic: boolean // a visible layer has 示意 (schematic) boundaries
}

/** Says, wherever the map is shown, what on it is not real. */
export function SampleNotice({ sample, schematic }: SampleNoticeProps) {
  if (!sample && !schematic) return null
  return (
    <div className="notice notice-sample" role="status" data-testid="sample-notice">
      {sample && <span>示例数据 · 单位名称与位置为演示用虚构数据</span>}
      {schematic && <span>乡镇边界为示意</span>}
    </div>
  )
}
