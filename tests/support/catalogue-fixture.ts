/**
 * A generated catalogue the size of Yuxi's (1,503 items) over the demo halls' eight areas, as CSV
 * and XLSX files: realistic names (a department, an action, an object), national-style codes, and
 * aliases on every tenth item.
 */
import ExcelJS from 'exceljs';

export const AREA_IDS = ['invest', 'estate', 'utility', 'tax', 'business', 'fund', 'insurance', 'police'];
const DEPARTMENTS = [
  '市场监管局',
  '公安局',
  '税务局',
  '人力资源社会保障局',
  '医疗保障局',
  '住房公积金中心',
  '不动产登记中心',
  '自然资源规划局',
  '民政局',
  '交通运输局',
];
const ACTIONS = ['申请', '变更登记', '注销登记', '备案', '核准', '年度报告', '补领', '换领', '查询', '证明开具', '延续', '迁移'];
const OBJECTS = [
  '食品经营许可',
  '道路运输经营许可',
  '医疗机构执业许可',
  '建筑业企业资质',
  '药品零售许可',
  '排污许可',
  '出版物经营许可',
  '旅行社业务经营许可',
  '烟草专卖零售许可',
  '社会团体登记',
  '民办非企业单位登记',
  '公共场所卫生许可',
  '特种设备使用登记',
  '城镇污水排入排水管网许可',
  '户外广告设施设置',
];

export interface FixtureRow {
  code: string;
  name: string;
  area: string;
  department: string;
  aliases: string;
}

/** `n` rows with distinct codes and names, spread over the areas. */
export function catalogueRows(n = 1503): FixtureRow[] {
  const rows: FixtureRow[] = [];
  for (let i = 0; i < n; i++) {
    const object = OBJECTS[i % OBJECTS.length]!;
    const action = ACTIONS[Math.floor(i / OBJECTS.length) % ACTIONS.length]!;
    const round = Math.floor(i / (OBJECTS.length * ACTIONS.length));
    rows.push({
      code: `11530400MB${String(i).padStart(6, '0')}`,
      name: `${object}${action}${round > 0 ? `（第${round + 1}类）` : ''}`,
      area: AREA_IDS[i % AREA_IDS.length]!,
      department: DEPARTMENTS[i % DEPARTMENTS.length]!,
      aliases: i % 10 === 0 ? `${object.slice(0, 2)}${action.slice(0, 2)}；${object.slice(-2)}` : '',
    });
  }
  return rows;
}

const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function catalogueCsv(rows: readonly FixtureRow[], header = 'code,name,area,department,aliases'): Buffer {
  const lines = [header, ...rows.map((r) => [r.code, r.name, r.area, r.department, r.aliases].map(quote).join(','))];
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

export async function catalogueXlsx(rows: readonly FixtureRow[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('事项目录');
  sheet.addRow(['事项编码', '事项名称', '区域', '部门', '别名']);
  for (const r of rows) sheet.addRow([r.code, r.name, r.area, r.department, r.aliases]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
