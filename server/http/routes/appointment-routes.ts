/**
 * The hall calendar and appointments (预约). Booking, slots and cancelling are public — citizens book
 * from their phones — and limited per address; the day's list is for managers. A booking is a
 * command on the log of the day it is for.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { bookableSlots, bookingDaysAhead, dateOfCode, refuseCheckInOnOtherDay } from '../../domain/appointments';
import { servicesOf } from '../../domain/catalogue';
import { DomainError } from '../../domain/errors';
import { compactPhone } from '../../domain/phone-number';
import { calendarDay } from '../../domain/schedule';
import { addDays, localDate, localTime } from '../../domain/time';
import type { AppointmentState, AreaConfig, HallConfig } from '../../domain/types';
import type { IdentityVault } from '../../identity/identity-vault';
import { errorResponses, HallParams } from '../schemas/common';
import {
  AppointmentBody,
  AppointmentCodeParams,
  AppointmentList,
  AppointmentsQuery,
  BookingRequest,
  CalendarQuery,
  CalendarResponse,
  PlacesQuery,
  PlacesResponse,
  SlotsQuery,
  SlotsResponse,
} from '../schemas/halls';

const MAX_CALENDAR_DAYS = 366;
const tags = ['appointments'];

function view(a: AppointmentState) {
  return {
    id: a.id,
    code: a.code,
    areaId: a.areaId,
    serviceId: a.serviceId,
    date: a.date,
    start: a.start,
    end: a.end,
    phoneMasked: a.phoneMasked,
    status: a.status,
    identified: a.identityTag !== undefined,
  };
}

export function hallOf(app: FastifyInstance, hallId: string): HallConfig {
  const hall = app.qms.service.hall(hallId);
  if (!hall) throw new DomainError('hall_not_found', `no hall ${hallId}`);
  return hall;
}

function today(app: FastifyInstance, hall: HallConfig): string {
  return localDate(app.qms.clock.now(), hall.timezone);
}

/** The area a booking question names: by a service item of the catalogue, or by the area's id; 400 when neither is known. */
export function bookingArea(app: FastifyInstance, hall: HallConfig, q: { areaId?: string; serviceId?: string }): AreaConfig {
  const catalogue = app.qms.catalogue.items(hall.id) ?? [];
  const area = q.serviceId ? hall.areas.find((a) => servicesOf(catalogue, a.id).some((s) => s.id === q.serviceId)) : hall.areas.find((a) => a.id === q.areaId);
  if (!area)
    throw new DomainError('invalid_request', q.serviceId ? 'serviceId: unknown service' : 'areaId: unknown area', {
      field: q.serviceId ? 'serviceId' : 'areaId',
    });
  return area;
}

/** Public writes are limited per address so a script cannot fill or empty a day's slots. */
async function limitPublicWrites(app: FastifyInstance, request: FastifyRequest): Promise<void> {
  await app.qms.limiter.count([{ limit: 'booking-address', subject: request.ip }]);
}

/**
 * The day an appointment code belongs to (its first two digits are the day of month), or a clear
 * refusal: unknown codes are `appointment_not_found`.
 */
export function dayOfCode(app: FastifyInstance, hall: HallConfig, code: string): string {
  const date = dateOfCode(code, today(app, hall), bookingDaysAhead(hall));
  if (!date) throw new DomainError('appointment_not_found', `no appointment ${code}`);
  return date;
}

/**
 * A code checked in on the wrong day: today's hall does not know it, but its own day may. Say
 * early or late (or not found) instead of a bare 404.
 */
export async function refuseOtherDayCheckIn(app: FastifyInstance, hallId: string, code: string): Promise<void> {
  const hall = hallOf(app, hallId);
  const now = today(app, hall);
  const day = dateOfCode(code, now, bookingDaysAhead(hall));
  if (day === null || day === now) return;
  await app.qms.service.query(hallId, (state) => refuseCheckInOnOtherDay(state, code, now), day);
}

/** Keeps a booking's phone number for the reminder the evening before (the notifier seals it); absent: no reminders. */
export type RememberForReminder = (hallId: string, date: string, appointmentId: string, phone: string) => Promise<void>;
/** Counts a booking carrying `phone` (hall-local `today`); throws `too_many_bookings` past the per-number cap. */
export type CountBooking = (phone: string, today: string) => Promise<void>;

