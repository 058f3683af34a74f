/**
 * The citizen's latest booking per hall, kept on the phone (localStorage) so the code can be found
 * again after the page is closed. Only what the server answered is kept (the phone number masked).
 */
import type { AppointmentView } from '../../server/protocol';

const key = (hallId: string) => `qms:booking:${hallId}`;

export function loadLastBooking(hallId: string): AppointmentView | null {
  try {
    const raw = localStorage.getItem(key(hallId));
    const parsed = raw ? (JSON.parse(raw) as AppointmentView) : null;
    return parsed && typeof parsed.code === 'string' && typeof parsed.date === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

export function saveLastBooking(hallId: string, appointment: AppointmentView): void {
  try {
    localStorage.setItem(key(hallId), JSON.stringify(appointment));
  } catch {
    // Private browsing may refuse storage: the code is still on screen.
  }
}
