/**
 * The schema of a hall's configuration document — the parts a browser can check too (TypeBox only,
 * no I/O): the config file loader (`halls.ts`), the store document (`hall-doc.ts`) and the
 * console's forms all use it. `checkHallDoc` answers every problem of a candidate document as
 * structured problems: schema failures first (`invalid_value` at the field's path), then the
 * consistency rules of `server/domain/hall-rules.ts`.
 */
import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';
import { hallConfigProblems, type HallProblem } from '../domain/hall-rules';
import { DEVICE_ID_MAX, PRINTER_ADDRESS_SOURCE } from '../domain/device-rules';
import { CATALOGUE_MATERIAL_MAX, CATALOGUE_MATERIALS_MAX } from '../domain/catalogue';
import { NOTICE_MAX_LENGTH, STANDING_NOTICES_MAX } from '../domain/notice-rules';
import { COUNTER_ACTIONS, COUNTER_KEY_PATTERN, type CounterAction } from '../domain/counter-keys';
import { PLAIN_TEXT_SOURCE } from '../domain/plain-text';

/** A name people type: it reaches paper, text messages and line protocols, so no control character (`plain-text.ts`). */
const Name = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: PLAIN_TEXT_SOURCE });

const Id = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$' });
const HHMM = Type.String({ pattern: '^([01]\\d|2[0-4]):[0-5]\\d$' });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Session = Type.Object({ kind: Type.Union([Type.Literal('regular'), Type.Literal('night'), Type.Literal('morning')]), start: HHMM, end: HHMM });

// Sound devices go to sox as an environment value, never through a shell; the pattern still keeps them plain.
const SoundDevice = Type.String({ pattern: '^[A-Za-z0-9:,._=-]{1,60}$' });
const VoiceSchema = Type.Object(
  {
    repeats: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    rate: Type.Optional(Type.Number({ minimum: 0.5, maximum: 2 })),
    volume: Type.Optional(Type.Number({ minimum: 0.1, maximum: 1 })),
    locales: Type.Optional(Type.Array(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]), { minItems: 1, maxItems: 2 })),
    windowName: Type.Optional(Type.Boolean()),
    zones: Type.Optional(Type.Array(Type.Object({ id: Id, areaIds: Type.Array(Id, { minItems: 1 }), device: Type.Optional(SoundDevice) }), { maxItems: 20 })),
    device: Type.Optional(SoundDevice),
    speaker: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const AreaSchema = Type.Object({
  id: Id,
  name: Name(40),
  prefix: Type.String({ pattern: '^[A-Z]$' }),
  services: Type.Array(
    Type.Object({
      id: Id,
      name: Name(80),
      department: Type.Optional(Type.String({ pattern: PLAIN_TEXT_SOURCE })),
      materials: Type.Optional(Type.Array(Name(CATALOGUE_MATERIAL_MAX), { maxItems: CATALOGUE_MATERIALS_MAX })),
    }),
  ),
  appointments: Type.Optional(Type.Object({ slotMinutes: Type.Integer({ minimum: 5, maximum: 240 }), capacity: Type.Integer({ minimum: 1, maximum: 1000 }) })),
  lastTicketMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 600 })),
  dailyCap: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  /** 办不成事反映窗口: its tickets alert the manager (`AreaConfig.kind`). */
  kind: Type.Optional(Type.Literal('complaint')),
  /** 实名取号: `required`, `optional` or `off` (default; `server/domain/identity-limits.ts`). */
  identity: Type.Optional(Type.Union([Type.Literal('required'), Type.Literal('optional'), Type.Literal('off')])),
});
const WindowSchema = Type.Object({
  id: Type.String({ pattern: '^[A-Za-z0-9-]{1,20}$' }),
  number: Type.Integer({ minimum: 1, maximum: 9999 }),
  name: Name(40),
  areaIds: Type.Array(Id, { minItems: 1 }),
  selection: Type.Optional(Type.Union([Type.Literal('primary-first'), Type.Literal('longest-wait')])),
});
export const PolicySchema = Type.Object({
  maxPreferredInARow: Type.Integer({ minimum: 1, maximum: 100 }),
  agingMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
  recallLimit: Type.Integer({ minimum: 0, maximum: 20 }),
  requeueBehind: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  maxRequeues: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
  requeueWithinMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440 })),
  /** 过号 no sooner than this after the call, and its undo window (`server/domain/no-show.ts`). */
  noShowAfterSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 600 })),
  noShowUndoSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 1800 })),
  /** "还有 N 位": texted when N or fewer are ahead (default `QMS_SMS_AHEAD`, itself 3). */
  smsAhead: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  /** 实名取号: tickets per person per day in this hall (default 3), and whether the card's name is kept for the clerk. */
  identityPerDay: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  identityKeepName: Type.Optional(Type.Boolean()),
  /** The staffing advice's 90th-percentile wait target (default 20; `server/domain/staffing.ts`). */
  waitTargetMinutes: Type.Optional(Type.Integer({ minimum: 5, maximum: 240 })),
});

