/**
 * Reads a catalogue import file — CSV (UTF-8, with or without a BOM, or GB18030 as spreadsheets
 * in Chinese offices save it) or XLSX — into rows. The header row names the columns:
 * `code,name,area,department,aliases` (Chinese headers 事项编码, 事项名称, 区域, 部门, 别名 too).
 */
import { parse } from 'csv-parse/sync';
// Loaded when a workbook is read (in the import worker): a node's start does not pay for it.
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { CatalogueRow } from '../domain/catalogue';

type Column = 'code' | 'name' | 'area' | 'department' | 'aliases';

const HEADERS: Record<string, Column> = {
  code: 'code',
  事项编码: 'code',
  编码: 'code',
  name: 'name',
  事项名称: 'name',
  名称: 'name',
  area: 'area',
  区域: 'area',
  窗口区域: 'area',
  department: 'department',
  部门: 'department',
  实施部门: 'department',
  aliases: 'aliases',
  别名: 'aliases',
};

const REQUIRED: Column[] = ['code', 'name', 'area'];

/** The file cannot be read as a catalogue at all (not one row's problem). */
export class CatalogueFileError extends Error {
  constructor(
    readonly code: 'bad_file' | 'missing_columns' | 'too_many_rows',
    message: string,
  ) {
    super(message);
    this.name = 'CatalogueFileError';
  }
}

/** More rows than any hall has (Yuxi: 1,503); a bigger file is a mistake, not a catalogue. */
export const MAX_CATALOGUE_ROWS = 20_000;

function rowsFrom(table: string[][]): CatalogueRow[] {
  const [header, ...body] = table;
  if (!header) throw new CatalogueFileError('missing_columns', 'the file has no header row');
  const columns = header.map((h) => HEADERS[h.trim().toLowerCase()] ?? HEADERS[h.trim()] ?? null);
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0) throw new CatalogueFileError('missing_columns', `missing columns: ${missing.join(', ')}`);
  if (body.length > MAX_CATALOGUE_ROWS) throw new CatalogueFileError('too_many_rows', `more than ${MAX_CATALOGUE_ROWS} rows`);
  const rows: CatalogueRow[] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => !c.trim())) return;
    const row: CatalogueRow = { line: i + 2, code: '', name: '', area: '', department: '', aliases: '' };
    columns.forEach((column, j) => {
      if (column) row[column] = (cells[j] ?? '').trim();
    });
    rows.push(row);
  });
  return rows;
}

/** Bytes that are not valid UTF-8 are read as GB18030 (Excel's "CSV" on a Chinese Windows). */
function decodeText(bytes: Buffer): string {
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const text = utf8.includes('\uFFFD') ? iconv.decode(bytes, 'gb18030') : utf8;
  return text.replace(/^\uFEFF/, '');
}

export function readCatalogueCsv(bytes: Buffer): CatalogueRow[] {
  let table: string[][];
  try {
    table = parse(decodeText(bytes), { relax_column_count: true, skip_empty_lines: true });
  } catch (err) {
    throw new CatalogueFileError('bad_file', `not a CSV file: ${(err as Error).message}`);
  }
  return rowsFrom(table);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result);
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    // An error cell (#N/A, #REF! …) reads as its error text, never as "[object Object]".
    if ('error' in value) return String(value.error);
    return '';
  }
  return String(value);
}

export async function readCatalogueXlsx(bytes: Buffer): Promise<CatalogueRow[]> {
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new CatalogueFileError('bad_file', `not an XLSX file: ${(err as Error).message}`);
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new CatalogueFileError('bad_file', 'the workbook has no sheet');
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    // ExcelJS rows are 1-based; values[0] is always empty.
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    table.push(cells);
  });
  return rowsFrom(table);
}

/** XLSX files are ZIP archives: they start with `PK`. */
export function isXlsx(bytes: Buffer): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export async function readCatalogueFile(bytes: Buffer): Promise<CatalogueRow[]> {
  return isXlsx(bytes) ? readCatalogueXlsx(bytes) : readCatalogueCsv(bytes);
}
