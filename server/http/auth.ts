/**
 * Sign-in and access checks over HTTP: signed tokens (HS256) that expire — a working day for staff,
 * a month for devices that hang on walls — and an `authorize` hook. What a token may do is decided
 * in `server/auth/access.ts`, which the Socket.IO handshake calls too.
 */
import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { randomId } from '../app/ids';
import { checkAccessReading, checkIdle, currentUser, markActivity, tokenPayload, type AccessNeed, type SignedToken } from '../auth/access';
import { DEVICE_ROLES, type Account } from '../auth/accounts';
import { ACCOUNT_ID_MAX, ACCOUNT_ID_PATTERN } from '../domain/account-rules';
import { DomainError } from '../domain/errors';
import { routeParam, type AccessRule } from './context';
import { savedAnswerKey } from './idempotency';

export { canAccessHall, isRevoked, revokeToken, type SignedToken } from '../auth/access';

/** The signed-in user, or a 401: the token's signature and expiry only (see `authorize` for the rest). */
export async function authenticate(request: FastifyRequest): Promise<SignedToken> {
  const header = request.headers.authorization;
  const [scheme, token, extra] = typeof header === 'string' ? header.split(' ') : [];
  if (!scheme || !/^Bearer$/i.test(scheme) || !token || extra !== undefined) throw new DomainError('unauthorized', 'missing or invalid token');
  return request.server.verifyToken(token);
}

/**
 * Tokens whose signature was checked, by their text, until they expire: a kiosk or a counter sends
 * the same token with every request, and checking its signature again each time (with the plugin's
 * per-request option merging and decoding) was 4 % of a ticket's CPU. Per app: each has its secret.
 * Only the signature and expiry are remembered; sign-out and the account's state are checked per
 * request (`checkAccess`).
 */
const VERIFIED_LIMIT = 10_000;

function tokenVerifier(app: FastifyInstance): (token: string) => SignedToken {
  const verified = new Map<string, SignedToken>();
  const expired = (t: SignedToken) => t.exp !== undefined && Date.now() >= t.exp * 1000;
  return (token) => {
    const known = verified.get(token);
    if (known && !expired(known)) return known;
    if (known) verified.delete(token);
    let payload: SignedToken;
    try {
      payload = app.jwt.verify<SignedToken>(token);
    } catch (err) {
      const code = (err as { code?: string }).code;
      throw new DomainError('unauthorized', code === 'FAST_JWT_EXPIRED' ? 'token expired' : 'missing or invalid token');
    }
    // The oldest goes first when full (a Map keeps insertion order).
    if (verified.size >= VERIFIED_LIMIT) verified.delete(verified.keys().next().value!);
    verified.set(token, payload);
    return payload;
  };
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

    app.decorate('verifyToken', tokenVerifier(app));

    app.decorate('signToken', async (account: Account, opts: { enrol?: boolean } = {}): Promise<string> => {
      const { staffTokenHours, deviceTokenHours, adminIdleMinutes } = app.qms.settings;
      const hours = DEVICE_ROLES.has(account.role) ? deviceTokenHours : staffTokenHours;
      // The id lets one token be signed out (revokeToken) without touching the others.
      const jti = randomId();
      const token = app.jwt.sign(tokenPayload(account, Date.now(), opts.enrol === true), { expiresIn: `${hours}h`, jti });
      // An administrator's session starts active; it ends after the idle time without a request.
      await markActivity(app.qms, { jti, role: account.role }, app.qms.clock.now(), adminIdleMinutes * 60_000);
      return token;
    });

    app.decorate('authorize', (rule: AccessRule) => {
      const hook = async (request: FastifyRequest): Promise<void> => {
        const token = await authenticate(request);
        const hallId = routeParam(request, 'hallId');
        // Checked before any lookup, as the public routes' schemas do: a malformed id is a 400, not an unknown hall.
        if (hallId !== undefined && !isPathId(hallId))
          throw new DomainError('invalid_request', 'params.hallId: 1 to 64 letters, digits, _ or -', { field: 'hallId' });
        if (hallId !== undefined && !app.qms.service.hall(hallId)) throw new DomainError('hall_not_found', `no hall ${hallId}`);
        const need: AccessNeed = {
          roles: rule.roles,
          ...(hallId !== undefined ? { hallId } : {}),
          ...(rule.exclusive ? { exclusive: true } : {}),
          ...(rule.passwordChange ? { passwordChange: true } : {}),
          ...(rule.secondFactorSetup ? { secondFactorSetup: true } : {}),
        };
        // The request's saved first answer (Idempotency-Key) is read in the same round trip as the
        // sign-out check; the idempotency hook takes it from there.
        const ahead = savedAnswerKey(request, token.sub);
        const { account, values } = await checkAccessReading(app.qms, token, need, ahead === null ? [] : [ahead]);
        if (ahead !== null) request.savedAnswer = { key: ahead, value: values[0] ?? null };
        await checkIdle(app.qms, token, app.qms.clock.now(), app.qms.settings.adminIdleMinutes * 60_000);
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
    /** `enrol`: a token that may only enrol a second factor. */
    signToken: (account: Account, opts?: { enrol?: boolean }) => Promise<string>;
    /** A token's payload once its signature and expiry are checked (remembered until it expires), or a 401. */
    verifyToken: (token: string) => SignedToken;
  }
}
