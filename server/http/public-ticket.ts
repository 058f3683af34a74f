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

const MINUTE_MS = 60_000;

/**
 * Public ticket reads per client address per minute. A phone reads once when its page opens and
 * is pushed everything after; the allowance is wide because a hall's guest Wi-Fi puts hundreds of
 * phones behind one address.
 */
export const PUBLIC_TICKET_READS_PER_MINUTE = 600;

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

/** Today's ticket id that `key` (a credential, or for the hall's staff an id) names; 404 when none, 429 past the allowance. */
export async function publicTicketId(app: FastifyInstance, request: FastifyRequest, hallId: string, key: string): Promise<string> {
  if (!app.qms.service.hall(hallId)) throw new DomainError('hall_not_found', `no hall ${hallId}`);
  const staff = await isHallStaff(app, request, hallId);
  if (!staff) {
    const count = await app.qms.store.hit(`public-ticket:${request.ip}:${Math.floor(app.qms.clock.now() / MINUTE_MS)}`, MINUTE_MS);
    if (count > PUBLIC_TICKET_READS_PER_MINUTE) throw new DomainError('rate_limited', 'too many ticket reads from this address');
  }
  const id = await app.qms.service.query(hallId, (state) => state.credentials.get(key) ?? (staff && state.tickets.has(key) ? key : undefined));
  if (id === undefined) throw new DomainError('ticket_not_found', 'no such ticket today');
  return id;
}

/** The public ticket routes and the phone page, whose last-but-one or last part is a credential. */
const CREDENTIAL_IN_PATH = [/^(\/api\/v1\/halls\/[^/?]+\/tickets\/)[^/?]+((?:\/announcement(?:\.wav)?)?(?:\?.*)?)$/, /^(\/ticket\/[^/?]+\/)[^/?]+(\/?(?:\?.*)?)$/];

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
  req: (req: FastifyRequest) => ({ method: req.method, url: urlForLog(req.method, req.url), host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort }),
};
