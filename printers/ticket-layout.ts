/**
 * What a paper ticket says and how it is arranged, as plain data: the ESC/POS renderer prints it
 * and the preview draws it, so paper and preview cannot drift apart. Pure and isomorphic: the
 * ticket, the hall and the link are passed in; every word comes from the message table.
 */
import { messages, type Locale } from '../server/i18n';
import type { HallConfig } from '../server/domain/types';
import type { TicketView } from '../server/domain/views';
import { requeueSettings } from '../server/domain/requeue';
import { withoutControlCharacters } from '../server/domain/plain-text';

export type Align = 'left' | 'center' | 'right';

/** Character magnification (GS !): 1 is the normal 12×24 / 24×24 font, 4 is four times as wide and tall. */
export type TextSize = 1 | 2 | 3 | 4;

export type TicketBlock =
  | { kind: 'text'; text: string; align: Align; size: TextSize; bold: boolean }
  /** A dashed line across the paper. */
  | { kind: 'rule' }
  /** A QR code; its data is ASCII (printers store it byte by byte). */
  | { kind: 'qr'; data: string }
  /** Blank paper, in lines. */
  | { kind: 'feed'; lines: number };

export interface TicketLayout {
  blocks: TicketBlock[];
}

export interface TicketFacts {
  /** `policy`: the hall's 过号重排 rule the footer states (defaults when left out). */
  hall: Pick<HallConfig, 'id' | 'name' | 'areas' | 'calendar'> & Partial<Pick<HallConfig, 'policy'>>;
  ticket: Pick<TicketView, 'id' | 'number' | 'areaId' | 'serviceId' | 'priority' | 'issuedAt' | 'ahead' | 'estimatedWaitMinutes'> &
    Partial<Pick<TicketView, 'journey'>>;
  /** The citizen's tracking page, `<public base>/ticket/<hall>/<credential>` (see `ticketUrl`): the ticket's credential, never its id. */
  ticketUrl: string;
  /** Printed again after the first print (补打). */
  reprint?: boolean;
  locale?: Locale;
}

/**
 * The tracking page's address for a ticket, ASCII only: the host is punycoded and anything else
 * percent-escaped, because a printer's QR command stores bytes, not characters.
 */
export function ticketUrl(publicBase: string, hallId: string, credential: string): string {
  const base = publicBase.replace(/\/+$/, '');
  return new URL(`${base}/ticket/${encodeURIComponent(hallId)}/${encodeURIComponent(credential)}`).href;
}

/**
 * Text as it can appear on paper: pictographs (emoji) are dropped, since no printer font has them
 * and a box in the middle of a service name helps nobody. Rare Chinese characters stay: GB18030
 * encodes them and the printer's font draws them. Control characters become spaces.
 */
export function printableText(text: string): string {
  // A control character is a printer command (CR, LF, ESC …): never one from a name, even an old one.
  return (
    withoutControlCharacters(text)
      // eslint-disable-next-line no-misleading-character-class -- on purpose: the joiner and selectors are stripped one by one, as the emoji they trail
      .replace(/\p{Extended_Pictographic}[\u{1F3FB}-\u{1F3FF}\uFE0E\uFE0F\u200D]*/gu, '')
      .replace(/[\uFE0E\uFE0F\u200D]/gu, '')
      .replace(/\s{2,}/gu, ' ')
      .trim()
  );
}

const text = (t: string, align: Align = 'left', size: TextSize = 1, bold = false): TicketBlock => ({
  kind: 'text',
  text: printableText(t),
  align,
  size,
  bold,
});

/** `2026-11-26T09:05:00.000+08:00` (already hall-local) → `2026-11-26 09:05`. */
function localStamp(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** The hall's extra weekly sessions (周三夜市, 周六早市), Monday first, as printed lines. */
export function specialHours(calendar: HallConfig['calendar'], locale: Locale = 'zh-CN'): string[] {
  const t = messages(locale);
  const mondayFirst = (weekday: number) => (weekday + 6) % 7;
  return [...calendar.weekly]
    .sort((a, b) => mondayFirst(a.weekday) - mondayFirst(b.weekday) || a.session.start.localeCompare(b.session.start))
    .map((w) => t.kiosk.paper.specialHours(t.weekdays[w.weekday]!, w.session.start, w.session.end, t.sessions[w.session.kind]));
}

/** The ticket as printed: hall, area, the number very large, service, people ahead, wait, time, QR, footer. */
export function ticketLayout(facts: TicketFacts): TicketLayout {
  const { hall, ticket } = facts;
  const locale = facts.locale ?? 'zh-CN';
  const t = messages(locale);
  const k = t.kiosk;
  const area = hall.areas.find((a) => a.id === ticket.areaId);
  const service = ticket.serviceId === null ? undefined : area?.services.find((s) => s.id === ticket.serviceId);
  const sep = locale === 'zh-CN' ? '：' : ': ';

  const blocks: TicketBlock[] = [text(hall.name, 'center', 2, true), { kind: 'rule' }];
  if (area) blocks.push(text(area.name, 'center', 2, true));
  blocks.push(text(ticket.number, 'center', 4, true));
  if (ticket.priority !== 'normal') blocks.push(text(`【${t.priorities[ticket.priority]}】`, 'center', 1, true));
  if (facts.reprint) blocks.push(text(`（${k.paper.reprint}）`, 'center'));
  blocks.push({ kind: 'rule' });
  if (service) blocks.push(text(`${k.service}${sep}${service.name}`));
  if (ticket.journey) {
    const route = ticket.journey.steps.map((s) => hall.areas.find((a) => a.id === s.areaId)?.name ?? s.areaId).join(' → ');
    blocks.push(text(`${k.paper.journey}${sep}${ticket.journey.name}`, 'left', 1, true), text(`${k.paper.route}${sep}${route}`));
  }
  if (ticket.ahead !== null) {
    blocks.push(text(k.ahead(ticket.ahead), 'left', 1, true));
    blocks.push(text(ticket.estimatedWaitMinutes === null ? k.noEstimate : k.estimatedWait(ticket.estimatedWaitMinutes)));
  }
  blocks.push(text(`${k.issuedAt}${sep}${localStamp(ticket.issuedAt)}`));
  blocks.push({ kind: 'feed', lines: 1 }, { kind: 'qr', data: facts.ticketUrl }, text(k.paper.scan, 'center'), { kind: 'rule' });
  // 过号重排 keeps the number: say so, and for how long, as the hall's policy allows.
  const requeue = requeueSettings(hall.policy ?? { maxPreferredInARow: 0, agingMinutes: 0, recallLimit: 0 });
  if (requeue.maxRequeues > 0) blocks.push(...k.paper.overdue(requeue.requeueWithinMinutes).map((line, i) => text(line, 'center', 1, i === 0)));
  else blocks.push(text(k.paper.overdueNoRequeue, 'center', 1, true));
  const extra = specialHours(hall.calendar, locale);
  if (extra.length > 0) blocks.push(text(`${k.paper.specialHoursTitle}${sep}${extra.join(locale === 'zh-CN' ? '；' : '; ')}`, 'center'));
  return { blocks };
}

/** The layout's words, line by line as the blocks hold them (logs, tests, the print test). */
export function layoutText(layout: TicketLayout): string[] {
  return layout.blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));
}
