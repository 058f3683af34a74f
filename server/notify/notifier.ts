/**
 * Text messages to citizens who asked for them: "还有 N 位" once their place comes within N, and
 * "请到 X 号窗口" at the call. It listens to the batches this node commits (each batch is committed
 * by one node), and each message is claimed before it is sent by creating its delivery-log document
 * (`notify-log:<hall>:<day>:<ticket>:<kind>`, create-only): of two nodes, or of a node before and
 * after a restart, exactly one creates it, so a message goes out at most once.
 *
 * The number is kept only sealed (`PhoneVault`) in an expiring store value that ends with the
 * hall's day and is taken away at `day.closed`; the delivery log and every log line have the
 * masked form (138****1234) at most.
 */
import type { HallEvent } from '../domain/events';
import { maskPhone } from '../domain/appointments';
import { firstInLine } from '../domain/queue-order';
import { DomainError, isDomainError } from '../domain/errors';
import { localTime } from '../domain/time';
import { aheadTextDue, smsAheadOf } from '../domain/sms-ahead';
import type { HallState } from '../domain/types';
import { messages } from '../i18n';
import { withoutControlCharacters } from '../domain/plain-text';
import type { EventStore } from '../store/event-store';
import type { HallService } from '../app/hall-service';
import type { Limiter } from '../app/limiter';
import { addDays, localDate } from '../domain/time';
// The per-number caps (CODES_PER_NUMBER_PER_DAY, CODE_TRIES, …) are rows of the one limiter's table (`domain/limits.ts`).
import { CODE_TTL_MS, codeText } from '../domain/text-limits';
import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { PhoneVault } from './phone-vault';
import type { SmsMessage, SmsProvider, SmsTemplate } from './sms-providers';

export const NOTIFY_LOG_PREFIX = 'notify-log:';
const DAY_MS = 24 * 3600_000;
const HOUR_MS = 3600_000;

export interface DeliveryRecord {
  hallId: string;
  day: string;
  ticketId: string;
  number: string;
  kind: SmsTemplate;
  /** Masked: 138****1234. */
  to: string;
  provider: string;
  status: 'sending' | 'sent' | 'failed';
  attempts: number;
  at: number;
  doneAt: number | null;
  error: string | null;
}

export interface NotifierOptions {
  store: EventStore;
  /** The halls, to find tomorrow's appointments for the evening reminder. */
  service: HallService;
  vault: PhoneVault | null;
  provider: SmsProvider | null;
  now: () => number;
  /** "还有 N 位" when N or fewer are ahead, for a hall whose policy has no `smsAhead`. */
  ahead: number;
  /** Counts opt-ins per client address (`opt-in-address`). */
  limiter: Limiter;
  /** First retry after this, doubling (tests shorten it). */
  retryBaseMs?: number;
  attempts?: number;
  log: { warn: (obj: object, msg: string) => void; info: (obj: object, msg: string) => void };
}

/** The appointment reminder goes out from this local time on the day before. */
export const REMINDER_MINUTE = 18 * 60;
const REMINDER_CHECK_MS = 60_000;
const appointmentKey = (hallId: string, date: string, appointmentId: string) => `notify:appointment:${hallId}:${date}:${appointmentId}`;
const phoneKey = (hallId: string, day: string, ticketId: string) => `notify:phone:${hallId}:${day}:${ticketId}`;
/** A code texted and not yet typed back (sealed: the number and the code), one per ticket. */
const codeKey = (hallId: string, day: string, ticketId: string) => `notify:code:${hallId}:${day}:${ticketId}`;
/** Per number and day: how often it was used for `what` (counted under the number's keyed tag, never the number). */
/** A per-number limit's subject: the hall-local day and the number's keyed tag (never the number). */
const perNumber = (day: string, tag: string) => `${day}:${tag}`;
const logKey = (hallId: string, day: string, ticketId: string, kind: SmsTemplate) => `${NOTIFY_LOG_PREFIX}${hallId}:${day}:${ticketId}:${kind}`;

