/**
 * Socket.IO namespace `/halls`: the token is checked at the handshake, each staff or device socket
 * joins its hall's room, committed events are pushed in version order, and `hall:sync` /
 * `hall:snapshot` let a client that saw a gap or reconnected catch up. A citizen's phone (the
 * ticket's credential, no token) joins only its ticket's room and hears `ticket:update`s
 * (`ticket-followers.ts`): least privilege, since a hall event names other citizens' tickets.
 * With several nodes, each pushes to its own sockets from its own fold of the log (another node's
 * events arrive by catching the hall up after the store's append notice); the Redis streams adapter
 * carries only what must reach sockets on other nodes (sign-outs, a phone's presence check).
 */
import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { FastifyInstance } from 'fastify';
import { Server, type Socket } from 'socket.io';
import { boardView, publicTicketView } from '../domain/views';
import { withoutCredential } from '../domain/events';
import { followRoom, TicketFollowers } from './ticket-followers';
import { work } from '../domain/work';
import { errorMessage } from '../i18n';
import type { HallEvent } from '../domain/events';
import type { HallState } from '../domain/types';
import { accountAccess, checkAccess, type SignedToken, type TokenPayload } from '../auth/access';
import { isDomainError } from '../domain/errors';
import { checkOrigin, firstValue, type OriginVerdict } from '../domain/origin-check';
import { RefusalLog } from './refusal-log';
import { closeClient, createRedisClient, type RedisTopology } from '../store/redis-connection';
import { HALLS_NAMESPACE, type ClientToServerEvents, type ServerToClientEvents, type SyncResult } from '../protocol';

interface SocketData {
  /** Null for a citizen's phone following its ticket (no sign-in: the ticket's credential is the secret). */
  user: TokenPayload | null;
  hallId: string;
  /** A phone's ticket (its internal id, resolved from the credential; never sent back). */
  ticketId?: string;
}

type HallSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** How often this node checks that its store answers. */
const STORE_WATCH_MS = 1000;

/** Beyond this many missed events a snapshot is cheaper than a replay. */
const MAX_REPLAY = 500;

export const hallRoom = (hallId: string): string => `hall:${hallId}`;
/** Every connection made with one token, so signing it out can end them all. */
const tokenRoom = (jti: string): string => `token:${jti}`;
/** Every connection of one account on this node, re-checked whenever the account changes. */
const accountRoom = (accountId: string): string => `account:${accountId}`;

/**
 * An event as it is pushed live to the hall's screens: without the staff member or command behind
 * it (no screen needs them; the ticket trail has them) and without a ticket's public credential
 * (staff never need it), so each event is broadcast once, to one room.
 */
function forScreens(e: HallEvent): HallEvent {
  return { ...withoutCredential(e), actor: null, commandId: '' };
}

export interface RealtimeOptions {
  allowedOrigins: string[];
  /** QMS_TRUST_PROXY: whose X-Forwarded-* headers are believed (false: nobody's). */
  trustProxy?: string[] | false;
  /** Redis shared by several nodes (any topology): pushes cross nodes through the streams adapter. */
  redis?: RedisTopology | null;
  /** How long the adapter's XREAD blocks; low in tests so close is quick. */
  adapterBlockMs?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Disconnects every Socket.IO connection made with the token `jti`, on every node. */
    endTokenSockets: (jti: string) => void;
  }
}

export interface Realtime {
  io: Server;
  /** The phones' updates, with their counters (passes, updates sent). */
  followers: TicketFollowers;
  /** Whether any signed-in screen of the hall is connected to this node. */
  hasListeners(hallId: string): boolean;
  /** Whether socket `socketId` (on any node) is a phone following this ticket: proof the page is open. */
  isFollowing(hallId: string, ticketId: string, socketId: string): Promise<boolean>;
  close(): Promise<void>;
}

