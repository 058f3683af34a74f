/**
 * Sign-in and access checks over HTTP: signed tokens (HS256) that expire — a working day for staff,
 * a month for devices that hang on walls — and an `authorize` hook. What a token may do is decided
 * in `server/auth/access.ts`, which the Socket.IO handshake calls too.
 */
import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { randomId } from '../app/ids';
import { checkAccess, currentUser, tokenPayload, type AccessNeed, type SignedToken } from '../auth/access';
import { DEVICE_ROLES, type Account } from '../auth/accounts';
import { ACCOUNT_ID_MAX, ACCOUNT_ID_PATTERN } from '../domain/account-rules';
import { DomainError } from '../domain/errors';
import { routeParam, type AccessRule } from './context';

export { canAccessHall, isRevoked, revokeToken, type SignedToken } from '../auth/access';

/** The signed-in user, or a 401: the token's signature and expiry only (see `authorize` for the rest). */
export async function authenticate(request: FastifyRequest): Promise<SignedToken> {
  try {
    return await request.jwtVerify<SignedToken>();
  } catch (err) {
    const expired = (err as { code?: string }).code === 'FST_JWT_AUTHORIZATION_TOKEN_EXPIRED';
    throw new DomainError('unauthorized', expired ? 'token expired' : 'missing or invalid token');
  }
}

/** Whether a path's id has the shape every id in a path has (`IdParam`): the account ids' rule. */
const isPathId = (id: string): boolean => id.length <= ACCOUNT_ID_MAX && ACCOUNT_ID_PATTERN.test(id);

/** The rule each `authorize` hook enforces, so the OpenAPI document can state it (`openapi.ts`). */
const ACCESS_RULES = new WeakMap<object, AccessRule>();

/** The access rule behind an `onRequest` hook made by `app.authorize`, if it is one. */
export function accessRuleOf(hook: unknown): AccessRule | undefined {
  return typeof hook === 'function' ? ACCESS_RULES.get(hook) : undefined;
}

export default fp(
  async function auth(app: FastifyInstance, opts: { secret: string }) {
    await app.register(fastifyJwt, { secret: opts.secret, sign: { algorithm: 'HS256' }, verify: { algorithms: ['HS256'], cache: 10_000 } });

    app.decorate('signToken', (account: Account): string => {
      const { staffTokenHours, deviceTokenHours } = app.qms.settings;
      const hours = DEVICE_ROLES.has(account.role) ? deviceTokenHours : staffTokenHours;
      // The id lets one token be signed out (revokeToken) without touching the others.
      return app.jwt.sign(tokenPayload(account, Date.now()), { expiresIn: `${hours}h`, jti: randomId() });
    });

    app.decorate('authorize', (rule: AccessRule) => {
      const hook = async (request: FastifyRequest): Promise<void> => {
        const token = await authenticate(request);
        const hallId = routeParam(request, 'hallId');
        // Checked before any lookup, as the public routes' schemas do: a malformed id is a 400, not an unknown hall.
        if (hallId !== undefined && !isPathId(hallId)) throw new DomainError('invalid_request', 'params.hallId: 1 to 64 letters, digits, _ or -', { field: 'hallId' });
        if (hallId !== undefined && !app.qms.service.hall(hallId)) throw new DomainError('hall_not_found', `no hall ${hallId}`);
        const need: AccessNeed = { roles: rule.roles, ...(hallId !== undefined ? { hallId } : {}), ...(rule.passwordChange ? { passwordChange: true } : {}), ...(rule.only ? { only: true } : {}) };
        const account = await checkAccess(app.qms, token, need);
        request.user = currentUser(account, token);
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
