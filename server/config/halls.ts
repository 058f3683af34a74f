/**
 * Hall configuration: the demo halls, or a JSON file (`QMS_CONFIG`) checked against a schema and
 * for consistency (areas exist, numbers unique, …). Every problem is listed, not just the first.
 */
import { readFileSync } from 'node:fs';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { DEFAULT_POLICY, type HallConfig } from '../domain/types';
import { assertTimeZone } from '../domain/time';
import { DEVICE_ID_MAX, PRINTER_ADDRESS_SOURCE } from '../domain/device-rules';
import type { AdminConfig } from '../auth/accounts';
import { isPasswordHash } from '../auth/passwords';
import { DEMO_HALLS } from './demo-halls';
import { withOfficialDays } from './official-calendar';

const Id = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$' });
const HHMM = Type.String({ pattern: '^([01]\\d|2[0-4]):[0-5]\\d$' });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Session = Type.Object({ kind: Type.Union([Type.Literal('regular'), Type.Literal('night'), Type.Literal('morning')]), start: HHMM, end: HHMM });
const RoleSchema = Type.Union(['kiosk', 'display', 'rating', 'clerk', 'manager', 'admin'].map((r) => Type.Literal(r)));

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
  name: Type.String({ minLength: 1, maxLength: 40 }),
  prefix: Type.String({ pattern: '^[A-Z]$' }),
  services: Type.Array(Type.Object({ id: Id, name: Type.String({ minLength: 1, maxLength: 80 }), department: Type.Optional(Type.String()) })),
  appointments: Type.Optional(Type.Object({ slotMinutes: Type.Integer({ minimum: 5, maximum: 240 }), capacity: Type.Integer({ minimum: 1, maximum: 1000 }) })),
  lastTicketMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 600 })),
  dailyCap: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
});
const WindowSchema = Type.Object({
  id: Type.String({ pattern: '^[A-Za-z0-9-]{1,20}$' }),
  number: Type.Integer({ minimum: 1, maximum: 9999 }),
  name: Type.String({ minLength: 1, maxLength: 40 }),
  areaIds: Type.Array(Id, { minItems: 1 }),
  selection: Type.Optional(Type.Union([Type.Literal('primary-first'), Type.Literal('longest-wait')])),
});
const PolicySchema = Type.Object({
  maxPreferredInARow: Type.Integer({ minimum: 1, maximum: 100 }),
  agingMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
  recallLimit: Type.Integer({ minimum: 0, maximum: 20 }),
});
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
  Type.Object({ warnMinutes: Type.Integer({ minimum: 1, maximum: 600 }), alertMinutes: Type.Integer({ minimum: 1, maximum: 600 }) }, { additionalProperties: false }),
);

/** The shared parts of a hall in the config file and in the store (`hall-doc.ts`). */
export const HallParts = {
  id: Id,
  name: Type.String({ minLength: 1, maxLength: 60 }),
  timezone: Type.String({ minLength: 1 }),
  areas: Type.Array(AreaSchema, { minItems: 1 }),
  windows: Type.Array(WindowSchema, { minItems: 1 }),
  policy: PolicySchema,
  calendar: CalendarSchema,
  voice: Type.Optional(VoiceSchema),
  waitAlerts: Type.Optional(WaitAlertsSchema),
};

const DeviceParts = {
  id: Type.String({ minLength: 1, maxLength: DEVICE_ID_MAX }),
  kind: Type.Union([Type.Literal('kiosk'), Type.Literal('display'), Type.Literal('rating')]),
  printer: Type.Optional(Type.String({ pattern: PRINTER_ADDRESS_SOURCE })),
  windowId: Type.Optional(Type.String()),
};
/** A device's configuration without its sign-in (accounts are separate documents). */
export const DeviceSchema = Type.Object(DeviceParts, { additionalProperties: false });

const HallSchema = Type.Object({
  ...HallParts,
  policy: Type.Optional(PolicySchema),
  staff: Type.Array(
    Type.Object({
      id: Type.String({ minLength: 1, maxLength: 40 }),
      name: Type.String({ minLength: 1, maxLength: 40 }),
      role: RoleSchema,
      staffNo: Type.Optional(Type.String({ maxLength: 20 })),
      passwordHash: Type.Optional(Type.String()),
    }),
  ),
  devices: Type.Array(Type.Object({ ...DeviceParts, passwordHash: Type.Optional(Type.String()) })),
});

const ConfigFileSchema = Type.Object({
  halls: Type.Array(HallSchema, { minItems: 1 }),
  admins: Type.Optional(Type.Array(Type.Object({ id: Type.String({ minLength: 1 }), name: Type.String({ minLength: 1 }), passwordHash: Type.String() }))),
});

type HallFile = Static<typeof HallSchema>;

