/**
 * Halls side by side (跨厅报表): for a range of days, each hall's headline figures — issued, served,
 * waits p50/p90, no-show rate, good rate, bad ratings — and how many of its 差评 follow-ups are
 * overdue today. Pure. Each figure is the one the hall's own reports give for the same range: the
 * counts and rates from the same merged tally as `GET …/stats` (`statistics.ts`), the overdue count
 * from the same follow-up list as `GET …/ratings/follow-ups` (`rating-follow-up.ts`).
 */
import { csvCell } from './csv-cell';
import { DomainError } from './errors';
import { ROLLUP_FORMAT, Tally, type BadRating, type ComplaintCase, type DayRollupJson, type FollowUpEvent, type TallyJson } from './day-rollup';
import { ratingFollowUps } from './rating-follow-up';
import { figures, scoreCounts } from './statistics';
import type { CalendarConfig } from './types';

/**
 * The halls a report across halls covers, in the order asked (or every hall the user may see, in
 * `every`'s order): an administrator may see every hall; a city manager the halls on their account
 * (`hallIds`), and asking for another is refused (403 `forbidden`, reason `hall_not_reported`), even
 * one that does not exist, so the answer never tells which halls exist; anyone else sees none.
 */
export function reportedHalls(user: { role: string; hallIds: readonly string[] }, requested: readonly string[] | null, every: readonly string[]): string[] {
  if (user.role === 'admin') {
    if (requested === null) return [...every];
    const unknown = requested.find((h) => !every.includes(h));
    if (unknown !== undefined) throw new DomainError('hall_not_found', `no hall ${unknown}`, { field: 'hallIds' });
    return [...new Set(requested)];
  }
  if (user.role !== 'city_manager') throw new DomainError('forbidden', `role ${user.role} may not see reports across halls`);
  const mine = new Set(user.hallIds);
  if (requested === null) return every.filter((h) => mine.has(h));
  const other = requested.find((h) => !mine.has(h));
  if (other !== undefined) throw new DomainError('hall_not_reported', `hall ${other} is not on this account`, { field: 'hallIds' });
  return [...new Set(requested)].filter((h) => every.includes(h));
}

/**
 * What the report across halls needs of a closed day, kept beside its rollup (a fiftieth of its
 * size: the hall's tally and the day's bad ratings, complaint cases and follow-ups), so a month
 * over a hundred halls reads 3,000 of these rather than 3,000 whole rollups.
 */
export interface DaySummaryJson {
  format: number;
  kind: 'halls-summary';
  hallId: string;
  day: string;
  total: TallyJson;
  badRatings: BadRating[];
  complaints: ComplaintCase[];
  followUps: FollowUpEvent[];
}

export function daySummary(r: DayRollupJson): DaySummaryJson {
  return {
    format: ROLLUP_FORMAT,
    kind: 'halls-summary',
    hallId: r.hallId,
    day: r.day,
    total: r.total,
    badRatings: r.badRatings,
    complaints: r.complaints,
    followUps: r.followUps,
  };
}

/** A stored summary of `day` as written under this rollup format, or null (it is then built again from the day's rollup). */
export function parseDaySummary(text: string | null, day: string): DaySummaryJson | null {
  if (text === null) return null;
  try {
    const j = JSON.parse(text) as Partial<DaySummaryJson> | null;
    return j && j.format === ROLLUP_FORMAT && j.kind === 'halls-summary' && j.day === day ? (j as DaySummaryJson) : null;
  } catch {
    return null;
  }
}

/** One hall's row. */
export interface HallReportRow {
  hallId: string;
  name: string;
  /** Days of the range that had events. */
  days: number;
  issued: number;
  served: number;
  noShow: number;
  /** noShow ÷ (served + noShow); null when both are 0. */
  noShowRate: number | null;
  waitP50Seconds: number | null;
  waitP90Seconds: number | null;
  ratings: number;
  /** Share of ratings that are good (score ≥ 4); null without ratings. */
  goodRate: number | null;
  /** 差评: ratings of score ≤ 2. */
  badRatings: number;
  /** Bad ratings and complaint cases of the range not put right and past their due day, as of today. */
  overdueFollowUps: number;
}

/**
 * One hall's rollups, added a day at a time: the range's days count in the figures; days after the
 * range (up to today) only bring the follow-ups recorded on them.
 */
export class HallReportMerger {
  private readonly total = new Tally();
  private days = 0;
  private readonly bad: BadRating[] = [];
  private readonly complaints: ComplaintCase[] = [];
  private readonly followUps: FollowUpEvent[] = [];

  constructor(
    private readonly hall: { id: string; name: string; calendar: CalendarConfig },
    private readonly range: { from: string; to: string },
  ) {}

  /** A day's rollup, or its summary. */
  add(r: Pick<DaySummaryJson, 'day' | 'total' | 'badRatings' | 'complaints' | 'followUps'>): void {
    if (r.day >= this.range.from && r.day <= this.range.to) {
      this.total.mergeJson(r.total);
      this.days++;
      this.bad.push(...r.badRatings);
      this.complaints.push(...r.complaints);
    }
    this.followUps.push(...r.followUps);
  }

  /** The hall's row, follow-ups judged as of `today` (the hall's date). */
  row(today: string): HallReportRow {
    const f = figures(this.total);
    const overdue = ratingFollowUps(this.hall.calendar, this.bad, this.followUps, today, this.complaints).filter((i) => i.overdue).length;
    return {
      hallId: this.hall.id,
      name: this.hall.name,
      days: this.days,
      issued: f.issued,
      served: f.served,
      noShow: f.noShow,
      noShowRate: f.noShowRate,
      waitP50Seconds: f.wait.p50Seconds,
      waitP90Seconds: f.wait.p90Seconds,
      ratings: f.ratings,
      goodRate: f.goodRate,
      badRatings: scoreCounts(this.total).bad,
      overdueFollowUps: overdue,
    };
  }
}

/** The CSV's column headings (from the message table, so they follow the locale). */
export type HallsCsvHeadings = Record<keyof Omit<HallReportRow, 'days'>, string>;

const COLUMNS: ReadonlyArray<keyof HallsCsvHeadings> = [
  'hallId',
  'name',
  'issued',
  'served',
  'noShow',
  'noShowRate',
  'waitP50Seconds',
  'waitP90Seconds',
  'ratings',
  'goodRate',
  'badRatings',
  'overdueFollowUps',
];

/** The rows as CSV (RFC 4180, CRLF): a header row, then one row per hall. */
export function hallsReportCsv(rows: readonly HallReportRow[], headings: HallsCsvHeadings): string {
  const lines = [COLUMNS.map((c) => csvCell(headings[c]))];
  for (const r of rows) lines.push(COLUMNS.map((c) => csvCell(r[c])));
  return lines.map((l) => l.join(',')).join('\r\n') + '\r\n';
}
