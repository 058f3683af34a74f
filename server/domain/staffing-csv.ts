/** The staffing advice as a CSV file: one row per day, area and open hour, cells formula-safe. */
import { csvCell } from './csv-cell';
import type { StaffingDay } from './staffing';

export interface StaffingCsvHeadings {
  day: string;
  areaId: string;
  area: string;
  hour: string;
  expected: string;
  windows: string;
  configured: string;
  gap: string;
  p90WithConfigured: string;
  holdMinutes: string;
}

const COLUMNS: ReadonlyArray<keyof StaffingCsvHeadings> = [
  'day',
  'areaId',
  'area',
  'hour',
  'expected',
  'windows',
  'configured',
  'gap',
  'p90WithConfigured',
  'holdMinutes',
];

/** RFC 4180 with CRLF; `areaNames` gives each area's name as the hall calls it. */
export function staffingCsv(days: readonly StaffingDay[], areaNames: ReadonlyMap<string, string>, headings: StaffingCsvHeadings): string {
  const lines = [COLUMNS.map((c) => csvCell(headings[c]))];
  for (const d of days) {
    for (const a of d.areas) {
      for (const h of a.hours) {
        const row: Record<keyof StaffingCsvHeadings, string | number | null> = {
          day: d.day,
          areaId: a.areaId,
          area: areaNames.get(a.areaId) ?? a.areaId,
          hour: `${String(h.hour).padStart(2, '0')}:00`,
          expected: h.expected,
          windows: h.windows,
          configured: h.configured,
          gap: h.gap,
          p90WithConfigured: h.p90WithConfigured,
          holdMinutes: a.holdMinutes,
        };
        lines.push(COLUMNS.map((c) => csvCell(row[c])));
      }
    }
  }
  return lines.map((l) => l.join(',')).join('\r\n') + '\r\n';
}