export class HallConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`bad hall configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'HallConfigError';
  }
}

function duplicates(values: Array<string | number>): Array<string | number> {
  const seen = new Set<string | number>();
  const dup = new Set<string | number>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return [...dup];
}

/** Consistency rules a schema cannot express. */
export function checkHalls(halls: HallConfig[], requireHashes: boolean): string[] {
  const problems: string[] = [];
  for (const d of duplicates(halls.map((h) => h.id))) problems.push(`hall id ${d} is used twice`);
  const accountIds: string[] = [];
  for (const h of halls) {
    const at = `hall ${h.id}`;
    try {
      assertTimeZone(h.timezone);
    } catch {
      problems.push(`${at}: unknown timezone ${h.timezone}`);
    }
    const areaIds = new Set(h.areas.map((a) => a.id));
    for (const d of duplicates(h.areas.map((a) => a.id))) problems.push(`${at}: area id ${d} is used twice`);
    for (const d of duplicates(h.areas.map((a) => a.prefix))) problems.push(`${at}: ticket prefix ${d} is used twice`);
    for (const d of duplicates(h.areas.flatMap((a) => a.services.map((s) => s.id)))) problems.push(`${at}: service id ${d} is used twice`);
    for (const d of duplicates(h.windows.map((w) => w.id))) problems.push(`${at}: window id ${d} is used twice`);
    for (const d of duplicates(h.windows.map((w) => w.number))) problems.push(`${at}: window number ${d} is used twice`);
    for (const w of h.windows) {
      for (const a of w.areaIds) if (!areaIds.has(a)) problems.push(`${at}: window ${w.number} serves unknown area ${a}`);
    }
    for (const a of h.areas) {
      if (!h.windows.some((w) => w.areaIds.includes(a.id))) problems.push(`${at}: no window serves area ${a.id}`);
    }
    const windowIds = new Set(h.windows.map((w) => w.id));
    for (const d of h.devices) {
      if (d.windowId !== undefined && !windowIds.has(d.windowId)) problems.push(`${at}: device ${d.id} belongs to unknown window ${d.windowId}`);
    }
    const zones = h.voice?.zones ?? [];
    for (const d of duplicates(zones.map((z) => z.id))) problems.push(`${at}: voice zone ${d} is used twice`);
    for (const d of duplicates(zones.flatMap((z) => z.areaIds))) problems.push(`${at}: area ${d} is in two voice zones`);
    for (const z of zones) for (const a of z.areaIds) if (!areaIds.has(a)) problems.push(`${at}: voice zone ${z.id} has unknown area ${a}`);
    for (const d of duplicates(h.voice?.locales ?? [])) problems.push(`${at}: voice locale ${d} is listed twice`);
    for (const [a, t] of Object.entries(h.waitAlerts ?? {})) {
      if (!areaIds.has(a)) problems.push(`${at}: waitAlerts has unknown area ${a}`);
      if (t.warnMinutes >= t.alertMinutes) problems.push(`${at}: waitAlerts.${a}: warnMinutes must be below alertMinutes`);
    }
    for (const s of [...h.calendar.workday, ...h.calendar.weekly.map((w) => w.session)]) {
      if (s.start >= s.end) problems.push(`${at}: session ${s.start}–${s.end} ends before it starts`);
    }
    for (const s of h.staff) {
      if (s.role === 'admin') problems.push(`${at}: staff ${s.id} cannot be admin (admins belong to no hall)`);
      if (s.passwordHash !== undefined && !isPasswordHash(s.passwordHash)) problems.push(`${at}: staff ${s.id} has a malformed passwordHash`);
      if (requireHashes && s.passwordHash === undefined) problems.push(`${at}: staff ${s.id} has no passwordHash`);
    }
    for (const d of h.devices) if (requireHashes && d.passwordHash === undefined) problems.push(`${at}: device ${d.id} has no passwordHash`);
    accountIds.push(...h.staff.map((s) => s.id), ...h.devices.map((d) => d.id));
  }
  for (const d of duplicates(accountIds)) problems.push(`account id ${d} is used twice`);
  return problems;
}

export interface LoadedHalls {
  halls: HallConfig[];
  admins: AdminConfig[];
}

function fromFile(h: HallFile): HallConfig {
  return { ...h, policy: h.policy ?? DEFAULT_POLICY } as HallConfig;
}

/** The demo halls, or the halls of a config file; throws `HallConfigError` listing every problem. */
export function loadHalls(opts: { configPath: string | null; demo: boolean; demoPrinter?: string | null }): LoadedHalls {
  let loaded: LoadedHalls;
  if (opts.configPath === null) {
    loaded = { halls: DEMO_HALLS.map((h) => structuredClone(h)), admins: [] };
  } else {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(opts.configPath, 'utf8'));
    } catch (err) {
      throw new HallConfigError([`${opts.configPath}: ${(err as Error).message}`]);
    }
    if (!Value.Check(ConfigFileSchema, raw)) {
      throw new HallConfigError([...Value.Errors(ConfigFileSchema, raw)].slice(0, 50).map((e) => `${e.instancePath || '/'}: ${e.message}`));
    }
    loaded = { halls: raw.halls.map(fromFile), admins: raw.admins ?? [] };
  }
  if (opts.demoPrinter) {
    const kiosk = loaded.halls[0]?.devices.find((d) => d.kind === 'kiosk');
    if (kiosk) kiosk.printer = opts.demoPrinter;
  }
  for (const hall of loaded.halls) {
    if (hall.calendar.officialHolidays !== false) hall.calendar = withOfficialDays(hall.calendar);
  }
  const problems = checkHalls(loaded.halls, !opts.demo);
  for (const a of loaded.admins) if (!isPasswordHash(a.passwordHash)) problems.push(`admin ${a.id} has a malformed passwordHash`);
  if (problems.length > 0) throw new HallConfigError(problems);
  return loaded;
}
