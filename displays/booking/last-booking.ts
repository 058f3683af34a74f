/**
 * The citizen's latest booking per hall, kept on the phone (localStorage) so the code can be found
 * again after the page is closed. Only what the server answered is kept (the phone number masked),
 * and for a booking by ID the number masked here (`5304**********1234`), never the number itself.
 */
import type { AppointmentView } from '../../server/protocol';

/** An appointment as this phone keeps it: the server's view, and the ID number masked if booked with one. */
export type KeptBooking = AppointmentView & { idMasked?: string };

const key = (hallId: string) => `qms:booking:${hallId}`;

export function loadLastBooking(hallId: string): KeptBooking | null {
  try {
    const raw = localStorage.getItem(key(hallId));
    const parsed = raw ? (JSON.parse(raw) as KeptBooking) : null;
    return parsed && typeof parsed.code === 'string' && typeof parsed.date === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

export function saveLastBooking(hallId: string, appointment: KeptBooking): void {
  try {
    localStorage.setItem(key(hallId), JSON.stringify(appointment));
  } catch {
    // Private browsing may refuse storage: the code is still on screen.
  }
}

/** The server's newer view of a booking, keeping the masked ID number this phone knew (the server never answers it). */
export function updatedBooking(next: AppointmentView, known: KeptBooking | null): KeptBooking {
  return known?.code === next.code && known.date === next.date && known.idMasked ? { ...next, idMasked: known.idMasked } : next;
}
