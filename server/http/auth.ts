/**
 * Sign-in and access checks: signed tokens (HS256) that expire — a working day for staff, a month
 * for devices that hang on walls — and an `authorize` hook that checks role and hall for a route.
 */
import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { randomId } from '../app/ids';
import { DomainError } from '../domain/errors';
import type { Role } from '../domain/types';
import type { Account } from '../auth/accounts';
import { routeParam, type AccessRule, type QmsContext, type TokenPayload } from './context';

const DEVICE_ROLES: ReadonlySet<Role> = new Set(['kiosk', 'display', 'rating']);

export function tokenPayload(account: Account): TokenPayload {
  return { sub: account.id, name: account.name, role: account.role, hallId: account.hallId, staffNo: account.staffNo };
}

/** What a verified token holds besides its payload: its own id and when it expires (epoch seconds). */
export type SignedToken = TokenPayload & { jti?: string; exp?: number };

const revokedKey = (jti: string): string => `revoked-token:${jti}`;

/**
 * Signs a token out before it expires (server-side logout): its id is kept until its expiry, in the
 * store every node reads, so the token is refused everywhere from now on.
 */
export async function revokeToken(qms: QmsContext, token: SignedToken): Promise<void> {
  if (!token.jti) return;
  const ttlMs = Math.max(1000, (token.exp ?? 0) * 1000 - Date.now() + 60_000);
  await qms.store.putIfAbsent(revokedKey(token.jti), '1', ttlMs);
}

/** Whether a token was signed out. A token without an id predates sign-out and is refused too. */
export async function isRevoked(qms: QmsContext, token: SignedToken): Promise<boolean> {
  if (!token.jti) return true;
  return (await qms.store.get(revokedKey(token.jti))) !== null;
}

/** The signed-in user, or a 401. */
export async function authenticate(request: FastifyRequest): Promise<SignedToken> {
  let token: SignedToken;
  try {
    token = await request.jwtVerify<SignedToken>();
  } catch (err) {
    const expired = (err as { code?: string }).code === 'FST_JWT_AUTHORIZATION_TOKEN_EXPIRED';
    throw new DomainError('unauthorized', expired ? 'token expired' : 'missing or invalid token');
  }
  if (await isRevoked(request.server.qms, token)) throw new DomainError('unauthorized', 'token signed out');
  return token;
}

/** The rule each `authorize` hook enforces, so the OpenAPI document can state it (`openapi.ts`). */
const ACCESS_RULES = new WeakMap<object, AccessRule>();

/** The access rule behind an `onRequest` hook made by `app.authorize`, if it is one. */
export function accessRuleOf(hook: unknown): AccessRule | undefined {
  return typeof hook === 'function' ? ACCESS_RULES.get(hook) : undefined;
}

/** Whether a user may see and act in a hall at all. */
export function canAccessHall(user: TokenPayload, hallId: string): boolean {
  return user.role === 'admin' || user.hallId === hallId;
}

export default fp(
  async function auth(app: FastifyInstance, opts: { secret: string }) {
    await app.register(fastifyJwt, { secret: opts.secret, sign: { algorithm: 'HS256' }, verify: { algorithms: ['HS256'], cache: 10_000 } });

    app.decorate('signToken', (account: Account): string => {
      const { staffTokenHours, deviceTokenHours } = app.qms.settings;
      const hours = DEVICE_ROLES.has(account.role) ? deviceTokenHours : staffTokenHours;
      // The id lets one token be signed out (revokeToken) without touching the others.
      return app.jwt.sign(tokenPayload(account), { expiresIn: `${hours}h`, jti: randomId() });
    });

    app.decorate('authorize', (rule: AccessRule) => {
      const hook = async (request: FastifyRequest): Promise<void> => {
        const user = await authenticate(request);
        const hallId = routeParam(request, 'hallId');
        if (hallId !== undefined) {
          if (!app.qms.service.hall(hallId)) throw new DomainError('hall_not_found', `no hall ${hallId}`);
          if (!canAccessHall(user, hallId)) throw new DomainError('forbidden', `not allowed in hall ${hallId}`);
        }
        if (user.role !== 'admin' && rule.roles !== 'any' && !rule.roles.includes(user.role)) {
          throw new DomainError('forbidden', `role ${user.role} may not do this`);
        }
      };
      ACCESS_RULES.set(hook, rule);
      return hook;
    });
  },
  { name: 'qms-auth', dependencies: ['qms-errors'] },
);

declare module 'fastify' {
  interface FastifyInstance {
    signToken: (account: Account) => string;
  }
}
