/**
 * 实名取号 limits, per person rather than per kiosk (how a hall stops 号贩子): at most one open
 * ticket per person per area, and at most `policy.identityPerDay` tickets per person per hall per
 * day. A person is known only by the keyed hash of their ID number (`identityTag`), never by the
 * number. Every ticket tied to a person counts, appointment check-ins too: a citizen does not queue
 * twice in one area. Staff may override a limit for a 帮办 case; the override is kept on the event.
 */
import { isOpenTicket } from './assistance';
import type { AreaConfig, HallState, IdentityMode, QueuePolicy } from './types';

export type { IdentityMode } from './types';

/** Tickets a person may take in one hall on one day, unless the hall's policy says otherwise. */
export const DEFAULT_IDENTITY_PER_DAY = 3;

/** Which limit refused a ticket (kept with an override, shown in words at the kiosk). */
export type IdentityLimit = 'open_in_area' | 'daily_cap';


export function identityModeOf(area: Pick<AreaConfig, 'identity'>): IdentityMode {
  return area.identity ?? 'off';
}

export function identityPerDayOf(policy: Pick<QueuePolicy, 'identityPerDay'>): number {
  return policy.identityPerDay ?? DEFAULT_IDENTITY_PER_DAY;
}

/** The limit a new ticket for `areaId` would break for the person `tag`, or null. */
export function identityLimitReached(state: HallState, tag: string, areaId: string): IdentityLimit | null {
  const ids = state.identityTickets.get(tag) ?? [];
  const tickets = ids.map((id) => state.tickets.get(id)).filter((t) => t !== undefined);
  if (tickets.some((t) => t.areaId === areaId && isOpenTicket(t))) return 'open_in_area';
  if (tickets.length >= identityPerDayOf(state.config.policy)) return 'daily_cap';
  return null;
}
