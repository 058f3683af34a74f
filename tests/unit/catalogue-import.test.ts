/**
 * Catalogue imports: files read as a spreadsheet exported them (CSV in UTF-8 or GB18030, XLSX),
 * compared with the hall's catalogue before anything is applied.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CatalogueFileError, readCatalogueCsv, readCatalogueFile, readCatalogueXlsx } from '../../server/catalogue/catalogue-file';
import { diffCatalogue, type CatalogueItem, type CatalogueRow } from '../../server/domain/catalogue';

const AREAS = [
  { id: 'social', name: '社会事务' },
  { id: 'estate', name: '不动产联办' },
];

const item = (code: string, name: string, areaId = 'social', extra: Partial<CatalogueItem> = {}): CatalogueItem => ({
  code,
  name,
  areaId,
  department: null,
  aliases: [],
  enabled: true,
  ...extra,
});

const row = (line: number, code: string, name: string, area = 'social', extra: Partial<CatalogueRow> = {}): CatalogueRow => ({
  line,
  code,
  name,
  area,
  department: '',
  aliases: '',
  ...extra,
});

/** A Yuxi-sized catalogue: 1,503 items over the areas, as a table with a header row. */
function generatedTable(n = 1503): string[][] {
  const table = [['code', 'name', 'area', 'department', 'aliases']];
  for (let i = 0; i < n; i++) {
    const area = AREAS[i % AREAS.length]!;
    table.push([
      `11530400MB${String(i).padStart(6, '0')}`,
      `事项${i}号（${area.name}）`,
      i % 3 === 0 ? area.name : area.id,
      '民政局',
      i % 5 === 0 ? `别名${i}；又名${i}` : '',
    ]);
  }
  return table;
}

const csvOf = (table: string[][]) => table.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');

async function xlsxOf(table: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('事项');
  for (const r of table) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('comparing an import with the catalogue', () => {
  const current = [item('A1', '身份证换领'), item('A2', '户口迁移'), item('A3', '结婚登记'), item('A4', '旧事项', 'social', { enabled: false })];
  const file = [
    row(2, 'A1', '身份证换领'),
    row(3, 'A2', '户口迁移（市内）', '不动产联办', { aliases: '迁户口；落户' }),
    row(4, 'B9', '抵押登记', 'estate', { department: '不动产登记中心' }),
  ];

  it('merges by default: adds new codes, changes edited ones, keeps every item the file leaves out as it was', () => {
    const diff = diffCatalogue(current, file, AREAS);
    expect(diff.added.map((i) => i.code)).toEqual(['B9']);
    expect(diff.changed.map((c) => c.after.code)).toEqual(['A2']);
    expect(diff.disabled).toEqual([]);
    expect(diff.next.map((i) => [i.code, i.enabled])).toEqual([
      ['A1', true],
      ['A2', true],
      ['A3', true],
      ['A4', false],
      ['B9', true],
    ]);
  });

  it('replace (the explicit choice): adds, changes, and disables those the file leaves out, keeps the rest', () => {
    const diff = diffCatalogue(current, file, AREAS, 'replace');
    expect(diff.added).toEqual([item('B9', '抵押登记', 'estate', { department: '不动产登记中心' })]);
    expect(diff.changed).toEqual([{ before: item('A2', '户口迁移'), after: item('A2', '户口迁移（市内）', 'estate', { aliases: ['迁户口', '落户'] }) }]);
    expect(diff.disabled).toEqual([item('A3', '结婚登记', 'social', { enabled: false })]);
    expect(diff.problems).toEqual([]);
    expect(diff.next.map((i) => [i.code, i.enabled])).toEqual([
      ['A1', true],
      ['A2', true],
      ['A3', false],
      ['A4', false],
      ['B9', true],
    ]);
  });

  it('re-enables an item the file lists again', () => {
    const diff = diffCatalogue([item('A4', '旧事项', 'social', { enabled: false })], [row(2, 'A4', '旧事项')], AREAS);
    expect(diff.changed).toEqual([{ before: item('A4', '旧事项', 'social', { enabled: false }), after: item('A4', '旧事项') }]);
  });

  it('lists every problem with its line and column, and leaves those rows out', () => {
    const diff = diffCatalogue(
      [],
      [
        row(2, '', '无编码'),
        row(3, 'X 1', '编码有空格'),
        row(4, 'C1', ''),
        row(5, 'C2', '不存在的区域', '公积金'),
        row(6, 'C3', '好的'),
        row(7, 'C3', '重复编码'),
        row(8, 'C4', '太长'.repeat(61)),
      ],
      AREAS,
    );
    expect(diff.problems.map((p) => [p.line, p.code, p.field])).toEqual([
      [2, 'missing_code', 'code'],
      [3, 'bad_code', 'code'],
      [4, 'missing_name', 'name'],
      [5, 'unknown_area', 'area'],
      [7, 'duplicate_code', 'code'],
      [8, 'name_too_long', 'name'],
    ]);
    expect(diff.added.map((i) => i.code)).toEqual(['C3']);
  });
});

describe('reading catalogue files', () => {
  it('reads a UTF-8 CSV with a BOM, quoted commas and Chinese headers', () => {
    const text = '\uFEFF事项编码,事项名称,区域,部门,别名\r\n"A1","身份证换领, 补领",社会事务,公安局,"身份证；补证"\r\n\r\n';
    expect(readCatalogueCsv(Buffer.from(text))).toEqual([row(2, 'A1', '身份证换领, 补领', '社会事务', { department: '公安局', aliases: '身份证；补证' })]);
  });

  it('reads a CSV saved as GB18030 by a Chinese spreadsheet, rare characters included', () => {
    const bytes = iconv.encode('code,name,area\r\nA1,䶮字姓名变更𠀀,social\r\n', 'gb18030');
    expect(readCatalogueCsv(bytes)[0]?.name).toBe('䶮字姓名变更𠀀');
  });

  it('refuses a file without the required columns, naming them', () => {
    expect(() => readCatalogueCsv(Buffer.from('code,title\r\nA1,x\r\n'))).toThrow(new CatalogueFileError('missing_columns', 'missing columns: name, area'));
  });

  it('reads 1,503 rows from CSV and from XLSX alike, and the import adds them all', async () => {
    const table = generatedTable();
    const fromCsv = await readCatalogueFile(Buffer.from(csvOf(table)));
    const xlsx = await xlsxOf(table);
    const fromXlsx = await readCatalogueFile(xlsx);
    expect(fromCsv).toHaveLength(1503);
    expect(fromXlsx).toEqual(fromCsv);
    const diff = diffCatalogue([], fromXlsx, AREAS);
    expect(diff.problems).toEqual([]);
    expect(diff.added).toHaveLength(1503);
    expect(diff.added[5]!.aliases).toEqual(['别名5', '又名5']);
    expect(new Set(diff.added.map((i) => i.areaId))).toEqual(new Set(['social', 'estate']));
  });

  it('says a broken XLSX is not a catalogue', async () => {
    const bytes = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('not really a zip')]);
    await expect(readCatalogueXlsx(bytes)).rejects.toMatchObject({ code: 'bad_file' });
  });
});
