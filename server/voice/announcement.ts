/**
 * What the hall says when a ticket is called (语音叫号): the text shown beside it
 * (`请B012号到12号窗口办理`) and the words a synthesiser must be given so that it says what a person
 * would — the ticket digit by digit (B零一二), the window as a cardinal (十二号). A speech engine reads
 * "012" as 零十二 and "12" inconsistently, so numbers are never left to it.
 *
 * Only the message table's templates, our own ticket numbers and configured window names are ever
 * spoken; nothing a citizen or clerk types reaches a speaker.
 */
import type { HallConfig } from '../domain/types';
import { voiceSettings, zoneOf } from '../domain/voice-settings';
import { messages, type Locale } from '../i18n';

const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;
const EN_DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'] as const;
const EN_TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'] as const;
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'] as const;
const ZH_UNITS = ['千', '百', '十', ''] as const;

function assertCardinal(n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new RangeError(`cannot read ${n}: expected a whole number from 0 to 9999`);
}

/**
 * A whole number 0–9999 in Chinese as said aloud: 1 一, 10 十, 12 十二, 20 二十, 100 一百, 101 一百零一,
 * 110 一百一十, 1005 一千零五. Window numbers are said this way (十二号窗口).
 */
export function cardinalZh(n: number): string {
  assertCardinal(n);
  if (n < 10) return ZH_DIGITS[n]!;
  // 10–19 drop the leading 一 (十二, not 一十二) only when they stand alone.
  if (n < 20) return `十${n % 10 === 0 ? '' : ZH_DIGITS[n % 10]}`;
  const digits = String(n).padStart(4, '0').split('').map(Number);
  let out = '';
  let pendingZero = false;
  for (let i = 0; i < 4; i++) {
    const d = digits[i]!;
    if (d === 0) {
      if (out !== '') pendingZero = true;
      continue;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += ZH_DIGITS[d]! + ZH_UNITS[i]!;
  }
  return out;
}

/** A whole number 0–9999 in English words: 12 twelve, 21 twenty-one, 100 one hundred, 1005 one thousand five. */
export function cardinalEn(n: number): string {
  assertCardinal(n);
  const below100 = (m: number): string =>
    m < 10 ? EN_DIGITS[m]! : m < 20 ? EN_TEENS[m - 10]! : `${EN_TENS[Math.floor(m / 10)]}${m % 10 ? `-${EN_DIGITS[m % 10]}` : ''}`;
  if (n < 100) return below100(n);
  const parts: string[] = [];
  if (n >= 1000) parts.push(`${EN_DIGITS[Math.floor(n / 1000)]} thousand`);
  const hundreds = Math.floor((n % 1000) / 100);
  if (hundreds > 0) parts.push(`${EN_DIGITS[hundreds]} hundred`);
  if (n % 100 > 0) parts.push(below100(n % 100));
  return parts.join(' ');
}

/** A window number as said in `locale`. */
export function cardinal(n: number, locale: Locale): string {
  return locale === 'en' ? cardinalEn(n) : cardinalZh(n);
}

/**
 * A ticket number as said aloud: the letter, then every digit on its own — B012 → B零一二,
 * A001 → A零零一 (English: B-zero one two; the hyphen keeps a voice from reading "A" as the article).
 * Anything but capital letters and digits is dropped: only our own numbers are ever spoken.
 */
export function ticketSpeech(number: string, locale: Locale): string {
  const letters = number.replace(/[^A-Z]/g, '');
  const digits = number
    .replace(/[^0-9]/g, '')
    .split('')
    .map(Number);
  if (locale === 'en') return `${letters}${letters && digits.length ? '-' : ''}${digits.map((d) => EN_DIGITS[d]).join(' ')}`;
  return letters + digits.map((d) => ZH_DIGITS[d]).join('');
}

/** The window's configured name as said before its number; a trailing 窗口 is dropped so it is not said twice. */
function windowNameForCall(name: string): string {
  return name.trim().replace(/窗口$/, '');
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** One language's share of an announcement. */
export interface SpokenPart {
  locale: Locale;
  /** As shown: 请B012号到12号窗口办理. */
  text: string;
  /** As given to the synthesiser: 请B零一二号到十二号窗口办理. */
  speech: string;
}

/** What is said for one call, in every language the hall speaks. */
export interface Announcement {
  hallId: string;
  number: string;
  windowNumber: number;
  /** The zone whose speakers say it. */
  zone: string;
  /** The first language's text and speech. */
  text: string;
  speech: string;
  parts: SpokenPart[];
}

/** The call being announced: the ticket's number and area, and the window it is called to. */
export interface CallRef {
  number: string;
  areaId: string;
  window: { number: number; name: string };
}

/** The announcement of a call in `hall`, in the hall's languages, by the message table's templates. */
export function announcementFor(hall: HallConfig, call: CallRef): Announcement {
  const voice = voiceSettings(hall);
  const key = voice.windowName ? 'callNamed' : 'call';
  const name = windowNameForCall(call.window.name);
  const parts = voice.locales.map((locale): SpokenPart => {
    const template = messages(locale).voice[key];
    return {
      locale,
      text: fill(template, { number: call.number, window: String(call.window.number), name }),
      speech: fill(template, { number: ticketSpeech(call.number, locale), window: cardinal(call.window.number, locale), name }),
    };
  });
  return {
    hallId: hall.id,
    number: call.number,
    windowNumber: call.window.number,
    zone: zoneOf(voice, call.areaId),
    text: parts[0]!.text,
    speech: parts[0]!.speech,
    parts,
  };
}
