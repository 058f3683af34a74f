/**
 * What goes into the audit trail from HTTP, decided once for every route: sign-ins (success and
 * failure, with the address), password changes, every mutating request by an administrator, every
 * read of citizens' personal data (routes marked `config: { personalData: true }`) and every
 * refusal (401/403) of a route that needs a role. Recorded before the answer leaves (onSend), so a
 * client that has its answer knows the record is stored. The pino audit line (http/audit.ts) stays
 * as it is: the log is for operators, the trail for the auditor.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ADMINISTRATOR_ROLES, type AuditFacts, type AuditKind } from '../domain/audit-record';
import { accessRuleOf, type SignedToken } from '../http/auth';
import { routeParam } from '../http/context';
import type { AuditTrail } from './audit-trail';

const SIGN_IN_ROUTES = new Set(['/api/v1/auth/login', '/api/v1/auth/pair']);
const PASSWORD_ROUTE = '/api/v1/auth/password';
const READ_ONLY = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route answers with citizens' personal data in clear: every read of it is audited. */
    personalData?: boolean;
  }
}

/** The token's verified subject, if the request carried a valid one (a refused request may have none). */
async function verifiedUser(request: FastifyRequest): Promise<SignedToken | null> {
  const user = request.user as SignedToken | null | undefined;
  if (user?.sub) return user;
  if (!request.headers.authorization) return null;
  try {
    return await request.jwtVerify<SignedToken>();
  } catch {
    return null;
  }
}

/**
 * A string field of whatever body the request carried (the name a refused sign-in tried, a
 * pairing's hall): these hooks run on every route, so they cannot know its body's type.
 */
function bodyField(request: FastifyRequest, name: 'username' | 'hallId'): string | null {
  const body: unknown = request.body;
  if (typeof body !== 'object' || body === null) return null;
  const value: unknown = Reflect.get(body, name);
  return typeof value === 'string' ? value : null;
}

export default fp(
  async function auditTrailHooks(app: FastifyInstance, opts: { trail: AuditTrail }) {
    /** `METHOD url` of every route behind a role check (not merely "signed in"). */
    const guarded = new Set<string>();
    app.addHook('onRoute', (route) => {
      const hooks = [route.onRequest ?? []].flat();
      const rule = hooks.map((h) => accessRuleOf(h)).find((r) => r !== undefined);
      if (rule && rule.roles !== 'any') for (const method of [route.method].flat()) guarded.add(`${method} ${route.url}`);
    });

    const kindOf = async (request: FastifyRequest, status: number, user: SignedToken | null): Promise<AuditKind | null> => {
      const route = request.routeOptions.url ?? '';
      if (SIGN_IN_ROUTES.has(route) && request.method === 'POST') return status < 300 ? 'sign_in' : 'sign_in_failed';
      if (route === PASSWORD_ROUTE && request.method === 'POST') return 'password_change';
      if ((status === 401 || status === 403) && guarded.has(`${request.method} ${route}`)) return 'access_refused';
      if (request.routeOptions.config?.personalData && status < 300) return 'personal_data_export';
      if (!READ_ONLY.has(request.method) && user && ADMINISTRATOR_ROLES.has(user.role)) return 'admin_change';
      return null;
    };

    app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const status = reply.statusCode;
      if (!request.routeOptions.url) return payload; // no route matched: nothing privileged was asked
      const route = request.routeOptions.url;
      // Only a refusal needs the token looked at again; everywhere else the hooks already set the user.
      const user =
        (status === 401 || status === 403) && guarded.has(`${request.method} ${route}`)
          ? await verifiedUser(request)
          : ((request.user as SignedToken | undefined) ?? null);
      const kind = await kindOf(request, status, user?.sub ? user : null);
      if (kind === null) return payload;
      const facts: AuditFacts = {
        kind,
        at: app.qms.clock.now(),
        actor: kind === 'sign_in_failed' ? bodyField(request, 'username') : (user?.sub ?? null),
        role: kind === 'sign_in_failed' ? null : (user?.role ?? null),
        address: request.ip,
        method: request.method,
        route,
        status,
        hallId: routeParam(request, 'hallId') ?? bodyField(request, 'hallId') ?? user?.hallId ?? null,
        requestId: request.id,
      };
      try {
        await opts.trail.record(facts);
      } catch (err) {
        request.log.error({ err, audit: kind }, 'audit record not stored');
      }
      return payload;
    });
  },
  { name: 'qms-audit-trail', dependencies: ['qms-auth'] },
);
