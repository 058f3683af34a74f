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

/**
 * A refusal as the citizen is told it (message table `identityLimitWords`): the area and the
 * number they already hold there, or the hall's daily number per person they have reached.
 */
export type IdentityLimitRefusal = { limit: 'open_in_area'; area: string; ticket: string } | { limit: 'daily_cap'; perDay: number };

/** The particulars of `limit` for the person `tag` asking for a ticket in `area`. */
export function identityLimitRefusal(state: HallState, tag: string, area: Pick<AreaConfig, 'id' | 'name'>, limit: IdentityLimit): IdentityLimitRefusal {
  if (limit === 'daily_cap') return { limit, perDay: identityPerDayOf(state.config.policy) };
  const held = (state.identityTickets.get(tag) ?? [])
    .map((id) => state.tickets.get(id))
    .find((t) => t !== undefined && t.areaId === area.id && isOpenTicket(t));
  return { limit, area: area.name, ticket: held?.number ?? '' };
}

/** The limit a new ticket for `areaId` would break for the person `tag`, or null. */
export function identityLimitReached(state: HallState, tag: string, areaId: string): IdentityLimit | null {
  const ids = state.identityTickets.get(tag) ?? [];
  const tickets = ids.map((id) => state.tickets.get(id)).filter((t) => t !== undefined);
  if (tickets.some((t) => t.areaId === areaId && isOpenTicket(t))) return 'open_in_area';
  if (tickets.length >= identityPerDayOf(state.config.policy)) return 'daily_cap';
  return null;
}
