/**
 * The contact phone a citizen may leave with a bad rating (差评), for the manager's call-back (回访).
 * Kept like every citizen's number (see notifier.ts): sealed (`PhoneVault`, QMS_DATA_KEY) in an
 * expiring store value, never in an event or a log line; the rating event and the follow-up list
 * carry the masked form (138****1234) only. It expires 30 days after the follow-up's deadline and is
 * taken away as soon as a follow-up marks the matter put right. Without a data key no number is taken.
 */
import { DomainError } from '../domain/errors';
import { addWorkingDays, FOLLOW_UP_WORKDAYS } from '../domain/rating-follow-up';
import { addDays } from '../domain/time';
import type { CalendarConfig } from '../domain/types';
import type { EventStore } from '../store/event-store';
import type { PhoneVault } from './phone-vault';

const DAY_MS = 24 * 3600_000;
/** Days after the follow-up deadline that an overdue call-back may still use the number. */
export const CONTACT_KEEP_AFTER_DUE_DAYS = 30;

const contactKey = (hallId: string, day: string, ticketId: string) => `rating-contact:${hallId}:${day}:${ticketId}`;

export class RatingContacts {
  constructor(
    private readonly store: EventStore,
    private readonly vault: PhoneVault | null,
  ) {}

  /** Whether numbers can be kept (a data key is set). */
  get enabled(): boolean {
    return this.vault !== null;
  }

  private sealer(): PhoneVault {
    if (!this.vault) throw new DomainError('notifications_off', 'set QMS_DATA_KEY to keep contact numbers with ratings');
    return this.vault;
  }

  /** Keeps `phone` (compact, checked) for the rating of `ticketId` on `day`, until 30 days after its follow-up is due. */
  async keep(hallId: string, day: string, ticketId: string, phone: string, calendar: CalendarConfig): Promise<void> {
    const vault = this.sealer();
    const until = addDays(addWorkingDays(calendar, day, FOLLOW_UP_WORKDAYS), CONTACT_KEEP_AFTER_DUE_DAYS);
    let days = 1;
    for (let d = day; d < until && days < 400; d = addDays(d, 1)) days++;
    await this.store.putIfAbsent(contactKey(hallId, day, ticketId), vault.seal(phone), days * DAY_MS);
  }

  /** The number in full, for the manager calling back; null when none was left (or it has expired). */
  async reveal(hallId: string, day: string, ticketId: string): Promise<string | null> {
    if (!this.vault) return null;
    const sealed = await this.store.get(contactKey(hallId, day, ticketId));
    return sealed === null ? null : this.vault.open(sealed);
  }

  /** The matter is put right: the number is no longer needed. */
  async erase(hallId: string, day: string, ticketId: string): Promise<void> {
    await this.store.take(contactKey(hallId, day, ticketId));
  }
}
