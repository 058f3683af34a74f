/**
 * The screens' words: the page's locale (zh-CN unless `?lang=en`), the message table's screens
 * section, and filling its `{name}` placeholders. Every on-screen word comes through here.
 */
import { messages, pickLocale, type Locale, type MessageTable } from '../../server/i18n';

export type ScreenWords = MessageTable['screens'];

/** The locale a display was set to: `?lang=en` switches English on, anything else is Chinese. */
export function pageLocale(): Locale {
  return pickLocale(new URLSearchParams(location.search).get('lang'));
}

export function screenWords(locale: Locale = pageLocale()): ScreenWords {
  return messages(locale).screens;
}

export type Vars = Record<string, string | number>;

/** `fill('请 {number} 号', {number: 'B012'})` → `请 B012 号`. */
export function fill(template: string, vars: Vars): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** A template cut at its placeholders, so a page can set the values in larger type. */
export type Part = { text: string; name?: string };

export function fillParts(template: string, vars: Vars): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    if (m.index > last) parts.push({ text: template.slice(last, m.index) });
    const name = m[1]!;
    parts.push({ text: name in vars ? String(vars[name]) : m[0], name });
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push({ text: template.slice(last) });
  return parts;
}

/** A waiting or serving time as people say it: 45秒, 12分05秒, 1小时20分. */
export function formatDuration(seconds: number, words: ScreenWords): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return fill(words.common.seconds, { s });
  if (s < 3600) return fill(words.common.minutes, { m: Math.floor(s / 60), s: String(s % 60).padStart(2, '0') });
  return fill(words.common.hours, { h: Math.floor(s / 3600), m: String(Math.floor((s % 3600) / 60)).padStart(2, '0') });
}
