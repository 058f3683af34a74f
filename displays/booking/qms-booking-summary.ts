/**
 * What the citizen has chosen so far, above the wizard's later steps, each with a 修改 button that
 * fires `qms-booking-go` with the step to go back to (`area`, `date` or `slot`).
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { messages, type Locale } from '../../server/i18n';
import { fill } from '../shared/words';
import { fireBookingEvent } from './booking-event';
import type { BookingHall, SlotView } from '../../server/protocol';
import { dateLabel } from './date-words';
import { phoneStyles } from './phone-styles';
import type { BookingChoice } from './qms-booking-area';
import { bookingSummaryStyles } from './qms-booking-summary-styles';
import { materialsOf, materialsStyles, renderAddress, renderMaterials } from './materials';

@customElement('qms-booking-summary')
export class QmsBookingSummary extends LitElement {
  static override styles = [phoneStyles, bookingSummaryStyles, materialsStyles];

  @property({ attribute: false }) hall: BookingHall | null = null;
  @property({ attribute: false }) choice: BookingChoice | null = null;
  /** Shown once chosen and the citizen is past the day step. */
  @property() date: string | null = null;
  /** Shown on the phone step. */
  @property({ attribute: false }) time: SlotView | null = null;
  @property() locale: Locale = 'zh-CN';
  /** The 材料清单 shown open (the last step), not folded. */
  @property({ type: Boolean }) materialsOpen = false;

  override render() {
    const t = messages(this.locale).calendar;
    const w = t.booking;
    const c = this.choice;
    if (!c) return nothing;
    const area = this.hall?.areas.find((a) => a.id === c.areaId);
    const service = c.serviceId ? area?.services.find((s) => s.id === c.serviceId) : undefined;
    const change = (what: string, step: string) =>
      html`<button type="button" aria-label=${`${w.change} ${what}`} @click=${() => fireBookingEvent(this, 'qms-booking-go', step)}>${w.change}</button>`;
    return html`<section class="card summary">
      <dl>
        <dt>${w.chosenArea}</dt>
        <dd>
          <span class="chosen-area">${service ? html`${service.name}<br /><span class="muted">${area?.name}</span>` : area?.name}</span>
          ${change(w.chosenArea, 'area')}
        </dd>
        ${
          this.date
            ? html`<dt>${w.chosenDate}</dt>
              <dd><span class="chosen-date">${dateLabel(this.date, this.locale)}</span> ${change(w.chosenDate, 'date')}</dd>`
            : nothing
        }
        ${
          this.time
            ? html`<dt>${w.chosenTime}</dt>
              <dd>
                <span class="chosen-time">${fill(t.common.timeRange, { start: this.time.start, end: this.time.end })}</span> ${change(w.chosenTime, 'slot')}
              </dd>`
            : nothing
        }
      </dl>
      ${renderMaterials(materialsOf(this.hall, c.areaId, c.serviceId), this.locale, !this.materialsOpen)} ${renderAddress(this.hall, this.locale)}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-booking-summary': QmsBookingSummary;
  }
}