/** The handshake's Origin, checked by the one rule (server/domain/origin-check.ts) with what a trusted proxy says. */
function originVerdict(req: IncomingMessage, allowed: string[], trusted: (addr: string, i: number) => boolean): OriginVerdict {
  return checkOrigin({
    origin: req.headers.origin,
    host: req.headers.host,
    forwardedHost: firstValue(req.headers['x-forwarded-host']),
    forwardedProto: firstValue(req.headers['x-forwarded-proto']),
    forwardedPort: firstValue(req.headers['x-forwarded-port']),
    fromTrustedProxy: trusted(req.socket.remoteAddress ?? '', 0),
    allowed,
  });
}

export function attachRealtime(app: FastifyInstance, opts: RealtimeOptions): Realtime {
  const trusted = opts.trustProxy ? proxyAddr.compile(opts.trustProxy) : () => false;
  const clientIp = (req: IncomingMessage) => proxyAddr(req, trusted);
  const refusals = new RefusalLog(app.log);
  // Reconnects by itself (errors are not logged: the store reports outages).
  const adapterClient = opts.redis ? createRedisClient(opts.redis, { role: 'adapter' }) : undefined;
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(app.server, {
    serveClient: false,
    allowRequest: (req, callback) => {
      const verdict = originVerdict(req, opts.allowedOrigins, trusted);
      if (verdict.ok) return callback(null, true);
      refusals.refused(
        { reason: verdict.reason, origin: req.headers.origin, host: verdict.hostSeen, ip: clientIp(req), fix: verdict.fix },
        `live connection refused (${verdict.reason}): page origin ${req.headers.origin} is not the host ${verdict.hostSeen ?? '(none)'} the request was for; ${verdict.fix}`,
      );
      callback('origin not allowed', false);
    },
    ...(adapterClient ? { adapter: createAdapter(adapterClient, { blockTimeInMs: opts.adapterBlockMs ?? 5000 }) } : {}),
  });
  const halls = io.of(HALLS_NAMESPACE);

  halls.use((socket, next) => {
    const auth = (socket.handshake.auth ?? {}) as { token?: unknown; hallId?: unknown; credential?: unknown; ticketId?: unknown };
    const { token, hallId } = auth;
    // `ticketId` is the name older phone pages gave the same thing: whatever their link carried.
    const credential = auth.credential ?? auth.ticketId;
    // Every refusal is logged once (rate-limited) with its reason, then told to the client.
    const refuse = (message: string, level: 'warn' | 'info' = 'warn') => {
      const reason = message.split(':')[0]!;
      refusals.refused(
        { reason, hallId: typeof hallId === 'string' ? hallId : undefined, ip: clientIp(socket.request), origin: socket.request.headers.origin },
        `live connection refused (${message})`,
        level,
      );
      next(new Error(message));
    };
    if (typeof hallId !== 'string') return refuse('unauthorized: auth {token, hallId} required');
    if (!app.qms.service.hall(hallId) || app.qms.service.isRetired(hallId)) return refuse(`not_found: no hall ${hallId}`);
    if (token === undefined && typeof credential === 'string') {
      // A phone following its ticket (the QR on the paper): the credential finds today's ticket.
      // A look by credential like the ticket page's read, so it counts against the same allowance.
      app.qms.limiter
        .count([{ limit: 'public-ticket-address', subject: clientIp(socket.request) }])
        .then(() => app.qms.service.query(hallId, (state) => state.credentials.get(credential)))
        .then((ticketId) => {
          // A stale phone link is the citizen's business, not the operator's.
          if (ticketId === undefined) return refuse('not_found: no such ticket today', 'info');
          socket.data = { user: null, hallId, ticketId };
          next();
        })
        .catch((err: unknown) => refuse(isDomainError(err) && err.code === 'rate_limited' ? `rate_limited: ${err.message}` : 'store_unavailable'));
      return;
    }
    if (typeof token !== 'string') return refuse('unauthorized: auth {token, hallId} required');
    let user: SignedToken;
    try {
      user = app.jwt.verify<SignedToken>(token);
    } catch {
      return refuse('unauthorized: invalid or expired token');
    }
    // The same check as every HTTP route (server/auth/access.ts): revoked, disabled, ended, must change password, hall.
    checkAccess(app.qms, user, { roles: 'any', hallId })
      // This node holds the hall's day before the screen is connected: every event after it is one
      // this node folds from there on (its own, or caught up with), so each reaches the screen.
      .then((account) => app.qms.service.query(hallId, () => account))
      .then((account) => {
        socket.data = { user: { ...user, role: account.role, hallId: account.hallId }, hallId };
        next();
      })
      .catch((err: unknown) => {
        if (isDomainError(err)) {
          const code = err.code === 'password_change_required' ? err.code : err.status === 401 ? 'unauthorized' : 'forbidden';
          return refuse(`${code}: ${err.message}`);
        }
        refuse('store_unavailable');
      });
  });

  // An account changed (on this node or another: every node hears the store's notice): this node's
  // connections of that account that its new state no longer allows are closed at once.
  const offAccounts = app.qms.accounts.onChange((account) => {
    for (const id of halls.adapter.rooms.get(accountRoom(account.id)) ?? []) {
      const socket = halls.sockets.get(id);
      const token = socket?.data.user;
      if (!socket || !token) continue;
      try {
        accountAccess(account, token, { roles: 'any', hallId: socket.data.hallId });
      } catch {
        socket.disconnect(true);
      }
    }
  });

  // Signing a token out ends its live connections too, on every node (the adapter carries it).
  app.decorate('endTokenSockets', (jti: string) => halls.in(tokenRoom(jti)).disconnectSockets(true));

  const snapshot = (hallId: string) =>
    app.qms.service.query(hallId, (state, now) => ({ snapshot: boardView(state, now, { alwaysOpen: app.qms.service.alwaysOpen }) }));

  const failure = (err: unknown) => {
    const code = (err as { code?: string }).code === 'hall_not_found' ? 'not_found' : 'store_unavailable';
    return { error: { code, message: errorMessage(code) } };
  };

  const followers = new TicketFollowers(halls, { now: () => app.qms.clock.now() });
  /** Whether any signed-in screen of the hall is connected to this node. */
  const screensHere = (hallId: string) => (halls.adapter.rooms.get(hallRoom(hallId))?.size ?? 0) > 0;
  // Another node appended to a hall this node's screens show or phones follow: catch the hall up
  // (every node folds the same log); the events it reads are pushed to this node's screens and its
  // phones are told (`onCaughtUp` below). One catch-up at a time per hall; appends meanwhile are in
  // the next one. Halls nobody here watches cost nothing.
  const catchingUp = new Map<string, boolean>();
  const catchUp = (hallId: string) => {
    if (!followers.followsHall(hallId) && !screensHere(hallId)) return;
    if (catchingUp.has(hallId)) return void catchingUp.set(hallId, true);
    catchingUp.set(hallId, false);
    app.qms.service
      .query(hallId, (state) => followers.committed(state))
      .catch(() => undefined) // the store reports its own outages
      .finally(() => {
        const again = catchingUp.get(hallId);
        catchingUp.delete(hallId);
        if (again) catchUp(hallId);
      });
  };
  // A notice of what this node holds already (its own append) needs no catch-up.
  const offAppended = app.qms.service.onAppended((hallId, day, version) => {
    if (!app.qms.service.holds(hallId, day, version)) catchUp(hallId);
  });

  const refusedToPhones = () => ({ error: { code: 'forbidden', message: errorMessage('forbidden') } });

  halls.on('connection', (socket: HallSocket) => {
    const { hallId, user, ticketId } = socket.data;
    if (!user) {
      // A phone: its own ticket's room only, and its figures at once (whatever it missed is in them).
      void socket.join(followRoom(hallId, ticketId!));
      followers.follow(hallId, ticketId!);
      socket.on('disconnect', () => followers.unfollow(hallId, ticketId!));
      app.qms.service
        .query(hallId, (state, now) => {
          const t = state.tickets.get(ticketId!);
          return t ? publicTicketView(state, t, now) : null;
        })
        .then((view) => {
          if (!view) return;
          followers.remember(hallId, ticketId!, view);
          socket.emit('ticket:update', view);
        })
        .catch(() => undefined); // the page's own read reports the store
      // The hall's log and board name other citizens' tickets: not for a phone.
      socket.on('hall:sync', (_request, ack) => typeof ack === 'function' && ack(refusedToPhones()));
      socket.on('hall:snapshot', (ack) => typeof ack === 'function' && ack(refusedToPhones()));
      return;
    }
    void socket.join(hallRoom(hallId));
    const jti = (user as SignedToken | null)?.jti;
    if (jti) void socket.join(tokenRoom(jti));
    if (user) void socket.join(accountRoom(user.sub));

    socket.on('hall:sync', async (request, ack) => {
      if (typeof ack !== 'function') return;
      const since = (request as { sinceVersion?: unknown } | undefined)?.sinceVersion;
      const day = (request as { day?: unknown } | undefined)?.day;
      if (typeof since !== 'number' || !Number.isInteger(since) || since < 0) {
        return ack({ error: { code: 'invalid_request', message: `${errorMessage('invalid_request')}：sinceVersion` } });
      }
      try {
        const log = await app.qms.service.eventsSince(hallId, since);
        let result: SyncResult;
        if ((typeof day === 'string' && day !== log.day) || since > log.version || log.events.length > MAX_REPLAY) {
          result = await snapshot(hallId);
        } else {
          result = { events: log.events.map(withoutCredential) };
        }
        ack(result);
      } catch (err) {
        ack(failure(err));
      }
    });

    socket.on('hall:snapshot', async (ack) => {
      if (typeof ack !== 'function') return;
      try {
        ack(await snapshot(hallId));
      } catch (err) {
        ack(failure(err));
      }
    });
  });

  // The one place events leave for screens, and where phones' updates start: the events this node
  // committed, and those it caught up with (another node's). Each node pushes to its own screens
  // only: every node folds the same log, so nothing crosses between nodes per event (through the
  // adapter each event was one more Redis write, fsynced, and a read and decode on every node).
  // Each event is encoded once for all the hall's screens here (Socket.IO encodes a broadcast once
  // and writes the same frame to every socket).
  const pushed = (events: HallEvent[], state: HallState) => {
    for (const e of events) {
      halls.local.to(hallRoom(e.hallId)).emit('hall:event', forScreens(e));
      work.messagesSerialised++;
    }
    followers.committed(state);
  };
  const offCommitted = app.qms.service.onCommitted(pushed);
  const offCaughtUp = app.qms.service.onCaughtUp(pushed);

  // While the store is away nothing on a screen can be trusted to be current: close this node's
  // sockets so every screen shows its last state under the offline banner and keeps reconnecting
  // (handshakes are refused until the store answers), then takes a fresh snapshot when it is back.
  let storeHealthy = true;
  const watch = setInterval(() => {
    app.qms.store.ping().then(
      () => (storeHealthy = true),
      () => {
        if (storeHealthy) halls.local.disconnectSockets(true);
        storeHealthy = false;
      },
    );
  }, STORE_WATCH_MS);
  watch.unref();

  return {
    io,
    followers,
    hasListeners: screensHere,
    async isFollowing(hallId, ticketId, socketId) {
      const room = followRoom(hallId, ticketId);
      if (halls.adapter.rooms.get(room)?.has(socketId)) return true;
      if (!adapterClient) return false;
      const remote = await halls
        .in(room)
        .fetchSockets()
        .catch(() => []);
      return remote.some((s) => s.id === socketId);
    },
    async close() {
      clearInterval(watch);
      offAccounts();
      offAppended();
      offCommitted();
      offCaughtUp();
      // Not io.close(): it would close the HTTP server that Fastify closes itself.
      io.disconnectSockets(true);
      io.engine.close();
      for (const nsp of io._nsps.values()) await nsp.adapter.close();
      if (adapterClient) await closeClient(adapterClient);
    },
  };
}
