/**
 * The message table: every word shown, printed or spoken to people, zh-CN first, English beside
 * it. One table, in sections (one file each); English is switched on per display or request.
 */
import type { ErrorCode } from '../domain/errors';
import type { HallProblem } from '../domain/hall-rules';
import type { IdentityLimitRefusal } from '../domain/identity-limits';
import type { SessionNow } from '../domain/schedule';
import { adminCalendarEn, adminCalendarZh } from './admin-calendar';
import { auditEn, auditZh } from './audit';
import { adminConsoleEn, adminConsoleZh } from './admin-console';
import { adminPeopleEn, adminPeopleZh } from './admin-people';
import { calendarEn, calendarZh } from './calendar';
import { coreEn, coreZh } from './core';
import { kioskEn, kioskZh } from './kiosk';
import { managerEn, managerZh } from './manager';
import { notifyEn, notifyZh } from './notify';
import { reportsEn, reportsZh } from './reports';
import { screensEn, screensZh } from './screens';
import { voiceEn, voiceZh } from './voice';

export type Locale = 'zh-CN' | 'en';

const zh = {
  ...coreZh,
  screens: screensZh,
  kiosk: kioskZh,
  voice: voiceZh,
  manager: managerZh,
  calendar: calendarZh,
  adminConsole: adminConsoleZh,
  adminPeople: adminPeopleZh,
  adminCalendar: adminCalendarZh,
  notify: notifyZh,
  reports: reportsZh,
  audit: auditZh,
};

export type MessageTable = typeof zh;

const en: MessageTable = {
  ...coreEn,
  screens: screensEn,
  kiosk: kioskEn,
  voice: voiceEn,
  manager: managerEn,
  calendar: calendarEn,
  adminConsole: adminConsoleEn,
  adminPeople: adminPeopleEn,
  adminCalendar: adminCalendarEn,
  notify: notifyEn,
  reports: reportsEn,
  audit: auditEn,
};

const TABLES: Record<Locale, MessageTable> = { 'zh-CN': zh, en };

export function messages(locale: Locale = 'zh-CN'): MessageTable {
  return TABLES[locale];
}

export function errorMessage(code: ErrorCode, locale: Locale = 'zh-CN'): string {
  return TABLES[locale].errors[code];
}

/** A session as the board names it: `周三夜市 19:00–21:00`, `正常办公 09:00–17:00`, `休息`. */
export function sessionLabel(s: SessionNow, locale: Locale = 'zh-CN'): string {
  const t = TABLES[locale];
  if (s.kind === 'closed') return t.sessions.closed;
  const name =
    s.kind === 'regular'
      ? t.sessions.regular
      : locale === 'en'
        ? `${t.weekdays[s.weekday]} ${t.sessions[s.kind]}`
        : `${t.weekdays[s.weekday]}${t.sessions[s.kind]}`;
  return s.extended ? `${name} · ${t.sessions.extended} ${s.start}–${s.end}` : `${name} ${s.start}–${s.end}`;
}

/** Picks the best supported locale from an `Accept-Language` header or a `lang` parameter. */
export function pickLocale(wanted: string | undefined | null): Locale {
  if (wanted && /^en\b/i.test(wanted.trim())) return 'en';
  return 'zh-CN';
}

/** `{name}` in a template replaced by that param; unknown names stay as they are. */
export function fillIn(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** `identity_limit` in words for the limit that applies: `您已持有「不动产联办」的号票 B003，尚未办结…`. */
export function identityLimitText(refusal: IdentityLimitRefusal, locale: Locale = 'zh-CN'): string {
  const words = TABLES[locale].identityLimitWords;
  return refusal.limit === 'open_in_area'
    ? fillIn(words.open_in_area, { area: refusal.area, ticket: refusal.ticket })
    : fillIn(words.daily_cap, { perDay: refusal.perDay });
}

/** A hall configuration problem in words: `窗口号 3 重复`. */
export function hallProblemText(problem: Pick<HallProblem, 'code' | 'params'>, locale: Locale = 'zh-CN'): string {
  const words = TABLES[locale].adminConsole;
  if (problem.code === 'invalid_value') {
    // `windows[3].areaIds` → the console's name for `areaIds`, when it has one.
    const leaf =
      String(problem.params.field ?? '')
        .replace(/\[\d+\]$/, '')
        .split('.')
        .pop() ?? '';
    const names: Partial<Record<string, string>> = words.fieldNames;
    const label = names[leaf];
    if (label) return fillIn(words.invalidNamed, { ...problem.params, label });
  }
  const weekday = problem.params.weekday;
  const params = typeof weekday === 'number' ? { ...problem.params, weekday: TABLES[locale].weekdays[weekday] ?? weekday } : problem.params;
  return fillIn(words.problems[problem.code], params);
}
