/**
 * `Idempotency-Key` on every POST: the same key from the same user within 24 h gets the first
 * response again and acts no more. The key also becomes the command id written into the events,
 * so two copies racing each other, or a retry after a lost reply, are recognised by the hall
 * runner even before the first response was saved here.
 */
import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { randomId } from '../app/ids';
import { sendError } from './errors';

const TTL_MS = 24 * 60 * 60 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
/** Answers that hand out a secret (a token, a second factor's secret or recovery codes): never kept, never replayed. */
const UNKEPT = new Set(['/api/v1/auth/login', '/api/v1/auth/second-factor', '/api/v1/auth/second-factor/confirm']);
/** Answers that depend on the moment, not on the request: never replayed. */
const NOT_SAVED = new Set([401, 429]);

/**
 * Answer fields that are credentials. An answer holding one is not kept: the idempotency records
 * live 24 h in the store (and its backups), and a replay would hand the secret out again to whoever
 * holds the key. A retry is told the request was done instead (409 idempotent_secret_not_kept).
 */
const SECRET_FIELDS = new Set(['token', 'oneTimePassword', 'secret', 'recoveryCodes', 'totpSecret', 'otpauthUrl']);
/** Routes whose answer is a credential under an ordinary name (a device's pairing code). */
const SECRET_ROUTES = new Set(['/api/v1/admin/halls/:hallId/devices/:deviceId/pairing-code']);

/** Whether a JSON answer carries a secret anywhere in it. */
function holdsSecret(route: string | undefined, body: string): boolean {
  if (route !== undefined && SECRET_ROUTES.has(route)) return true;
  let found = false;
  try {
    JSON.parse(body, (key, value: unknown) => {
      if (SECRET_FIELDS.has(key)) found = true;
      return value;
    });
  } catch {
    return false;
  }
  return found;
}

/** What is kept of a first answer: the answer itself, or (a secret) only that it happened. */
type Saved = { status: number; body: string; fingerprint: string } | { status: number; secret: true; fingerprint: string };

/**
 * What the first request was, to tell a retry from another request under the same key: a keyed
 * hash, because a body may hold passwords (a password change) and a plain hash of one, kept 24 h,
 * could be guessed back offline.
 */
function fingerprint(request: FastifyRequest, key: string): string {
  return createHmac('sha256', key)
    .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest('base64url');
}

/** Keys are per user; a citizen's phone (no sign-in) is known by its address. */
function scopeOf(request: FastifyRequest): string {
  const user = request.user as { sub?: string } | undefined;
  return user?.sub ?? `anon@${request.ip}`;
}

function storeKey(userId: string, key: string): string {
  return `idem:${userId}:${key}`;
}

/** The request's Idempotency-Key when its first answer may be kept and replayed; null for none or a malformed one. */
function keptKey(request: FastifyRequest): string | null {
  if (request.method !== 'POST') return null;
  const raw = request.headers['idempotency-key'];
  if (raw === undefined) return null;
  const key = Array.isArray(raw) ? raw[0]! : raw;
  if (!KEY_PATTERN.test(key) || UNKEPT.has(request.routeOptions.url ?? '')) return null;
  return key;
}

/**
 * Where the first answer to this request would be kept, for the user `who` signing it: the access
 * check reads it in the same round trip as the token's sign-out (`authorize`), and hands what it
 * found to this plugin (`request.savedAnswer`), so a ticket pays one trip before its handler, not two.
 */
export function savedAnswerKey(request: FastifyRequest, who: string): string | null {
  const key = keptKey(request);
  return key === null ? null : storeKey(who, key);
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey: string | null;
    /** Whose keys the request's is among, fixed before the handler (a sign-in changes `request.user`). */
    idempotencyScope: string;
    idempotencyReplay: boolean;
    /** The saved first answer read ahead with the access check (`savedAnswerKey`), under its store key. */
    savedAnswer: { key: string; value: string | null } | null;
  }
}

export default fp(
  async function idempotency(app: FastifyInstance, opts: { fingerprintKey: string }) {
    app.decorateRequest('commandId', '');
    app.decorateRequest('idempotencyKey', null);
    app.decorateRequest('idempotencyScope', '');
    app.decorateRequest('idempotencyReplay', false);
    app.decorateRequest('savedAnswer', null);

    app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
      request.commandId = randomId();
      if (request.method !== 'POST') return;
      const raw = request.headers['idempotency-key'];
      if (raw === undefined) return;
      const key = Array.isArray(raw) ? raw[0]! : raw;
      if (!KEY_PATTERN.test(key)) return sendError(request, reply, 'invalid_request', 'Idempotency-Key: 1–200 visible ASCII characters', 'Idempotency-Key');
      if (UNKEPT.has(request.routeOptions.url ?? '')) return; // a replayed token or secret would be a leak
      const who = scopeOf(request);
      request.idempotencyScope = who;
      request.idempotencyKey = key;
      request.commandId = `${who}:${key}`;
      const at = storeKey(who, key);
      const saved = request.savedAnswer?.key === at ? request.savedAnswer.value : await app.qms.store.get(at);
      if (saved === null) return;
      const first = JSON.parse(saved) as Saved;
      if (first.fingerprint !== fingerprint(request, opts.fingerprintKey)) {
        return sendError(request, reply, 'idempotency_key_reused', 'the key was used for a different request');
      }
      request.idempotencyReplay = true;
      if ('secret' in first) return sendError(request, reply, 'idempotent_secret_not_kept', `first answered ${first.status}`);
      return reply.code(first.status).header('content-type', 'application/json; charset=utf-8').header('idempotent-replayed', 'true').send(first.body);
    });

    app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, body: unknown) => {
      if (!request.idempotencyKey || request.idempotencyReplay) return body;
      if (reply.statusCode >= 500 || NOT_SAVED.has(reply.statusCode) || typeof body !== 'string') return body;
      const saved: Saved = holdsSecret(request.routeOptions.url, body)
        ? { status: reply.statusCode, secret: true, fingerprint: fingerprint(request, opts.fingerprintKey) }
        : { status: reply.statusCode, body, fingerprint: fingerprint(request, opts.fingerprintKey) };
      // Not waited for: the answer does not depend on it, and with Redis (appendfsync always) it is a
      // write that waits for a disk sync, one more on every POST's way out. A retry sent after this
      // answer to this node is read on the same connection, after the write; one that overtakes it
      // (another node, within the moment) is still recognised by the command id its events carry,
      // and answered from them (the same ticket); only the exact replay is missed then, as when the
      // save fails.
      app.qms.store.putIfAbsent(storeKey(request.idempotencyScope, request.idempotencyKey), JSON.stringify(saved), TTL_MS).catch((err: unknown) => {
        request.log.warn({ err }, 'idempotency response not saved');
      });
      return body;
    });
  },
  { name: 'qms-idempotency', dependencies: ['qms-errors'] },
);
