/** A notice on the boards: how long it may be (the API refuses longer; the console counts down to it). */
export const NOTICE_MAX_LENGTH = 200;

/** Characters as people count them (an emoji is one), as the API's length check counts them. */
export function noticeLength(text: string): number {
  return [...text.trim()].length;
}

/**
 * A standing notice (长期公告): part of the hall's configuration, shown on the boards on every day
 * from `from` to `to` (hall-local dates, both included) — unlike a notice posted for today, which
 * lives in the day's log and ends with the day.
 */
export interface StandingNotice {
  id: string;
  text: string;
  /** `YYYY-MM-DD`, the first day shown. */
  from: string;
  /** `YYYY-MM-DD`, the last day shown. */
  to: string;
}

/** At most this many standing notices per hall (a board shows them all in its marquee). */
export const STANDING_NOTICES_MAX = 50;
/** A new standing notice's validity in the console unless changed: a week from today. */
export const STANDING_NOTICE_DEFAULT_DAYS = 7;

/** Whether the boards show `notice` on the hall-local `day`. */
export function noticeShownOn(notice: Pick<StandingNotice, 'from' | 'to'>, day: string): boolean {
  return notice.from <= day && day <= notice.to;
}

/** Where a notice stands on `day`: not yet shown, shown, or over. */
export function noticeStatusOn(notice: Pick<StandingNotice, 'from' | 'to'>, day: string): 'upcoming' | 'showing' | 'ended' {
  return day < notice.from ? 'upcoming' : day > notice.to ? 'ended' : 'showing';
}

/** What the boards show on `day`: the standing notices valid that day, then the day's own. */
export function noticesOn<T extends { id: string; text: string }>(
  standing: readonly StandingNotice[] | undefined,
  day: string,
  today: readonly T[],
): Array<{ id: string; text: string }> {
  return [...(standing ?? []).filter((n) => noticeShownOn(n, day)).map((n) => ({ id: n.id, text: n.text })), ...today.map((n) => ({ id: n.id, text: n.text }))];
}

export type StandingNoticeProblem = { kind: 'notice_range'; index: number } | { kind: 'duplicate_notice_id'; index: number };

/** A notice that ends before it starts, or an id used twice (dates as real days: the calendar rule). */
export function standingNoticeProblems(notices: readonly StandingNotice[]): StandingNoticeProblem[] {
  const problems: StandingNoticeProblem[] = [];
  const seen = new Set<string>();
  notices.forEach((n, index) => {
    if (n.to < n.from) problems.push({ kind: 'notice_range', index });
    if (seen.has(n.id)) problems.push({ kind: 'duplicate_notice_id', index });
    seen.add(n.id);
  });
  return problems;
}
