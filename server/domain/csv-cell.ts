/**
 * One CSV cell (RFC 4180), safe to open in a spreadsheet: every export (stats.csv, the report
 * across halls) writes its cells through this one rule.
 *
 * Names are typed by people (a hall, an area, a window), and a cell that starts with `=`, `+`, `-`,
 * `@`, a tab or a carriage return is read by Excel and WPS as a formula — `=HYPERLINK(...)` or
 * `+cmd|' /C calc'!A0` (CSV injection, OWASP). Such a text cell gets a leading `'`, which the
 * spreadsheet shows as plain text; numbers (a negative one included) are left as they are.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  const safe = typeof v === 'string' && FORMULA_START.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
