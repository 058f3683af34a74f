/**
 * JSON request bodies, in one place: a body nested absurdly deep is refused before it is parsed,
 * and a POST whose fields are all optional (pause, call-next, sign-in, a reprint) may come with no
 * body at all or with an empty one under `Content-Type: application/json` — both mean "no fields",
 * which is what a counter button or `curl -X POST -H 'content-type: application/json'` sends.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from '../domain/errors';

/** Deeper than any body the API takes (three levels at most); deeper is an attack on recursion. */
export const MAX_JSON_DEPTH = 32;

/** Whether JSON text nests arrays/objects deeper than `max`, found in one pass without parsing. */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

export default fp(
  async function bodies(app: FastifyInstance) {
    // JSON.parse copes with any depth, but the recursive code after it (the idempotency fingerprint,
    // validation, logging) would overflow the stack on `[[[[…]]]]`: refuse it before parsing.
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      const text = String(body);
      if (text.trim() === '') return done(null, undefined);
      if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
        return done(new DomainError('invalid_request', `body: nested deeper than ${MAX_JSON_DEPTH} levels`), undefined);
      }
      // Fastify's own parser answers through `done`; its type also allows a promise, which it never returns when given `done`.
      void parseJson(request, text, done);
    });
    // A route's body schema then decides: with no field required, "no fields" passes; otherwise
    // the answer names the first missing field instead of "body must be object".
    app.addHook('preValidation', async (request) => {
      if (request.body === undefined && request.routeOptions.schema?.body !== undefined) request.body = {};
    });
  },
  { name: 'qms-bodies' },
);