export class Notifier {
  private readonly retryBaseMs: number;
  private readonly attempts: number;
  /** Messages this node has claimed or seen claimed: no second look at the store for them. */
  private readonly handled = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;
  /** Per hall: when this node last looked for tomorrow's reminders (clock ms). */
  private readonly lastReminderCheck = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly opts: NotifierOptions) {
    this.retryBaseMs = opts.retryBaseMs ?? 1_000;
    this.attempts = opts.attempts ?? 5;
    this.timer = setInterval(() => {
      for (const hall of opts.service.halls()) this.checkReminders(hall.id, hall.timezone);
    }, REMINDER_CHECK_MS);
    this.timer.unref();
  }

  /** A booking's number, sealed, kept until its day closes (for the reminder the evening before). */
  async rememberForReminder(hallId: string, date: string, appointmentId: string, phone: string): Promise<void> {
    if (!this.enabled) return;
    const tz = this.opts.service.hall(hallId)?.timezone ?? 'Asia/Shanghai';
    const today = localDate(this.opts.now(), tz);
    let days = 1;
    for (let d = today; d < date && days < 400; d = addDays(d, 1)) days++;
    await this.opts.store.putIfAbsent(appointmentKey(hallId, date, appointmentId), this.vault().seal(phone), days * DAY_MS + HOUR_MS);
  }

  /** From 18:00 the day before, each booked appointment of tomorrow with a number gets its reminder (once). */
  private checkReminders(hallId: string, timeZone: string): void {
    const now = this.opts.now();
    if (!this.enabled || this.closed || now - (this.lastReminderCheck.get(hallId) ?? -Infinity) < REMINDER_CHECK_MS) return;
    const local = localTime(now, timeZone);
    if (local.minuteOfDay < REMINDER_MINUTE) return;
    this.lastReminderCheck.set(hallId, now);
    const tomorrow = addDays(local.date, 1);
    this.track(
      (async () => {
        const { name, booked } = await this.opts.service.query(
          hallId,
          (state) => ({
            name: state.config.name,
            booked: [...state.appointments.values()].filter((a) => a.status === 'booked').map((a) => ({ id: a.id, start: a.start })),
          }),
          tomorrow,
        );
        for (const a of booked) {
          const sealed = await this.opts.store.get(appointmentKey(hallId, tomorrow, a.id));
          if (sealed === null) continue;
          await this.send(hallId, tomorrow, a.id, 'reminder', this.vault().open(sealed), { hall: name, date: tomorrow, time: a.start });
        }
      })(),
    );
  }

  get enabled(): boolean {
    return this.opts.vault !== null && this.opts.provider !== null;
  }

  private vault(): PhoneVault {
    if (!this.opts.vault || !this.opts.provider) throw new DomainError('notifications_off', 'set QMS_DATA_KEY and an SMS provider to send notifications');
    return this.opts.vault;
  }

  /**
   * Opting in, step one: a 6-digit code texted to `phone` for this ticket (短信验证码). Nothing is
   * kept for the ticket until the phone page types it back (`confirmCode`). Limited per address
   * (the `opt-in-address` limit) and per number (`CODES_PER_NUMBER_PER_DAY`, whatever the address); a ticket
   * that already texts this number needs no code ('already'), one that texts another is refused.
   */
  async requestCode(state: { hallId: string; hallName: string; day: string }, ticketId: string, phone: string, address: string): Promise<'sent' | 'already'> {
    const vault = this.vault();
    const { store } = this.opts;
    await this.opts.limiter.count([{ limit: 'opt-in-address', subject: address }]);
    const existing = await store.get(phoneKey(state.hallId, state.day, ticketId));
    if (existing !== null) {
      if (vault.open(existing) === phone) return 'already';
      throw new DomainError('phone_already_set', 'this ticket already texts another number');
    }
    await this.opts.limiter.count([{ limit: 'sms-codes-number', subject: perNumber(state.day, vault.tag(phone)) }]);
    const code = codeText(randomInt(0, 1_000_000));
    const key = codeKey(state.hallId, state.day, ticketId);
    // A new code replaces the one before (a mistyped number is simply asked again).
    await store.take(key);
    if (!(await store.putIfAbsent(key, vault.seal(JSON.stringify({ phone, code, nonce: randomUUID() })), CODE_TTL_MS))) {
      throw new DomainError('rate_limited', 'a code for this ticket is being sent');
    }
    const text = messages('zh-CN').notify.sms.code.replace('{hall}', withoutControlCharacters(state.hallName)).replace('{code}', code);
    try {
      await this.opts.provider!.send({ to: phone, template: 'code', params: { code }, text });
    } catch (err) {
      await store.take(key);
      this.opts.log.warn(
        { hallId: state.hallId, ticketId, to: maskPhone(phone), err: err instanceof Error ? err.message : String(err) },
        'verification code not sent',
      );
      throw new DomainError('sms_not_sent', 'the code could not be texted; try again');
    }
    this.opts.log.info({ hallId: state.hallId, ticketId, to: maskPhone(phone) }, 'verification code sent');
    return 'sent';
  }

  /**
   * Opting in, step two: the code typed back. Each try is counted first (at most `CODE_TRIES` per
   * code, a burst in parallel included); the right code is taken once, and only then is the number
   * kept for the ticket — at most `TICKETS_PER_NUMBER_PER_DAY` tickets per number.
   */
  async confirmCode(state: { hallId: string; day: string; timeZone: string }, ticketId: string, code: string): Promise<void> {
    const vault = this.vault();
    const { store } = this.opts;
    const key = codeKey(state.hallId, state.day, ticketId);
    const sealed = await store.get(key);
    if (sealed === null) throw new DomainError('sms_code_expired', 'no code waiting for this ticket: ask for a new one');
    const pending = JSON.parse(vault.open(sealed)) as { phone: string; code: string; nonce: string };
    try {
      await this.opts.limiter.count([{ limit: 'sms-code-tries', subject: pending.nonce }]);
    } catch (err) {
      await store.take(key); // past its tries, the code is spent
      throw err;
    }
    const right = code.length === pending.code.length && timingSafeEqual(Buffer.from(code), Buffer.from(pending.code));
    if (!right) throw new DomainError('sms_code_wrong', 'the code is not the one texted');
    // One use: of two right answers at once, one takes it.
    if ((await store.take(key)) === null) throw new DomainError('sms_code_expired', 'the code was used');
    await this.keep(state, ticketId, pending.phone);
  }

  /** Keeps the proved `phone` for the ticket: one number per ticket, `TICKETS_PER_NUMBER_PER_DAY` tickets per number. */
  private async keep(state: { hallId: string; day: string; timeZone: string }, ticketId: string, phone: string): Promise<void> {
    const vault = this.vault();
    const { store, now } = this.opts;
    const key = phoneKey(state.hallId, state.day, ticketId);
    // Kept until the hall's local day ends (and taken at day.closed, whichever is first).
    const ttl = Math.max(60_000, DAY_MS - localTime(now(), state.timeZone).minuteOfDay * 60_000 + 60_000);
    if (!(await store.putIfAbsent(key, vault.seal(phone), ttl))) {
      const existing = await store.get(key);
      if (existing !== null && vault.open(existing) === phone) return;
      throw new DomainError('phone_already_set', 'this ticket already texts another number');
    }
    try {
      await this.opts.limiter.count([{ limit: 'sms-tickets-number', subject: perNumber(state.day, vault.tag(phone)) }]);
    } catch (err) {
      await store.take(key);
      throw err;
    }
  }

  /**
   * A booking carrying `phone` is about to be made (hall-local `today`): counted first, refused past
   * `BOOKINGS_PER_NUMBER_PER_DAY` whatever the address. Without a data key no number is kept for
   * reminders, but bookings are still counted, under a keyed hash this process makes.
   */
  async countBooking(phone: string, today: string): Promise<void> {
    const tag = this.opts.vault ? this.opts.vault.tag(phone) : localTag(phone);
    await this.opts.limiter.count([{ limit: 'sms-bookings-number', subject: perNumber(today, tag) }]);
  }

  /** Counts one reminder to `phone` on `day`; false past `REMINDERS_PER_NUMBER_PER_DAY`. */
  private async withinReminderCap(day: string, phone: string): Promise<boolean> {
    try {
      await this.opts.limiter.count([{ limit: 'sms-reminders-number', subject: perNumber(day, this.vault().tag(phone)) }]);
      return true;
    } catch (err) {
      if (isDomainError(err) && err.code === 'rate_limited') return false;
      throw err;
    }
  }

  async optOut(hallId: string, day: string, ticketId: string): Promise<void> {
    await this.opts.store.take(phoneKey(hallId, day, ticketId));
  }

  /** The masked number a ticket texts, or null. */
  async maskedFor(hallId: string, day: string, ticketId: string): Promise<string | null> {
    if (!this.opts.vault) return null;
    const sealed = await this.opts.store.get(phoneKey(hallId, day, ticketId));
    return sealed === null ? null : maskPhone(this.opts.vault.open(sealed));
  }

  /** A batch committed on this node. */
  committed(events: HallEvent[], state: HallState): void {
    if (!this.enabled || this.closed) return;
    const hallId = state.config.id;
    this.checkReminders(hallId, state.config.timezone);
    const due: Array<{ ticketId: string; kind: SmsTemplate; params: Record<string, string> }> = [];
    let queuesMoved = false;
    for (const e of events) {
      if (e.type === 'day.closed') {
        this.track(this.eraseDay(hallId, state));
        return;
      }
      if (e.type === 'ticket.called') due.push({ ticketId: e.ticket.id, kind: 'called', params: { number: e.ticket.number, window: String(e.window.number) } });
      if (e.type.startsWith('ticket.')) queuesMoved = true;
    }
    if (queuesMoved) {
      const now = this.opts.now();
      for (const areaId of state.waiting.keys()) {
        // Only the first few in line can be due ("还有 N 位"): read from the area's kept order, not a sort of the queue.
        for (const [t, ahead] of firstInLine(state, areaId, now, smsAheadOf(state.config.policy, this.opts.ahead) + 1)) {
          if (aheadTextDue(ahead, state.config.policy, this.opts.ahead))
            due.push({ ticketId: t.id, kind: 'ahead', params: { number: t.number, ahead: String(ahead) } });
        }
      }
    }
    for (const d of due) {
      const id = logKey(hallId, state.day, d.ticketId, d.kind);
      if (this.handled.has(id)) continue;
      this.track(this.deliver(state, d.ticketId, d.kind, { hall: state.config.name, ...d.params }));
    }
  }

  private track(p: Promise<void>): void {
    const tracked = p.catch((err: unknown) => this.opts.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'notification failed'));
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }

  private async deliver(state: HallState, ticketId: string, kind: SmsTemplate, params: Record<string, string>): Promise<void> {
    const { store } = this.opts;
    const hallId = state.config.id;
    const id = logKey(hallId, state.day, ticketId, kind);
    const sealed = await store.get(phoneKey(hallId, state.day, ticketId));
    if (sealed === null) return;
    this.handled.add(id);
    await this.send(hallId, state.day, ticketId, kind, this.vault().open(sealed), params);
  }

  /** Claims the message (its log entry, create-only), then sends it with retries; nothing if another node or an earlier run claimed it. */
  private async send(hallId: string, day: string, ticketId: string, kind: SmsTemplate, phone: string, params: Record<string, string>): Promise<void> {
    const { store, now } = this.opts;
    const id = logKey(hallId, day, ticketId, kind);
    const record: DeliveryRecord = {
      hallId,
      day,
      ticketId,
      number: params.number ?? '',
      kind,
      to: maskPhone(phone),
      provider: this.opts.provider!.name,
      status: 'sending',
      attempts: 0,
      at: now(),
      doneAt: null,
      error: null,
    };
    const by = { by: 'system', at: now() };
    // The claim: whoever creates the log entry sends; everyone else has nothing to do.
    const claim = await store.writeDoc(id, 0, JSON.stringify(record), by);
    if (!claim.ok) return;
    const version = claim.version;
    // Reminders are counted per number and day once claimed (each appointment once), whoever booked.
    if (kind === 'reminder' && !(await this.withinReminderCap(day, phone))) {
      record.status = 'failed';
      record.error = 'not sent: the number has had the most reminders allowed for the day';
      record.doneAt = now();
      await store.writeDoc(id, version, JSON.stringify(record), { by: 'system', at: now() });
      this.opts.log.warn({ hallId, ticketId, kind, to: record.to }, 'reminder not sent: per-number cap');
      return;
    }
    // A name in a text message never carries a line break or another control character.
    const text = messages('zh-CN').notify.sms[kind].replace(/\{(\w+)\}/g, (_, k: string) => withoutControlCharacters(params[k] ?? ''));
    const message: SmsMessage = { to: phone, template: kind, params, text };
    for (let attempt = 1; attempt <= this.attempts && !this.closed; attempt++) {
      record.attempts = attempt;
      try {
        await this.opts.provider!.send(message);
        record.status = 'sent';
        record.error = null;
        break;
      } catch (err) {
        record.error = err instanceof Error ? err.message : String(err);
        if (attempt === this.attempts) record.status = 'failed';
        else await new Promise((resolve) => setTimeout(resolve, this.retryBaseMs * 2 ** (attempt - 1)).unref());
      }
    }
    if (record.status === 'sending') record.status = 'failed';
    record.doneAt = now();
    await store.writeDoc(id, version, JSON.stringify(record), { by: 'system', at: now() });
    this.opts.log.info({ hallId, ticketId, kind, to: record.to, status: record.status, attempts: record.attempts }, 'notification');
  }

  /** The day is over: its numbers go (the store's expiry is the backstop). */
  private async eraseDay(hallId: string, state: HallState): Promise<void> {
    for (const ticketId of state.tickets.keys()) await this.opts.store.take(phoneKey(hallId, state.day, ticketId));
    for (const appointmentId of state.appointments.keys()) await this.opts.store.take(appointmentKey(hallId, state.day, appointmentId));
  }

  /** The delivery log of a hall's day, oldest first. */
  async deliveries(hallId: string, day: string): Promise<DeliveryRecord[]> {
    const docs = await this.opts.store.listDocs(`${NOTIFY_LOG_PREFIX}${hallId}:${day}:`);
    return docs.map((d) => JSON.parse(d.value) as DeliveryRecord).sort((a, b) => a.at - b.at);
  }

  /** Waits for messages under way (tests, shutdown). */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
  }
}

/** Without a data key: a keyed hash under a key this process draws (counts per node, never the number). */
const LOCAL_TAG_KEY = randomUUID();
function localTag(phone: string): string {
  return createHmac('sha256', LOCAL_TAG_KEY).update(`phone:${phone}`).digest('base64url').slice(0, 22);
}
