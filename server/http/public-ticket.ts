/**
 * How the public ticket routes (the ticket view, the call's words and sound) find their ticket:
 * by the ticket's credential, the secret its QR code and phone link carry. The hall's own screens
 * know tickets by id from the events they receive (a wall board plays a call's sound by the id),
 * so a request carrying a token that is allowed in the hall may name the ticket by id instead.
 * Everyone else is limited per address, so nobody can farm the routes (or the voice synthesis
 * behind them) from one place.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { checkAccess, type SignedToken } from '../auth/access';
import { DomainError } from '../domain/errors';
import { isClosedDay } from '../domain/day-rollup';
import type { HallEvent } from '../domain/events';
import { foldEvents } from '../domain/evolve';
import { localDate } from '../domain/time';
import { endedTicketView, type PublicTicketView } from '../domain/views';
import { BEARER } from './openapi';

/**
 * How the OpenAPI document states these routes' access: public, or with a bearer token allowed in
 * the hall (then the ticket may be named by id, and the read is not counted against the address).
 */
export const PUBLIC_TICKET_SECURITY: Array<Record<string, string[]>> = [{}, { [BEARER]: [] }];

/** The allowance is the `public-ticket-address` limit (server/domain/limits.ts); phone sockets count against it too. */
export { PUBLIC_TICKET_READS_PER_MINUTE } from '../domain/limits';

/** Whether the request carries a token allowed in the hall (any role): a screen, a counter, a manager. */
async function isHallStaff(app: FastifyInstance, request: FastifyRequest, hallId: string): Promise<boolean> {
  if (!request.headers.authorization) return false;
  try {
    const token = await request.jwtVerify<SignedToken>();
    await checkAccess(app.qms, token, { roles: 'any', hallId });
    return true;
  } catch {
    return false;
  }
}

/** Today's ticket id that `key` (a credential, or for the hall's staff an id) names, or undefined; 429 past the allowance. */
async function todaysTicketId(app: FastifyInstance, request: FastifyRequest, hallId: string, key: string): Promise<string | undefined> {
  if (!app.qms.service.hall(hallId)) throw new DomainError('hall_not_found', `no hall ${hallId}`);
  const staff = await isHallStaff(app, request, hallId);
  if (!staff) await app.qms.limiter.count([{ limit: 'public-ticket-address', subject: request.ip }]);
  return app.qms.service.query(hallId, (state) => state.credentials.get(key) ?? (staff && state.tickets.has(key) ? key : undefined));
}

/** Today's ticket id that `key` (a credential, or for the hall's staff an id) names; 404 when none, 429 past the allowance. */
export async function publicTicketId(app: FastifyInstance, request: FastifyRequest, hallId: string, key: string): Promise<string> {
  const id = await todaysTicketId(app, request, hallId, key);
  if (id === undefined) throw new DomainError('ticket_not_found', 'no such ticket today');
  return id;
}

/**
 * The hall's days (with events) before today a phone link is still answered for: the paper ticket
 * goes home, and its link opened the next morning, or after a weekend, tells how the visit ended.
 */
export const PAST_TICKET_DAYS = 7;
/** Closed days whose credential index is kept in memory (a closed day never changes). */
const PAST_INDEX_DAYS = 64;

/**
 * Credential → ticket id of closed days, per hall service (one per app: tests run several in one
 * process), newest use last; built from the day's events on first use.
 */
const pastIndexes = new WeakMap<object, Map<string, Map<string, string>>>();

function pastIndexOf(app: FastifyInstance): Map<string, Map<string, string>> {
  let index = pastIndexes.get(app.qms.service);
  if (!index) pastIndexes.set(app.qms.service, (index = new Map<string, Map<string, string>>()));
  return index;
}

function credentialIndex(events: readonly HallEvent[]): Map<string, string> {
  const index = new Map<string, string>();
  // Logs from before credentials existed: the id was the credential (as `evolve` has it).
  for (const e of events) if (e.type === 'ticket.issued') index.set(e.credential ?? e.ticket.id, e.ticket.id);
  return index;
}

/** The ticket `credential` names on `day`, with that day's events when they had to be read; null when none. */
async function findOnDay(
  app: FastifyInstance,
  hallId: string,
  day: string,
  credential: string,
): Promise<{ ticketId: string; events: HallEvent[] | null } | null> {
  const pastIndex = pastIndexOf(app);
  const key = `${hallId}/${day}`;
  const cached = pastIndex.get(key);
  if (cached) {
    pastIndex.delete(key);
    pastIndex.set(key, cached);
    const ticketId = cached.get(credential);
    return ticketId === undefined ? null : { ticketId, events: null };
  }
  const events = await app.qms.service.history(hallId, day);
  const index = credentialIndex(events);
  if (isClosedDay(events)) {
    pastIndex.set(key, index);
    for (const old of pastIndex.keys()) {
      if (pastIndex.size <= PAST_INDEX_DAYS) break;
      pastIndex.delete(old);
    }
  }
  const ticketId = index.get(credential);
  return ticketId === undefined ? null : { ticketId, events };
}

/** The ticket a public link names: today's (its id, live), or one of the last days' (its end); 404 when neither. */
export async function publicTicket(
  app: FastifyInstance,
  request: FastifyRequest,
  hallId: string,
  key: string,
): Promise<{ today: string } | { past: PublicTicketView }> {
  const id = await todaysTicketId(app, request, hallId, key);
  if (id !== undefined) return { today: id };
  const config = app.qms.service.hall(hallId)!;
  const today = localDate(app.qms.clock.now(), config.timezone);
  const days = (await app.qms.service.days(hallId))
    .filter((d) => d < today)
    .slice(-PAST_TICKET_DAYS)
    .reverse();
  for (const day of days) {
    const found = await findOnDay(app, hallId, day, key);
    if (!found) continue;
    const state = foldEvents(config, day, found.events ?? (await app.qms.service.history(hallId, day)));
    const t = state.tickets.get(found.ticketId);
    if (t) return { past: endedTicketView(state, t) };
  }
  throw new DomainError('ticket_not_found', 'no such ticket today or on the last days');
}

/** The public ticket routes and the phone page, whose last-but-one or last part is a credential. */
const CREDENTIAL_IN_PATH = [
  /^(\/api\/v1\/halls\/[^/?]+\/tickets\/)[^/?]+((?:\/announcement(?:\.wav)?)?(?:\?.*)?)$/,
  /^(\/ticket\/[^/?]+\/)[^/?]+(\/?(?:\?.*)?)$/,
];

const NOTIFY_PATH = /^(\/api\/v1\/halls\/[^/?]+\/tickets\/)[^/?]+(\/notify(?:\?.*)?)$/;

/**
 * A request's URL as the request log writes it: a credential in a public ticket path is replaced
 * by `…`, so logs name tickets by id only (the route itself logs nothing of the ticket).
 */
export function urlForLog(method: string | undefined, url: string): string {
  // Opting in and out of text reminders names the ticket by its credential whatever the method.
  const notify = NOTIFY_PATH.exec(url);
  if (notify) return `${notify[1]}…${notify[2]}`;
  if (method !== 'GET' && method !== 'HEAD') return url;
  for (const pattern of CREDENTIAL_IN_PATH) {
    const m = pattern.exec(url);
    if (m) return `${m[1]}…${m[2]}`;
  }
  return url;
}

/** The request log's `req` serializer (pino): Fastify's fields, with `urlForLog`. */
export const logSerializers = {
  req: (req: FastifyRequest) => ({
    method: req.method,
    url: urlForLog(req.method, req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  }),
};
