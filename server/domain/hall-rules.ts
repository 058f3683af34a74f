/**
 * The consistency rules of a hall's configuration that a schema cannot express: ids, numbers and
 * ticket prefixes are unique, every window serves known areas and every area has a window, devices
 * are named once and belong to known windows, voice zones and wait alerts name known areas, sessions end after they
 * start, journeys (一件事, `journeys.ts`) go through known areas. One function, used by the config
 * file loader, the configuration API and the console's
 * forms alike, so a refusal reads the same wherever it is caught. Problems are structured (a code,
 * the field's path such as `windows[3].number`, and the values to quote); the message table words
 * them (`adminConsole.problems`).
 */
import { calendarProblems, isCalendarDate, type CalendarProblem } from './calendar-rules';
import { journeyProblems } from './journeys';
import { counterKeyProblems } from './counter-keys';
import { standingNoticeProblems } from './notice-rules';
import { assertTimeZone } from './time';
import type { HallConfig } from './types';

export const HALL_PROBLEM_CODES = [
  'invalid_value',
  'unknown_timezone',
  'duplicate_area_id',
  'duplicate_prefix',
  'duplicate_service_id',
  'duplicate_window_id',
  'duplicate_window_number',
  'unknown_window_area',
  'area_without_window',
  'unknown_device_window',
  'duplicate_device_id',
  'duplicate_voice_zone',
  'area_in_two_zones',
  'unknown_zone_area',
  'duplicate_voice_locale',
  'unknown_alert_area',
  'alert_order',
  'session_order',
  'session_twice',
  'weekly_session_twice',
  'not_a_date',
  'date_twice',
  'date_in_both',
  'notice_range',
  'duplicate_notice_id',
  'duplicate_journey_id',
  'journey_too_short',
  'unknown_journey_area',
  'unknown_journey_service',
  'journey_step_repeated',
  'counter_key_twice',
  'counter_key_reserved',
] as const;

export type HallProblemCode = (typeof HALL_PROBLEM_CODES)[number];

export interface HallProblem {
  code: HallProblemCode;
  /** The offending field, `windows[3].number`; empty for the document as a whole. */
  path: string;
  /** The values the words quote (`{value}`, `{area}`, …). */
  params: Record<string, string | number>;
}

/** What the rules look at: a hall's document, with or without its staff. */
export type HallRulesInput = Pick<
  HallConfig,
  'timezone' | 'areas' | 'windows' | 'calendar' | 'voice' | 'waitAlerts' | 'journeys' | 'standingNotices' | 'counter'
> & {
  devices: ReadonlyArray<{ id: string; windowId?: string }>;
};

/** The indexes of every value seen before (the second and later uses), in order. */
function repeats<T>(values: readonly T[]): number[] {
  const seen = new Set<T>();
  const out: number[] = [];
  values.forEach((v, i) => {
    if (seen.has(v)) out.push(i);
    else seen.add(v);
  });
  return out;
}

