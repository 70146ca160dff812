// The fields of a unit ledger row, as an import maps columns to them: the server's header mapping and the
// import wizard's column dropdowns use this one list.

export const UNIT_FIELDS = [
  'name',
  'category',
  'level',
  'yearNamed',
  'status',
  'lon',
  'lat',
  'areaCode',
  'area',
  'address',
  'contact',
  'externalId',
  'notes',
] as const
export type UnitField = (typeof UNIT_FIELDS)[number]

/** Fields whose columns are joined with a space when several columns name them. */
export const MULTI_COLUMN_FIELDS: ReadonlySet<UnitField> = new Set<UnitField>(['address', 'contact', 'notes'])

/** What the wizard and the import's messages call each field. */
export const FIELD_LABELS: Readonly<Record<UnitField, string>> = {
  name: '单位名称',
  category: '类别',
  level: '命名级别',
  yearNamed: '命名年份',
  status: '状态',
  lon: '经度',
  lat: '纬度',
  areaCode: '行政区划代码',
  area: '所属乡镇',
  address: '地址',
  contact: '联系人',
  externalId: '编号',
  notes: '备注',
}
