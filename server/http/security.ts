/**
 * Security headers on every answer (helmet), with a Content-Security-Policy that fits the pages as
 * they are: Lit bundles and their assets from this origin, Socket.IO to this origin, QR codes drawn
 * in the browser as data URLs, announcement audio fetched from this origin and decoded in place.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

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

export default fp(
  async function security(app: FastifyInstance) {
    await app.register(helmet, {
      contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
      // Ignored over plain HTTP; behind HTTPS it keeps browsers there. Not for the whole domain:
      // a government domain has other services under it that are not ours to decide for.
      strictTransportSecurity: { maxAge: 365 * 24 * 3600, includeSubDomains: false },
      // The ticket page's address holds the ticket id, which is its only credential.
      referrerPolicy: { policy: 'no-referrer' },
    });
    // API answers carry tokens, names and queue state: no cache or proxy keeps them. Routes that
    // want revalidation (announcement audio) set their own.
    app.addHook('onRequest', async (request, reply) => {
      if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    });
  },
  { name: 'qms-security' },
);
