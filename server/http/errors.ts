/**
 * One error shape for every failure: `{ error: { code, message, field?, reason?, problems?, limit? } }` (`ErrorBody`
 * in `schemas/common.ts`), the code stable and the message from the message table (zh-CN, or
 * English on `Accept-Language: en`). Real details are shown only for 4xx; a 5xx says what kind of
 * fault it is and logs the rest.
 */
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError, ERROR_STATUS, type ErrorCode } from '../domain/errors';
import type { ConfigChangeProblem } from '../domain/config-change';
import { HALL_PROBLEM_CODES, type HallProblem } from '../domain/hall-rules';
import type { IdentityLimit, IdentityLimitRefusal } from '../domain/identity-limits';
import { errorMessage, fillIn, hallProblemText, identityLimitText, messages, pickLocale, type Locale } from '../i18n';
import { StoreUnavailableError, StoreUnconfirmedError } from '../store/event-store';

export interface ErrorPayload {
  /** `reason`: the specific refusal behind a contract code, e.g. `ticket_not_found` behind `not_found`. */
  error: { code: ErrorCode; message: string; field?: string; reason?: ErrorCode; problems?: ProblemLine[]; limit?: IdentityLimit };
}

/** One problem of a refused document, in the request's language. */
export interface ProblemLine {
  path: string;
  message: string;
}

/**
 * The problems a `DomainError` carries (`detail.problems`), worded by the message table in the
 * request's language: a hall document's (`server/domain/hall-rules.ts`) or the live day's refusal
 * to remove a window or area (`server/domain/config-change.ts`).
 */
function problemLines(raw: unknown, locale: Locale): ProblemLine[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  return raw.flatMap((p: unknown): ProblemLine[] => {
    if (isHallProblem(p)) return [{ path: p.path, message: hallProblemText(p, locale) }];
    if (isInUse(p))
      return [{ path: p.code === 'window_in_use' ? 'windows' : 'areas', message: fillIn(messages(locale).adminConsole.inUse[p.code], { id: p.id }) }];
    return [];
  });
}

function isInUse(p: unknown): p is Pick<ConfigChangeProblem, 'code' | 'id'> {
  const c = p as ConfigChangeProblem | null;
  return typeof c === 'object' && c !== null && (c.code === 'window_in_use' || c.code === 'area_in_use') && typeof c.id === 'string';
}

function isIdentityLimitRefusal(r: unknown): r is IdentityLimitRefusal {
  const x = r as IdentityLimitRefusal | null;
  return typeof x === 'object' && x !== null && (x.limit === 'open_in_area' || x.limit === 'daily_cap');
}

/**
 * `identity_limit` with the limit that applies (`detail.refusal`): the citizen is told that one, in
 * the table's words with its particulars (the area and the ticket held, or the daily number), and
 * the body names it (`limit`) for clients that word it themselves.
 */
function sendIdentityLimit(request: FastifyRequest, reply: FastifyReply, refusal: IdentityLimitRefusal): FastifyReply {
  const message = identityLimitText(refusal, pickLocale(request.headers['accept-language']));
  const body: ErrorPayload = { error: { code: 'identity_limit', message, limit: refusal.limit } };
  return reply.code(ERROR_STATUS.identity_limit).send(body);
}

function isHallProblem(p: unknown): p is HallProblem {
  return (
    typeof p === 'object' &&
    p !== null &&
    typeof (p as HallProblem).path === 'string' &&
    (HALL_PROBLEM_CODES as readonly unknown[]).includes((p as HallProblem).code)
  );
}

/** The contract fixes the codes of these statuses; the specific one goes along as `reason`. */
const CONTRACT_CODES: Partial<Record<number, ErrorCode>> = { 403: 'forbidden', 404: 'not_found' };

function payload(request: FastifyRequest, code: ErrorCode, detail?: string, field?: string, problems?: ProblemLine[]): ErrorPayload {
  const base = errorMessage(code, pickLocale(request.headers['accept-language']));
  const message = detail ? `${base}：${detail}` : base;
  const contract = CONTRACT_CODES[ERROR_STATUS[code]] ?? code;
  return {
    error: {
      code: contract,
      message,
      ...(field ? { field } : {}),
      ...(contract !== code ? { reason: code } : {}),
      ...(problems ? { problems } : {}),
    },
  };
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  detail?: string,
  field?: string,
  problems?: ProblemLine[],
): FastifyReply {
  return reply.code(ERROR_STATUS[code]).send(payload(request, code, detail, field, problems));
}

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'invalid_request',
  429: 'rate_limited',
};

/** `/body/areaId` or a missing property → the field the client got wrong. */
function fieldOf(err: FastifyError): string | undefined {
  const v = err.validation?.[0];
  if (!v) return undefined;
  const missing = (v.params as { missingProperty?: string } | undefined)?.missingProperty;
  const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
  return [path, missing].filter(Boolean).join('.') || undefined;
}

/**
 * Fastify's `frameworkErrors`: what the router refuses before any route or hook runs (a malformed
 * %-escape, a path segment over the length limit) gets the one shape too.
 */
export function frameworkErrors(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  sendError(request, reply, 'invalid_request', err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'a path segment is too long' : 'malformed URL');
}

/**
 * Fastify's `clientErrorHandler`: a request Node cannot even parse (headers over 16 KB, a garbled
 * request line) is answered on the raw socket, still in the one shape, then the connection closed.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const detail =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? 'request headers too large'
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'request not received in time'
        : 'malformed HTTP request';
  const body = JSON.stringify({ error: { code: 'invalid_request', message: `${errorMessage('invalid_request')}：${detail}` } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 400 Bad Request\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

export default fp(
  async function errorHandling(app: FastifyInstance) {
    app.setErrorHandler((err: FastifyError, request, reply) => {
      if (err instanceof DomainError) {
        if (err.code === 'identity_limit' && isIdentityLimitRefusal(err.detail?.refusal)) return sendIdentityLimit(request, reply, err.detail.refusal);
        const field = typeof err.detail?.field === 'string' ? err.detail.field : undefined;
        const problems = err.status < 500 ? problemLines(err.detail?.problems, pickLocale(request.headers['accept-language'])) : undefined;
        return sendError(request, reply, err.code, err.status < 500 ? err.message : undefined, field, problems);
      }
      if (err instanceof StoreUnconfirmedError) {
        request.log.warn({ err }, 'write not confirmed by a replica');
        return sendError(request, reply, 'store_unconfirmed');
      }
      if (err instanceof StoreUnavailableError) {
        request.log.warn({ err }, 'store unavailable');
        return sendError(request, reply, 'store_unavailable');
      }
      if (err.validation) {
        const field = fieldOf(err);
        const where = err.validationContext ?? 'request';
        return sendError(request, reply, 'invalid_request', `${where}${field ? '.' + field : ''} ${err.validation[0]?.message ?? ''}`.trim(), field);
      }
      const status = err.statusCode ?? 500;
      if (status < 500) {
        const code = STATUS_CODES[status] ?? 'invalid_request';
        return sendError(request, reply, code, err.message);
      }
      request.log.error({ err }, 'request failed');
      return sendError(request, reply, 'internal_error');
    });

    app.setNotFoundHandler((request, reply) => sendError(request, reply, 'not_found', `${request.method} ${request.url.split('?')[0]}`));
  },
  { name: 'qms-errors' },
);
