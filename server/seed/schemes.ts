// Category schemes shipped with the atlas. Schemes are data: a bureau edits or adds its own.
import type { Scheme } from '../shared/domain'

export const QIJIN: Scheme = {
  id: 'qijin',
  name: '七进',
  categories: ['机关', '企业', '社区', '乡镇', '学校', '连队', '宗教活动场所'],
  isDefault: true,
  visitsPerYear: 3, // the seeds' work plans: "对19个模范点进行不定期督导3次"
  note: '民族团结进步创建进机关、进企业、进社区、进乡镇、进学校、进连队、进宗教活动场所',
}

export const LIUJIN: Scheme = {
  id: 'liujin',
  name: '六进',
  categories: ['社区', '乡村', '学校', '企事业单位', '机关', '军营'],
  isDefault: false,
  visitsPerYear: 3,
  note: '示例方案（奎屯市）：进社区、进乡村、进学校、进企事业单位、进机关、进军营',
}

export const SHIJIN_SHICU: Scheme = {
  id: 'shijin-shicu',
  name: '十进十促',
  categories: ['机关', '企业', '乡镇', '社区', '学校', '宗教活动场所', '乡村', '家庭', '窗口单位', '公共文化服务场所'],
  isDefault: false,
  visitsPerYear: 3,
  note: '示例方案（绥江县“十进十促”）：十个类别为示意，请按本地实施方案修改',
}

export const SHIPPED_SCHEMES: readonly Scheme[] = [QIJIN, LIUJIN, SHIJIN_SHICU]