/** 呼叫器: per counter action, the keys that do it (`server/domain/counter-keys.ts`). */
const CounterKeys = Type.Array(Type.String({ pattern: COUNTER_KEY_PATTERN }), { minItems: 1, maxItems: 4 });
const CounterSchema = Type.Object(
  {
    keys: Type.Optional(
      Type.Object(
        Object.fromEntries(COUNTER_ACTIONS.map((a) => [a, Type.Optional(CounterKeys)])) as Record<
          CounterAction,
          ReturnType<typeof Type.Optional<typeof CounterKeys>>
        >,
        {
          additionalProperties: false,
        },
      ),
    ),
  },
  { additionalProperties: false },
);
const CalendarSchema = Type.Object({
  workday: Type.Array(Session),
  weekly: Type.Array(Type.Object({ weekday: Type.Integer({ minimum: 0, maximum: 6 }), session: Session })),
  holidays: Type.Array(Day),
  makeupWorkdays: Type.Array(Day),
  bookingDaysAhead: Type.Optional(Type.Integer({ minimum: 0, maximum: 27 })),
  officialHolidays: Type.Optional(Type.Boolean()),
});
const WaitAlertsSchema = Type.Record(
  Type.String(),
  Type.Object(
    { warnMinutes: Type.Integer({ minimum: 1, maximum: 600 }), alertMinutes: Type.Integer({ minimum: 1, maximum: 600 }) },
    { additionalProperties: false },
  ),
);

/** 一件事一次办: the ordered steps of a bundle (the rules are in `server/domain/journeys.ts`). */
const JourneySchema = Type.Object(
  {
    id: Id,
    name: Name(40),
    steps: Type.Array(Type.Object({ areaId: Id, serviceId: Type.Optional(Id) }, { additionalProperties: false }), { maxItems: 10 }),
  },
  { additionalProperties: false },
);

/** 长期公告: shown on the boards from `from` to `to` (hall-local days, both included). */
const StandingNoticeSchema = Type.Object({ id: Id, text: Name(NOTICE_MAX_LENGTH), from: Day, to: Day }, { additionalProperties: false });

/** The shared parts of a hall in the config file and in the store (`hall-doc.ts`). */
export const HallParts = {
  id: Id,
  name: Name(60),
  timezone: Type.String({ minLength: 1 }),
  /** Where the hall is, as citizens are told (the booking page). */
  address: Type.Optional(Name(120)),
  /** The origin printed in this hall's ticket QR codes (`https://qms.yuxi.example.cn`), instead of QMS_PUBLIC_URL. */
  publicUrl: Type.Optional(Type.String({ pattern: '^https?://[A-Za-z0-9.-]+(:\\d{1,5})?(/[A-Za-z0-9._~/-]*)?$', maxLength: 200 })),
  areas: Type.Array(AreaSchema, { minItems: 1 }),
  windows: Type.Array(WindowSchema, { minItems: 1 }),
  policy: PolicySchema,
  calendar: CalendarSchema,
  voice: Type.Optional(VoiceSchema),
  waitAlerts: Type.Optional(WaitAlertsSchema),
  journeys: Type.Optional(Type.Array(JourneySchema, { maxItems: 50 })),
  standingNotices: Type.Optional(Type.Array(StandingNoticeSchema, { maxItems: STANDING_NOTICES_MAX })),
  counter: Type.Optional(CounterSchema),
  /** The hall's managers sign in with a second factor too (`second-factor-rules.ts`); default no. */
  managerSecondFactor: Type.Optional(Type.Boolean()),
};

export const DeviceParts = {
  id: Type.String({ minLength: 1, maxLength: DEVICE_ID_MAX }),
  kind: Type.Union([Type.Literal('kiosk'), Type.Literal('display'), Type.Literal('rating')]),
  printer: Type.Optional(Type.String({ pattern: PRINTER_ADDRESS_SOURCE })),
  windowId: Type.Optional(Type.String()),
};
/** A device's configuration without its sign-in (accounts are separate documents). */
export const DeviceSchema = Type.Object(DeviceParts, { additionalProperties: false });

export const HallDocSchema = Type.Object(
  {
    ...HallParts,
    devices: Type.Array(DeviceSchema),
    retired: Type.Boolean(),
  },
  { additionalProperties: false },
);

export type HallDoc = Static<typeof HallDocSchema>;

/** `/windows/3/name` → `windows[3].name`, the path the rules and the forms use. */
export function fieldPath(pointer: string): string {
  return pointer
    .split('/')
    .filter(Boolean)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

const SCHEMA_PROBLEM_LIMIT = 50;

let hallDocCheck: ReturnType<typeof Compile<typeof HallDocSchema>> | null = null;

/** Whether `raw` fits the hall document schema: compiled once, on first use (the interpreting `Value.Check` is many times slower). */
export function isHallDoc(raw: unknown): raw is HallDoc {
  hallDocCheck ??= Compile(HallDocSchema);
  return hallDocCheck.Check(raw);
}

/** Every problem of `raw` as a hall document: schema first (one per field), then consistency. */
export function checkHallDoc(raw: unknown): HallProblem[] {
  if (!isHallDoc(raw)) {
    const fields = new Set<string>();
    for (const e of Value.Errors(HallDocSchema, raw)) {
      const missing = (e.params as { requiredProperties?: string[] } | undefined)?.requiredProperties ?? [];
      const base = fieldPath(e.instancePath);
      for (const field of missing.length > 0 ? missing.map((m) => (base ? `${base}.${m}` : m)) : [base]) fields.add(field);
      if (fields.size >= SCHEMA_PROBLEM_LIMIT) break;
    }
    return [...fields].map((field) => ({ code: 'invalid_value', path: field, params: { field: field || '/' } }));
  }
  return hallConfigProblems(raw);
}
