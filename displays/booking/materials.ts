/**
 * 材料清单 and the hall's address as the booking page shows them: under the chosen service while
 * booking (folded until the last step) and in full on the receipt. The list is the catalogue item's
 * own; an area chosen without a service has none, and only the general reminder is said.
 */
import { css, html, nothing } from 'lit';
import { messages, type Locale } from '../../server/i18n';
import type { BookingHall } from '../../server/protocol';
import { fill } from '../shared/words';

/** The materials of a service item of the hall, or an empty list. */
export function materialsOf(hall: BookingHall | null, areaId: string, serviceId: string | null): readonly string[] {
  if (!serviceId) return [];
  return hall?.areas.find((a) => a.id === areaId)?.services.find((s) => s.id === serviceId)?.materials ?? [];
}

/** The list under a heading; `folded`: a disclosure the citizen opens (a long list would push the choices down). */
export function renderMaterials(list: readonly string[], locale: Locale, folded: boolean) {
  if (list.length === 0) return nothing;
  const w = messages(locale).calendar.booking;
  const items = html`<p class="muted">${w.materialsHint}</p>
    <ul class="materials-list">
      ${list.map((m) => html`<li>${m}</li>`)}
    </ul>`;
  return folded
    ? html`<details class="materials"><summary>${fill(w.materialsCount, { n: list.length })}</summary>${items}</details>`
    : html`<section class="materials" aria-label=${w.materials}><h3>${fill(w.materialsCount, { n: list.length })}</h3>${items}</section>`;
}

/** The hall's address line (nothing when the hall has none configured). */
export function renderAddress(hall: BookingHall | null, locale: Locale) {
  if (!hall?.address) return nothing;
  const w = messages(locale).calendar.booking;
  return html`<p class="address"><span class="address-label">${w.address}</span><span class="address-text">${hall.address}</span></p>`;
}

export const materialsStyles = css`
  .materials {
    display: grid;
    gap: 6px;
    margin-top: 10px;
    padding-top: 10px;
    border-top: 2px solid #ccc;
  }
  .materials summary,
  .materials h3 {
    margin: 0;
    min-height: 44px;
    display: flex;
    align-items: center;
    font-size: 20px;
    font-weight: 800;
  }
  /* Folded: a control that says it opens (▸), and open (▾). */
  .materials summary {
    list-style: none;
    padding: 0 12px;
    border: 2px solid #111;
    border-radius: 10px;
    cursor: pointer;
  }
  .materials summary::-webkit-details-marker {
    display: none;
  }
  .materials summary::before {
    content: '▸';
    margin-right: 8px;
  }
  .materials[open] summary::before {
    content: '▾';
  }
  .materials-list {
    margin: 0;
    padding-left: 1.4em;
    display: grid;
    gap: 4px;
    font-size: 19px;
    line-height: 1.35;
  }
  .address {
    display: grid;
    gap: 2px;
    margin-top: 10px;
    font-size: 19px;
  }
  .address-label {
    font-size: 17px;
    color: var(--p-muted);
  }
  .address-text {
    font-weight: 700;
  }
`;
