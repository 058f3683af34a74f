/**
 * Halls on the wire: the list, one hall's layout and calendar (what kiosks, counters and the
 * booking page read), bookable slots and appointments.
 */
import { Type, type Static } from 'typebox';
import { CHINA_MOBILE_PATTERN } from '../../domain/phone-number';
import type { AppointmentState } from '../../domain/types';
import type { CalendarDay as DomainCalendarDay } from '../../domain/schedule';
import { Day, HourMinute, IdParam, Nullable, SessionKind, type Same } from './common';

export const HallSummary = Type.Object({ id: Type.String(), name: Type.String() });
export const HallList = Type.Array(HallSummary);

/** One opening session of a day, hall-local `HH:MM`. */
export const SessionSpec = Type.Object({ kind: SessionKind, start: Type.String(), end: Type.String() });

/** An area as citizens see it; `appointments` absent: the area takes no bookings. */
export const BookableArea = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  /** The enabled items of the hall's catalogue in this area; `id` is the item code (事项编码). */
  services: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      department: Type.Optional(Type.String()),
      aliases: Type.Optional(Type.Array(Type.String())),
      /** Pinyin worked out by the server, one space-separated syllable per character: the name's, then each alias's. */
      pinyin: Type.Optional(Type.Array(Type.String())),
      /** 材料清单: what a citizen brings for the item, when the catalogue lists it. */
      materials: Type.Optional(Type.Array(Type.String())),
    }),
  ),
  appointments: Type.Optional(Type.Object({ slotMinutes: Type.Integer(), capacity: Type.Integer() })),
  lastTicketMinutes: Type.Optional(Type.Integer()),
  dailyCap: Type.Optional(Type.Integer()),
  kind: Type.Optional(Type.Literal('complaint')),
  identity: Type.Optional(
    Type.Union([Type.Literal('required'), Type.Literal('optional'), Type.Literal('off')], {
      description: "实名取号 · Whether a ticket here needs the citizen's ID (absent: off)",
    }),
  ),
});

export const HallDetail = Type.Object({
  id: Type.String(),
  name: Type.String(),
  timezone: Type.String(),
  /** Where the hall is (absent: not configured). */
  address: Type.Optional(Type.String()),
  areas: Type.Array(BookableArea),
  windows: Type.Array(Type.Object({ id: Type.String(), number: Type.Integer(), name: Type.String(), areaIds: Type.Array(Type.String()) })),
  schedule: Type.Object({
    workday: Type.Array(SessionSpec),
    weekly: Type.Array(Type.Object({ weekday: Type.Integer(), session: SessionSpec })),
    holidays: Type.Array(Type.String()),
    makeupWorkdays: Type.Array(Type.String()),
    bookingDaysAhead: Type.Optional(Type.Integer()),
  }),
  /** The queue policy in effect: the hall's values, defaults filled in. */
  policy: Type.Object({
    maxPreferredInARow: Type.Integer({ description: '绿色通道/预约连续优先呼叫上限 · Preferred calls in a row while a normal ticket waits' }),
    agingMinutes: Type.Integer({ description: '普通号等候超过此分钟数按优先处理 · A normal ticket waiting this long is called as priority' }),
    recallLimit: Type.Integer({ description: '重呼上限 · Recalls of one call' }),
    requeueBehind: Type.Integer({ description: '过号重排：排在本区域几位等候者之后（默认 3）· Re-queued ticket goes behind this many waiting (default 3)' }),
    maxRequeues: Type.Integer({ description: '每张号票可重排次数（默认 1）· Re-queues per ticket (default 1)' }),
    requeueWithinMinutes: Type.Integer({ description: '过号后多少分钟内可重排（默认 60）· Minutes after the no-show a re-queue is allowed (default 60)' }),
    noShowAfterSeconds: Type.Integer({
      description: '叫号后至少多少秒才能标记过号（默认 60）· Seconds after the call before a no-show may be marked (default 60)',
    }),
    noShowUndoSeconds: Type.Integer({
      description: '过号后多少秒内可在本窗口撤销（默认 120）· Seconds after a no-show it may be undone at its window (default 120)',
    }),
    smsAhead: Type.Integer({ description: '短信“还有 N 位”的 N（默认 QMS_SMS_AHEAD，即 3）· Text "N ahead" at this N (default QMS_SMS_AHEAD, 3)' }),
    identityPerDay: Type.Integer({ description: '实名取号：每人每日在本大厅可取号数（默认 3）· Tickets per person per day (default 3)' }),
    identityKeepName: Type.Boolean({ description: '实名取号：当日保存姓名供窗口核对（默认否）· Keep the name for the clerk, for the day (default false)' }),
    waitTargetMinutes: Type.Integer({
      description: '排班建议：九成群众等候不超过此分钟数（默认 20）· Staffing advice: 90th-percentile wait target, minutes (default 20)',
    }),
  }),
  /** 呼叫器: the counter terminal's keys per action, the hall's map over the defaults. */
  counterKeys: Type.Record(Type.String(), Type.Array(Type.String())),
  /** 一件事一次办: the bundles a ticket may be taken for (`journeyId`), each step an area and maybe a service. */
  journeys: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      steps: Type.Array(Type.Object({ areaId: Type.String(), serviceId: Type.Optional(Type.String()) })),
    }),
  ),
  /** The server's "now" in hall time, and the hall's date: phones and demos (QMS_CLOCK_START) agree on today. */
  now: Type.String(),
  today: Type.String(),
});

