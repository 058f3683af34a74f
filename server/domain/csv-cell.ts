/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break; text starting with
 * = + - @ (or a tab or carriage return) is prefixed with ' so a spreadsheet shows it rather than
 * running it as a formula — names in a hall's files are typed by people.
 */
export function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
