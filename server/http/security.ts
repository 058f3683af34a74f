/**
 * Security headers on every answer (helmet), with a Content-Security-Policy that fits the pages as
 * they are: Lit bundles and their assets from this origin, Socket.IO to this origin, QR codes drawn
 * in the browser as data URLs, announcement audio fetched from this origin and decoded in place.
 *
 * The headers do not depend on the request (no nonces, no per-route policy), so helmet works them
 * out once, at start, and every answer gets the same set. (@fastify/helmet builds a helmet
 * middleware per request — parsing the policy again each time —, 4 % of a ticket's CPU.)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Scripts only from our own files, nothing framed elsewhere. Styles allow inline because the built
 * pages carry a small `<style>` for the first paint and the printed-ticket preview sets style
 * attributes; scripts, where injection would matter, do not.
 * No `upgrade-insecure-requests`: a hall server PC is often reached over plain HTTP on the hall's
 * LAN, and upgrading its own requests to HTTPS would leave every screen blank.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  // The kiosk asks the ID card reader's service on its own PC (`server/domain/card-reader.ts`), never elsewhere.
  'connect-src': ["'self'", 'http://127.0.0.1:*', 'http://localhost:*'],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'media-src': ["'self'", 'data:', 'blob:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'worker-src': ["'self'", 'blob:'],
};

const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
  // Ignored over plain HTTP; behind HTTPS it keeps browsers there. Not for the whole domain:
  // a government domain has other services under it that are not ours to decide for.
  strictTransportSecurity: { maxAge: 365 * 24 * 3600, includeSubDomains: false },
  // The ticket page's address holds the ticket id, which is its only credential.
  referrerPolicy: { policy: 'no-referrer' },
};

/** The headers helmet sets for these options (it only sets and removes headers: nothing else is asked of the answer). */
export function securityHeaders(options: HelmetOptions = HELMET_OPTIONS): Record<string, string> {
  const headers: Record<string, string> = {};
  const answer = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmet(options)({} as IncomingMessage, answer as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error('helmet refused its options', { cause: err });
  });
  return headers;
}

export default fp(
  async function security(app: FastifyInstance) {
    const headers = securityHeaders();
    // API answers carry tokens, names and queue state: no cache or proxy keeps them. Routes that
    // want revalidation (announcement audio) set their own.
    const apiHeaders = { ...headers, 'cache-control': 'no-store' };
    app.addHook('onRequest', (request, reply, done) => {
      reply.headers(request.url.startsWith('/api/') ? apiHeaders : headers);
      done();
    });
  },
  { name: 'qms-security' },
);
