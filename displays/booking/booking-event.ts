/** The wizard's steps tell the booking page what the citizen did with `qms-booking-…` events. */
export function fireBookingEvent(from: HTMLElement, type: `qms-booking-${string}`, detail: unknown = null): void {
  from.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}
