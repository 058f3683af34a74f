/**
 * What the routes share, decorated onto the Fastify instance by `buildApp`.
 */
import type { FastifyRequest, onRequestHookHandler } from 'fastify';
import type { TokenPayload } from '../auth/access';
import type { AccountDirectory } from '../auth/accounts';
import type { Clock } from '../app/clock';
import type { CatalogueStore } from '../admin/catalogue-store';
import type { HallHistory } from '../app/hall-history';
import type { HallForecasts } from '../app/hall-forecasts';
import type { HallService } from '../app/hall-service';
import type { Limiter } from '../app/limiter';
import type { Settings } from '../config/settings';
import type { Role } from '../domain/types';
import type { EventStore } from '../store/event-store';
import type { WorkCounters } from '../domain/work';
import type { AuditTrail } from '../audit/audit-trail';

export interface QmsContext {
  settings: Settings;
  service: HallService;
  /** Closed days' rollups and the reports merged from them. */
  history: HallHistory;
  /** Each hall's arrival forecast, kept per hall, made in the report thread. */
  forecasts: HallForecasts;
  store: EventStore;
  accounts: AccountDirectory;
  clock: Clock;
  /** Each hall's live service catalogue. */
  catalogue: CatalogueStore;
  /** The hot path's work counters (views computed, queue entries touched, …): read by tests, never reset. */
  work: WorkCounters;
  /** The hash-chained audit trail: `auditTrail.record(facts)` appends one record (server/audit/). */
  auditTrail: AuditTrail;
  /** The one limiter every limit goes through (`server/domain/limits.ts`). */
  limiter: Limiter;
}

export type { TokenPayload } from '../auth/access';

export interface AccessRule {
  /** Roles allowed besides admin (who may do everything unless `exclusive`), or `any` signed-in role. */
  roles: readonly Role[] | 'any';
  /** Only `roles`, the system administrator not implied: the security and audit administrators' duties (三员分立). */
  exclusive?: boolean;
  /** Open to a token that must still change its one-time password (only the password change is). */
  passwordChange?: boolean;
  /** Open to a token that may only enrol a second factor (the enrolment routes are). */
  secondFactorSetup?: boolean;
}

/**
 * A path parameter of whatever route the request matched, for hooks that run on every route
 * (access checks, the audit log) and so cannot know the route's parameter types.
 */
export function routeParam(request: FastifyRequest, name: 'hallId' | 'windowId'): string | undefined {
  const params: unknown = request.params;
  if (typeof params !== 'object' || params === null) return undefined;
  const value: unknown = Reflect.get(params, name);
  return typeof value === 'string' ? value : undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    qms: QmsContext;
    /** An onRequest hook: signed in, in the hall of `:hallId` (which must exist), with an allowed role. */
    authorize: (rule: AccessRule) => onRequestHookHandler;
  }
  interface FastifyRequest {
    /** The command id for this request: the user's Idempotency-Key, or a fresh one. */
    commandId: string;
  }
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: TokenPayload;
    user: TokenPayload;
  }
}