const appointmentRoutes: FastifyPluginAsyncTypebox<{ remember?: RememberForReminder; countBooking?: CountBooking; identity: IdentityVault }> = async (
  app,
  { remember, countBooking, identity: identities },
) => {
  app.get(
    '/halls/:hallId/calendar',
    {
      schema: {
        summary: '开放日历 · Opening days and sessions from one day to another',
        tags,
        params: HallParams,
        querystring: CalendarQuery,
        response: { 200: CalendarResponse, ...errorResponses },
      },
    },
    async (request) => {
      const hall = hallOf(app, request.params.hallId);
      const { from, to } = request.query;
      if (to < from) throw new DomainError('invalid_request', 'to: must not be before from', { field: 'to' });
      if (addDays(from, MAX_CALENDAR_DAYS - 1) < to) throw new DomainError('invalid_request', `to: at most ${MAX_CALENDAR_DAYS} days`, { field: 'to' });
      const days = [];
      for (let d = from; d <= to; d = addDays(d, 1)) days.push(calendarDay(hall.calendar, d));
      return { days };
    },
  );

  app.get(
    '/halls/:hallId/appointments/slots',
    {
      schema: {
        summary: '可约时段 · Bookable slots of a day for an area or service',
        tags,
        params: HallParams,
        querystring: SlotsQuery,
        response: { 200: SlotsResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId } = request.params;
      const hall = hallOf(app, hallId);
      const q = request.query;
      const area = bookingArea(app, hall, q);
      const now = today(app, hall);
      if (q.date < now || q.date > addDays(now, bookingDaysAhead(hall))) return { date: q.date, areaId: area.id, slots: [] };
      return app.qms.service.query(
        hallId,
        (state, nowMs) => {
          // Today, only slots that have not ended yet can be booked.
          const minute = q.date === now ? localTime(nowMs, hall.timezone).minuteOfDay : -1;
          return { date: q.date, areaId: area.id, slots: bookableSlots(hall, state, area, q.date, minute) };
        },
        q.date,
      );
    },
  );

  app.get(
    '/halls/:hallId/appointments/places',
    {
      schema: {
        summary: '各日剩余名额 · Places left on each bookable day for an area or service',
        description:
          'The sum of the places left in the bookable slots of each day from `from` to `to`, as `/appointments/slots` counts them. ' +
          'Only days within the booking horizon (today to `bookingDaysAhead` days ahead) are answered; others are left out.',
        tags,
        params: HallParams,
        querystring: PlacesQuery,
        response: { 200: PlacesResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId } = request.params;
      const hall = hallOf(app, hallId);
      const q = request.query;
      if (q.to < q.from) throw new DomainError('invalid_request', 'to: must not be before from', { field: 'to' });
      const area = bookingArea(app, hall, q);
      const now = today(app, hall);
      // Bounded by the booking horizon: at most 28 days, each one query of that day's bookings.
      const from = q.from < now ? now : q.from;
      const last = addDays(now, bookingDaysAhead(hall));
      const to = q.to > last ? last : q.to;
      const days: Array<{ date: string; available: number; capacity: number }> = [];
      for (let d = from; d <= to; d = addDays(d, 1)) {
        const slots = await app.qms.service.query(
          hallId,
          (state, nowMs) => bookableSlots(hall, state, area, d, d === now ? localTime(nowMs, hall.timezone).minuteOfDay : -1),
          d,
        );
        days.push({ date: d, available: slots.reduce((n, s) => n + s.available, 0), capacity: slots.reduce((n, s) => n + s.capacity, 0) });
      }
      return { areaId: area.id, days };
    },
  );

  app.post(
    '/halls/:hallId/appointments',
    {
      schema: {
        summary: '预约 · Book a slot (limited per address, and per phone number: 3 a day)',
        tags,
        params: HallParams,
        body: BookingRequest,
        response: { 201: AppointmentBody, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { hallId } = request.params;
      const hall = hallOf(app, hallId);
      const { idNumber, ...body } = request.body;
      await limitPublicWrites(app, request);
      // 实名预约: only the number's keyed hash for this hall and day goes into the log.
      const given = idNumber === undefined ? null : identities.check(hallId, body.date, { text: idNumber, via: 'typed' });
      // Per number as well as per address: a script with many addresses still reaches one phone only a few times a day.
      if (countBooking && body.phone) await countBooking(compactPhone(body.phone).replace(/^\+?86/, ''), today(app, hallOf(app, hallId)));
      const { appointment, identified, keepName } = await app.qms.service.execute(
        hallId,
        {
          command: { type: 'book-appointment', ...body, ...(given ? { identityTag: given.tag } : {}) },
          commandId: request.commandId,
          actor: request.user ? { id: request.user.sub, role: request.user.role } : null,
          respond: (state, outcome) => {
            const a = state.appointments.get(outcome.appointmentId ?? '')!;
            return { appointment: view(a), identified: given !== null && a.identityTag === given.tag, keepName: state.config.policy.identityKeepName ?? false };
          },
        },
        body.date,
      );
      if (given && identified) await identities.keepForAppointment(hallId, body.date, hall.timezone, appointment.id, given.identity, keepName);
      if (remember && body.phone) await remember(hallId, body.date, appointment.id, compactPhone(body.phone).replace(/^\+?86/, ''));
      reply.code(201);
      return { appointment };
    },
  );

  app.post(
    '/halls/:hallId/appointments/:code/cancel',
    {
      schema: {
        summary: '取消预约 · Cancel an appointment by its code',
        tags,
        params: AppointmentCodeParams,
        response: { 200: AppointmentBody, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId, code } = request.params;
      const hall = hallOf(app, hallId);
      await limitPublicWrites(app, request);
      const day = dayOfCode(app, hall, code);
      const appointment = await app.qms.service.execute(
        hallId,
        {
          command: { type: 'cancel-appointment', code },
          commandId: request.commandId,
          actor: request.user ? { id: request.user.sub, role: request.user.role } : null,
          respond: (state, outcome) => view(state.appointments.get(outcome.appointmentId ?? '')!),
        },
        day,
      );
      return { appointment };
    },
  );

  app.get(
    '/halls/:hallId/appointments',
    {
      onRequest: app.authorize({ roles: ['manager', 'clerk'] }),
      schema: {
        summary: '当日预约 · The appointments of a day',
        tags,
        params: HallParams,
        querystring: AppointmentsQuery,
        response: { 200: AppointmentList, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId } = request.params;
      const { date } = request.query;
      return app.qms.service.query(hallId, (state) => ({ appointments: [...state.appointments.values()].map(view) }), date);
    },
  );
};

export default appointmentRoutes;
