/**
 * The hall's session as the page says it (工作日 09:00–17:00, Wed night market 19:00–21:00): the
 * snapshot carries the session's kind and times, and each page names it in its own language.
 */
import { sessionLabel, type Locale } from '../../server/i18n';
import { weekdayOf } from '../../server/domain/time';
import type { SessionKind } from '../../server/domain/types';

export interface SessionTimes {
  kind: SessionKind | 'closed';
  start: string | null;
  end: string | null;
  /** Stretched by 延时服务 today. */
  extended?: boolean;
}

/** The session of `day` (`YYYY-MM-DD`) in `locale`'s words. */
export function localSessionLabel(session: SessionTimes, day: string, locale: Locale): string {
  const weekday = weekdayOf(day);
  const { kind, start, end } = session;
  if (kind === 'closed' || !start || !end) return sessionLabel({ kind: 'closed', weekday }, locale);
  return sessionLabel({ kind, start, end, weekday, ...(session.extended ? { extended: true } : {}) }, locale);
}
