/**
 * The public shapes the booking page reads (calendar, slots, appointments; the hall with
 * each area's appointment settings). Types only: the server owns the rules behind them.
 */
import type { CalendarDay } from '../../server/domain/schedule';
import type { HallDetail } from '../../server/protocol';

export type { CalendarDay };

export interface BookableArea {
  id: string;
  name: string;
  prefix: string;
  services: Array<{ id: string; name: string }>;
  /** Absent: the area takes no appointments. */
  appointments?: { slotMinutes: number; capacity: number };
}

export type BookingHall = Omit<HallDetail, 'areas'> & {
  areas: BookableArea[];
  schedule: { bookingDaysAhead?: number };
  /** The server's now (hall time, ISO) and the hall's date. */
  now: string;
  today: string;
};

export interface SlotView {
  start: string;
  end: string;
  capacity: number;
  available: number;
}

export interface SlotsResponse {
  date: string;
  areaId: string;
  slots: SlotView[];
}

export type AppointmentStatus = 'booked' | 'checked_in' | 'cancelled' | 'missed';

export interface AppointmentView {
  id: string;
  code: string;
  areaId: string;
  serviceId: string | null;
  date: string;
  start: string;
  end: string;
  phoneMasked: string | null;
  status: AppointmentStatus;
}
