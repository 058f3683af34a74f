/**
 * The manager page's words (the message table's manager section, in the page's locale) and the
 * ways it writes numbers: durations as people say them, shares as percentages, hall-local times.
 */
import { messages, type Locale, type MessageTable } from '../../server/i18n';
import { fill } from '../shared/words';

export type ManagerWords = MessageTable['manager'];

export function managerWords(locale: Locale): ManagerWords {
  return messages(locale).manager;
}

/** 45秒, 12分05秒, 1小时20分; a dash for nothing measured. */
export function duration(seconds: number | null, w: ManagerWords): string {
  if (seconds === null) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return fill(w.duration.seconds, { s });
  if (s < 3600) return fill(w.duration.minutes, { m: Math.floor(s / 60), s: String(s % 60).padStart(2, '0') });
  return fill(w.duration.hours, { h: Math.floor(s / 3600), m: String(Math.floor((s % 3600) / 60)).padStart(2, '0') });
}

/** 0.9234 → 92.3%; a dash when there is nothing to divide. */
export function percent(share: number | null): string {
  return share === null ? '—' : `${(share * 100).toFixed(1)}%`;
}

/** `HH:MM` of an ISO timestamp as the hall reads it (its own offset is in the string). */
export function hallClock(iso: string): string {
  return iso.slice(11, 16);
}
