/**
 * A hall's configuration as a store document (`hall:<hallId>`): everything of the hall but its
 * people. Staff and device sign-ins are account documents; a retired hall keeps its document (and
 * its history) with `retired: true`.
 */
import { Value } from 'typebox/value';
import type { HallConfig, StaffMember } from '../domain/types';
import { hallProblemText } from '../i18n';
import { checkHallDoc, HallDocSchema, isHallDoc, type HallDoc } from './hall-schema';
import { withOfficialDays } from './official-calendar';

export { HallDocSchema, type HallDoc };

/** The store key of a hall's document. */
export function hallKey(hallId: string): string {
  return `hall:${hallId}`;
}

export const HALL_KEY_PREFIX = 'hall:';

/** A hall's document: its configuration without staff and without sign-in secrets. */
export function toHallDoc(config: HallConfig, retired = false): HallDoc {
  const { staff: _staff, devices, ...rest } = structuredClone(config);
  return { ...rest, devices: devices.map(({ passwordHash: _hash, ...d }) => d), retired };
}

/** `toHallDoc` as JSON, without the copy (seeding 1,300 halls at a first start writes them straight away). */
export function hallDocJson(config: HallConfig, retired = false): string {
  const { staff: _staff, devices, ...rest } = config;
  return JSON.stringify({ ...rest, devices: devices.map(({ passwordHash: _hash, ...d }) => d), retired });
}

/**
 * The engine's configuration of a hall document; `staff` still comes from the accounts. The
 * document keeps only the hall's own days (so the console can tell them from the official ones);
 * China's official holidays and 调休 days are merged in here, unless the hall turned them off.
 */
export function fromHallDoc(doc: HallDoc, staff: StaffMember[] = []): HallConfig {
  return fromOwnHallDoc(structuredClone(doc), staff);
}

/** `fromHallDoc` of a document nobody else holds (just parsed): taken over as it is, without a copy. */
export function fromOwnHallDoc(doc: HallDoc, staff: StaffMember[] = []): HallConfig {
  const { retired: _retired, ...rest } = doc;
  return { ...rest, staff, calendar: withOfficialDays(rest.calendar) };
}

/**
 * Every problem of `raw` as a hall document in English, for logs, the CLI and the API's `message`:
 * the schema's own words (with field pointers), then the consistency rules. People read
 * `checkHallDoc`'s structured problems in their language.
 */
export function hallDocProblems(raw: unknown): string[] {
  if (!isHallDoc(raw)) {
    return [...Value.Errors(HallDocSchema, raw)].slice(0, 50).map((e) => `${e.instancePath || '/'}: ${e.message}`);
  }
  return checkHallDoc(raw).map((p) => `hall ${raw.id}: ${hallProblemText(p, 'en')}`);
}
