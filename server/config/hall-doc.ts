/**
 * A hall's configuration as a store document (`hall:<hallId>`): everything of the hall but its
 * people. Staff and device sign-ins are account documents; a retired hall keeps its document (and
 * its history) with `retired: true`.
 */
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import type { HallConfig, StaffMember } from '../domain/types';
import { checkHalls, DeviceSchema, HallParts } from './halls';
import { withOfficialDays } from './official-calendar';

export const HallDocSchema = Type.Object(
  {
    ...HallParts,
    devices: Type.Array(DeviceSchema),
    retired: Type.Boolean(),
  },
  { additionalProperties: false },
);

export type HallDoc = Static<typeof HallDocSchema>;

/** The store key of a hall's document. */
export function hallKey(hallId: string): string {
  return `hall:${hallId}`;
}

export const HALL_KEY_PREFIX = 'hall:';

/** A hall's document: its configuration without staff and without sign-in secrets. */
export function toHallDoc(config: HallConfig, retired = false): HallDoc {
  const { staff: _staff, devices, ...rest } = structuredClone(config);
  return { ...rest, devices: devices.map(({ passwordHash: _hash, ...d }) => d), retired } as HallDoc;
}

/** The document as a configuration, with only the hall's own holidays and make-up days. */
function ownConfig(doc: HallDoc, staff: StaffMember[]): HallConfig {
  const { retired: _retired, ...rest } = structuredClone(doc);
  return { ...rest, staff } as HallConfig;
}

/**
 * The engine's configuration of a hall document; `staff` still comes from the accounts. The
 * document keeps only the hall's own days (so the console can tell them from the official ones);
 * China's official holidays and 调休 days are merged in here, unless the hall turned them off.
 */
export function fromHallDoc(doc: HallDoc, staff: StaffMember[] = []): HallConfig {
  const config = ownConfig(doc, staff);
  return { ...config, calendar: withOfficialDays(config.calendar) };
}

/** Every problem of `raw` as a hall document: schema first (with field paths), then consistency. */
export function hallDocProblems(raw: unknown): string[] {
  if (!Value.Check(HallDocSchema, raw)) {
    return [...Value.Errors(HallDocSchema, raw)].slice(0, 50).map((e) => `${e.instancePath || '/'}: ${e.message}`);
  }
  return checkHalls([ownConfig(raw, [])], false);
}
