/**
 * The booking wizard's time step: the day's slots grouped by session, each with the places left,
 * full ones crossed out. Fires `qms-booking-slot` with the slot, or `qms-booking-back` when the day
 * has none left.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { messages, type Locale } from '../../server/i18n';
import type { SessionSpec } from '../../server/domain/types';
import { fill } from '../shared/words';
import { fireBookingEvent } from './booking-event';
import { bookingStepStyles } from './booking-step-styles';
import type { SlotView } from '../../server/protocol';
import { sessionOf, sessionText } from './date-words';
import { phoneStyles } from './phone-styles';
import { bookingSlotsStyles } from './qms-booking-slots-styles';

@customElement('qms-booking-slots')
export class QmsBookingSlots extends LitElement {
  static override styles = [phoneStyles, bookingStepStyles, bookingSlotsStyles];

  /** Null while they are on their way. */
  @property({ attribute: false }) slots: SlotView[] | null = null;
  /** The chosen day's sessions, to group the slots under. */
  @property({ attribute: false }) sessions: readonly SessionSpec[] = [];
  /** The slot chosen before, if the citizen came back to change it. */
  @property() chosen: string | null = null;
  @property() locale: Locale = 'zh-CN';

  override render() {
    const t = messages(this.locale).calendar;
    const w = t.booking;
    if (!this.slots) return html`<h2>${w.stepSlot}</h2><p>${t.common.loading}</p>`;
    if (this.slots.length === 0) {
      return html`<h2>${w.stepSlot}</h2>
        <p class="error no-slots" role="status">${w.noSlots}</p>
        <button type="button" @click=${() => fireBookingEvent(this, 'qms-booking-back')}>${w.back}</button>`;
    }
    const groups = new Map<string, SlotView[]>();
    for (const s of this.slots) {
      const session = sessionOf(this.sessions, s.start);
      const title = session ? sessionText(session, this.locale) : '';
      groups.set(title, [...(groups.get(title) ?? []), s]);
    }
    return html`<h2>${w.stepSlot}</h2>
      ${[...groups].map(
        ([title, slots]) => html`${title ? html`<h3>${title}</h3>` : nothing}
          <div class="slots">
            ${slots.map((s) => {
              const full = s.available <= 0;
              return html`<button
                type="button"
                class="slot ${full ? 'full' : 'free'}"
                data-start=${s.start}
                ?disabled=${full}
                aria-pressed=${this.chosen === s.start ? 'true' : 'false'}
                @click=${() => fireBookingEvent(this, 'qms-booking-slot', s)}
              >
                <span class="t">${fill(t.common.timeRange, { start: s.start, end: s.end })}</span>
                <span class="left">${full ? w.full : fill(w.placesLeft, { n: s.available })}</span>
              </button>`;
            })}
          </div>`,
      )}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-booking-slots': QmsBookingSlots;
  }
}
