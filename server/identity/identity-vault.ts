/**
 * What the hall keeps of a citizen who took a ticket by ID, and how long: the masked number
 * (`5304**********1234`) and, where the hall's policy says so, the name — sealed
 * (`identity-crypto.ts`) in an expiring store value that ends with the hall's day and is taken away
 * at `day.closed`, like phone numbers (`notifier.ts`). The store key names the ticket (or the
 * booking), never the person. The log keeps only the keyed hash (`TicketIdentity`).
 */
import type { HallEvent } from '../domain/events';
import { DomainError } from '../domain/errors';
import { checkIdentityInput, IDENTITY_PROBLEM_CODES, type CheckedIdentity, type IdentityVia } from '../domain/identity-input';
import { maskResidentId } from '../domain/resident-id';
import { addDays, localTime } from '../domain/time';
import type { HallState } from '../domain/types';
import type { EventStore } from '../store/event-store';
import type { IdentityCrypto } from '../auth/identity-crypto';

/** What the clerk's screen shows of the called citizen. */
export interface IdentityRecord {
  masked: string;
  name: string | null;
}

export const IDENTITY_KEY_PREFIX = 'identity:';
const ticketKey = (hallId: string, day: string, ticketId: string) => `${IDENTITY_KEY_PREFIX}ticket:${hallId}:${day}:${ticketId}`;
const appointmentKey = (hallId: string, date: string, appointmentId: string) => `${IDENTITY_KEY_PREFIX}appt:${hallId}:${date}:${appointmentId}`;
const DAY_MS = 24 * 3600_000;
const MINUTE_MS = 60_000;

export class IdentityVault {
  constructor(
    private readonly store: EventStore,
    private readonly crypto: IdentityCrypto | null,
    private readonly now: () => number,
    private readonly log: { warn: (obj: object, msg: string) => void },
  ) {}

  get enabled(): boolean {
    return this.crypto !== null;
  }

  private sealer(): IdentityCrypto {
    if (!this.crypto) throw new DomainError('identity_unavailable', 'set QMS_DATA_KEY to take tickets by ID');
    return this.crypto;
  }

  /** The input checked (refused with words when it is no valid ID) and its hash for the hall's day. */
  check(hallId: string, day: string, input: { text: string; name?: string; via: IdentityVia }): { identity: CheckedIdentity; tag: string } {
    const crypto = this.sealer();
    const checked = checkIdentityInput(input);
    // The message never repeats the input: it may be a real number with one digit wrong.
    if (!checked.ok) throw new DomainError(IDENTITY_PROBLEM_CODES[checked.problem], `identity: ${checked.problem}`, { field: 'identity' });
    return { identity: checked.identity, tag: crypto.tag(hallId, day, checked.identity.idNumber) };
  }

  private sealed(identity: CheckedIdentity, keepName: boolean): string {
    const record: IdentityRecord = { masked: maskResidentId(identity.idNumber), name: keepName ? identity.name : null };
    return this.sealer().seal(JSON.stringify(record));
  }

  /** Until the end of `date` in the hall's zone (and a minute), from now. */
  private ttlUntilEndOf(date: string, timeZone: string): number {
    const local = localTime(this.now(), timeZone);
    let days = 0;
    for (let d = local.date; d < date && days < 400; d = addDays(d, 1)) days++;
    return Math.max(MINUTE_MS, days * DAY_MS + DAY_MS - local.minuteOfDay * MINUTE_MS + MINUTE_MS);
  }

  async keepForTicket(hallId: string, day: string, timeZone: string, ticketId: string, identity: CheckedIdentity, keepName: boolean): Promise<void> {
    await this.store.putIfAbsent(ticketKey(hallId, day, ticketId), this.sealed(identity, keepName), this.ttlUntilEndOf(day, timeZone));
  }

  async keepForAppointment(hallId: string, date: string, timeZone: string, appointmentId: string, identity: CheckedIdentity, keepName: boolean): Promise<void> {
    await this.store.putIfAbsent(appointmentKey(hallId, date, appointmentId), this.sealed(identity, keepName), this.ttlUntilEndOf(date, timeZone));
  }

  /** The masked number and name kept for a ticket (or for the booking it was checked in for), or null. */
  async forTicket(hallId: string, day: string, ticketId: string, appointmentId: string | null): Promise<IdentityRecord | null> {
    if (!this.crypto) return null;
    const sealed =
      (await this.store.get(ticketKey(hallId, day, ticketId))) ?? (appointmentId ? await this.store.get(appointmentKey(hallId, day, appointmentId)) : null);
    return sealed === null ? null : (JSON.parse(this.crypto.open(sealed)) as IdentityRecord);
  }

  /** A batch committed on this node: at `day.closed` the day's identities go (the expiry is the backstop). */
  committed(events: HallEvent[], state: HallState): void {
    if (!events.some((e) => e.type === 'day.closed')) return;
    this.eraseDay(state).catch((err: unknown) =>
      this.log.warn({ err: err instanceof Error ? err.message : String(err), hallId: state.config.id, day: state.day }, 'identities not erased at day close'),
    );
  }

  private async eraseDay(state: HallState): Promise<void> {
    const hallId = state.config.id;
    for (const t of state.tickets.values()) if (t.identityTag !== null) await this.store.take(ticketKey(hallId, state.day, t.id));
    for (const a of state.appointments.values()) if (a.identityTag !== undefined) await this.store.take(appointmentKey(hallId, state.day, a.id));
  }
}