export const CalendarDay = Type.Object({
  date: Type.String(),
  kind: Type.Union([Type.Literal('workday'), Type.Literal('weekend'), Type.Literal('holiday'), Type.Literal('makeup_workday')]),
  sessions: Type.Array(SessionSpec),
});

export const CalendarQuery = Type.Object({ from: Day, to: Day });
export const CalendarResponse = Type.Object({ days: Type.Array(CalendarDay) });

export const SlotView = Type.Object({ start: Type.String(), end: Type.String(), capacity: Type.Integer(), available: Type.Integer() });

export const PlacesQuery = Type.Object({ from: Day, to: Day, areaId: Type.Optional(Type.String()), serviceId: Type.Optional(Type.String()) });
export const PlacesResponse = Type.Object({
  areaId: Type.String(),
  /** Each bookable day asked for: places left (`available`) of the places its bookable slots have (`capacity`); a closed day has 0 of 0. */
  days: Type.Array(Type.Object({ date: Type.String(), available: Type.Integer(), capacity: Type.Integer() })),
});

export const SlotsQuery = Type.Object({ date: Day, areaId: Type.Optional(Type.String()), serviceId: Type.Optional(Type.String()) });
export const SlotsResponse = Type.Object({ date: Type.String(), areaId: Type.String(), slots: Type.Array(SlotView) });

export const AppointmentStatus = Type.Union([Type.Literal('booked'), Type.Literal('checked_in'), Type.Literal('cancelled'), Type.Literal('missed')]);

export const AppointmentView = Type.Object({
  id: Type.String(),
  code: Type.String(),
  areaId: Type.String(),
  serviceId: Nullable(Type.String()),
  date: Type.String(),
  start: Type.String(),
  end: Type.String(),
  phoneMasked: Nullable(Type.String()),
  status: AppointmentStatus,
  identified: Type.Boolean({ description: '实名预约 · Booked with an ID number: laying the card checks it in (the number itself is never answered)' }),
});

export const BookingRequest = Type.Object(
  {
    areaId: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    serviceId: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    date: Day,
    start: HourMinute,
    phone: Type.Optional(Type.String({ pattern: CHINA_MOBILE_PATTERN })),
    /** 实名预约: booked with an ID number, the appointment checks in by laying the card (no code needed). */
    idNumber: Type.Optional(
      Type.String({ minLength: 15, maxLength: 20, description: '18-digit 公民身份号码; kept only as a keyed hash and, sealed for the day, its masked form' }),
    ),
  },
  { additionalProperties: false },
);

export const AppointmentCodeParams = Type.Object({ hallId: IdParam, code: Type.String({ pattern: '^\\d{6}$' }) });
export const AppointmentBody = Type.Object({ appointment: AppointmentView });
export const AppointmentsQuery = Type.Object({ date: Day });
export const AppointmentList = Type.Object({ appointments: Type.Array(AppointmentView) });

// Compile-time: the schemas describe exactly the domain's shapes.
type AppointmentFields = Pick<AppointmentState, Exclude<keyof Static<typeof AppointmentView>, 'identified'>> & { identified: boolean };
const sameAppointment: Same<Static<typeof AppointmentView>, AppointmentFields> = true;
const sameCalendarDay: Same<Static<typeof CalendarDay>, DomainCalendarDay> = true;
void sameAppointment;
void sameCalendarDay;