/** Every consistency problem of one hall, in document order; empty when the hall is sound. */
export function hallConfigProblems(hall: HallRulesInput): HallProblem[] {
  const problems: HallProblem[] = [];
  const add = (code: HallProblemCode, path: string, params: HallProblem['params'] = {}): void => void problems.push({ code, path, params });
  try {
    assertTimeZone(hall.timezone);
  } catch {
    add('unknown_timezone', 'timezone', { value: hall.timezone });
  }
  const areaIds = new Set(hall.areas.map((a) => a.id));
  for (const i of repeats(hall.areas.map((a) => a.id))) add('duplicate_area_id', `areas[${i}].id`, { value: hall.areas[i]!.id });
  for (const i of repeats(hall.areas.map((a) => a.prefix))) add('duplicate_prefix', `areas[${i}].prefix`, { value: hall.areas[i]!.prefix });
  const services = hall.areas.flatMap((a, ai) => a.services.map((s, si) => ({ id: s.id, path: `areas[${ai}].services[${si}].id` })));
  for (const i of repeats(services.map((s) => s.id))) add('duplicate_service_id', services[i]!.path, { value: services[i]!.id });
  for (const i of repeats(hall.windows.map((w) => w.id))) add('duplicate_window_id', `windows[${i}].id`, { value: hall.windows[i]!.id });
  for (const i of repeats(hall.windows.map((w) => w.number))) add('duplicate_window_number', `windows[${i}].number`, { value: hall.windows[i]!.number });
  hall.windows.forEach((w, i) => {
    for (const a of w.areaIds) if (!areaIds.has(a)) add('unknown_window_area', `windows[${i}].areaIds`, { window: w.number, area: a });
  });
  hall.areas.forEach((a, i) => {
    if (!hall.windows.some((w) => w.areaIds.includes(a.id))) add('area_without_window', `areas[${i}]`, { area: a.id });
  });
  const windowIds = new Set(hall.windows.map((w) => w.id));
  for (const i of repeats(hall.devices.map((d) => d.id))) add('duplicate_device_id', `devices[${i}].id`, { value: hall.devices[i]!.id });
  hall.devices.forEach((d, i) => {
    if (d.windowId !== undefined && !windowIds.has(d.windowId)) add('unknown_device_window', `devices[${i}].windowId`, { device: d.id, window: d.windowId });
  });
  const zones = hall.voice?.zones ?? [];
  for (const i of repeats(zones.map((z) => z.id))) add('duplicate_voice_zone', `voice.zones[${i}].id`, { value: zones[i]!.id });
  const zoneAreas = zones.flatMap((z, zi) => z.areaIds.map((a) => ({ a, zi })));
  for (const i of repeats(zoneAreas.map((z) => z.a))) add('area_in_two_zones', `voice.zones[${zoneAreas[i]!.zi}].areaIds`, { area: zoneAreas[i]!.a });
  zones.forEach((z, zi) => {
    for (const a of z.areaIds) if (!areaIds.has(a)) add('unknown_zone_area', `voice.zones[${zi}].areaIds`, { zone: z.id, area: a });
  });
  const locales = hall.voice?.locales ?? [];
  for (const i of repeats(locales)) add('duplicate_voice_locale', `voice.locales[${i}]`, { value: locales[i]! });
  for (const [a, t] of Object.entries(hall.waitAlerts ?? {})) {
    if (!areaIds.has(a)) add('unknown_alert_area', `waitAlerts.${a}`, { area: a });
    if (t.warnMinutes >= t.alertMinutes) add('alert_order', `waitAlerts.${a}.warnMinutes`, { area: a });
  }
  for (const problem of calendarProblems(hall.calendar)) problems.push(calendarHallProblem(problem));
  for (const problem of journeyProblems(hall.journeys ?? [], hall.areas)) problems.push(problem);
  const notices = hall.standingNotices ?? [];
  notices.forEach((n, i) => {
    for (const field of ['from', 'to'] as const) if (!isCalendarDate(n[field])) add('not_a_date', `standingNotices[${i}].${field}`, { date: n[field] });
  });
  for (const p of standingNoticeProblems(notices)) {
    const n = notices[p.index]!;
    if (p.kind === 'notice_range') add('notice_range', `standingNotices[${p.index}].to`, { start: n.from, end: n.to });
    else add('duplicate_notice_id', `standingNotices[${p.index}].id`, { value: n.id });
  }
  for (const p of counterKeyProblems(hall.counter?.keys))
    add(p.problem === 'duplicate' ? 'counter_key_twice' : 'counter_key_reserved', 'counter.keys', { value: p.key });
  return problems;
}

/** A calendar rule's problem (`calendar-rules.ts`) as a hall problem, so both are worded alike. */
export function calendarHallProblem(problem: CalendarProblem): HallProblem {
  switch (problem.kind) {
    case 'session_order':
      return { code: 'session_order', path: 'calendar', params: { start: problem.start, end: problem.end } };
    case 'session_twice':
      return problem.weekday === null
        ? { code: 'session_twice', path: 'calendar.workday', params: { start: problem.start, end: problem.end } }
        : { code: 'weekly_session_twice', path: 'calendar.weekly', params: { start: problem.start, end: problem.end, weekday: problem.weekday } };
    case 'not_a_date':
      return { code: 'not_a_date', path: 'calendar', params: { date: problem.date } };
    case 'date_twice':
      return { code: 'date_twice', path: `calendar.${problem.list}`, params: { date: problem.date } };
    case 'date_in_both':
      return { code: 'date_in_both', path: 'calendar.makeupWorkdays', params: { date: problem.date } };
  }
}
