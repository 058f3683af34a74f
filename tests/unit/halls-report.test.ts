/**
 * The report across halls' pure rules (`server/domain/halls-report.ts`): which halls a user may see,
 * and the CSV (a hall name typed by people is never a spreadsheet formula).
 */
import { describe, expect, it } from 'vitest';
import { ROLLUP_FORMAT } from '../../server/domain/day-rollup';
import { isDomainError } from '../../server/domain/errors';
import { hallsReportCsv, parseDaySummary, reportedHalls, type HallReportRow } from '../../server/domain/halls-report';
import { messages } from '../../server/i18n';

const EVERY = ['yuxi', 'tonghai', 'huaning'];

function refusal(fn: () => unknown): { code: string; field?: unknown } {
  try {
    fn();
  } catch (err) {
    if (isDomainError(err)) return { code: err.code, field: err.detail?.field };
    throw err;
  }
  throw new Error('not refused');
}

describe('which halls a report across halls covers', () => {
  it('gives an admin every hall, or those asked for (once each), and says which does not exist', () => {
    const admin = { role: 'admin', hallIds: [] };
    expect(reportedHalls(admin, null, EVERY)).toEqual(EVERY);
    expect(reportedHalls(admin, ['tonghai', 'yuxi', 'tonghai'], EVERY)).toEqual(['tonghai', 'yuxi']);
    expect(refusal(() => reportedHalls(admin, ['yuxi', 'nowhere'], EVERY))).toEqual({ code: 'hall_not_found', field: 'hallIds' });
  });

  it('gives a city manager their halls only, refusing any other the same way whether it exists or not', () => {
    const city = { role: 'city_manager', hallIds: ['huaning', 'yuxi', 'retired-hall'] };
    expect(reportedHalls(city, null, EVERY)).toEqual(['yuxi', 'huaning']);
    expect(reportedHalls(city, ['huaning'], EVERY)).toEqual(['huaning']);
    // A hall on the account that is no longer in service is left out, not an error.
    expect(reportedHalls(city, ['retired-hall', 'yuxi'], EVERY)).toEqual(['yuxi']);
    expect(refusal(() => reportedHalls(city, ['tonghai'], EVERY))).toEqual({ code: 'hall_not_reported', field: 'hallIds' });
    expect(refusal(() => reportedHalls(city, ['nowhere'], EVERY))).toEqual({ code: 'hall_not_reported', field: 'hallIds' });
  });

  it('gives a hall manager (or anyone else) nothing', () => {
    expect(refusal(() => reportedHalls({ role: 'manager', hallIds: [] }, null, EVERY)).code).toBe('forbidden');
  });
});

describe('the CSV and the stored day summary', () => {
  const row = (name: string): HallReportRow => ({
    hallId: 'x',
    name,
    days: 1,
    issued: 3,
    served: 2,
    noShow: 1,
    noShowRate: 0.3333,
    waitP50Seconds: 61.5,
    waitP90Seconds: null,
    ratings: 0,
    goodRate: null,
    badRatings: 0,
    overdueFollowUps: 0,
  });

  it('quotes what needs quoting and never starts a cell with a formula', () => {
    const csv = hallsReportCsv([row('=HYPERLINK("http://x")'), row('华宁县, "东"厅')], messages('en').reports.csv);
    const lines = csv.split('\r\n');
    expect(lines[1]).toBe(`x,"'=HYPERLINK(""http://x"")",3,2,1,0.3333,61.5,,0,,0,0`);
    expect(lines[2]).toBe('x,"华宁县, ""东""厅",3,2,1,0.3333,61.5,,0,,0,0');
    expect(lines[3]).toBe('');
  });

  it('reads a stored summary only if it is of this format and day', () => {
    expect(parseDaySummary(null, '2026-11-01')).toBeNull();
    expect(parseDaySummary('{"format":', '2026-11-01')).toBeNull();
    expect(parseDaySummary(JSON.stringify({ format: -1, kind: 'halls-summary', day: '2026-11-01' }), '2026-11-01')).toBeNull();
    const stored = {
      format: ROLLUP_FORMAT,
      kind: 'halls-summary',
      hallId: 'yuxi',
      day: '2026-11-02',
      total: { issued: 4 },
      badRatings: [],
      complaints: [],
      followUps: [],
    };
    expect(parseDaySummary(JSON.stringify(stored), '2026-11-01')).toBeNull();
    expect(parseDaySummary(JSON.stringify(stored), '2026-11-02')).toEqual(stored);
  });
});
