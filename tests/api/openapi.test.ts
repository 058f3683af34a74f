/**
 * The API contract in the repository, generated from the route schemas: the OpenAPI 3.1 document
 * at `GET /api/v1/openapi.json` is valid (checked by a real validator) and complete — every API
 * route the server answers is in it, with a summary in Chinese and English, its errors in the one
 * error shape, and the bearer token exactly where the route needs one. The route list comes from
 * the server itself, and who needs a token from `route-table.ts`, which the authorisation matrix
 * proves against the server.
 *
 * And the input edges the document promises: a body whose fields are all optional may be left out
 * or sent empty; rating tags are the known set.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server';
import { ROUTES } from '../security/route-table';

const H = '/api/v1/halls/yuxi';

interface Schema {
  type?: string;
  required?: string[];
  properties?: Record<string, Schema>;
}
interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  requestBody?: { required: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
}

/** `/halls/:hallId` as the document writes it: `/halls/{hallId}`. */
const openapiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

/** Every method and path the server answers (HEAD aside), read from its router. */
function servedRoutes(srv: TestServer): Array<{ method: string; path: string }> {
  const out: Array<{ method: string; path: string }> = [];
  const stack: string[] = [];
  for (const line of srv.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (.+?) \(([A-Z, ]+)\)$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    for (const method of m[3]!.split(', ')) if (method !== 'HEAD') out.push({ method, path: stack.join('') });
  }
  return out;
}

/** The API's routes: everything under /api/v1, and the two operations routes. Pages, assets and the docs page are not API. */
const isApi = (path: string) => path.startsWith('/api/v1/') || path === '/healthz' || path === '/metrics';

const ERROR_STATUSES = ['400', '401', '403', '404', '409', '413', '422', '429', '500', '503'];
const SUMMARY = /^\p{Script=Han}[^·]*\S · [A-Z][\x20-\x7e]+$/u;

/** What is wrong with one operation's documentation (empty: nothing). */
function faultsOf(op: Operation, needsToken: boolean | undefined): string[] {
  const faults: string[] = [];
  if (!op.summary || !SUMMARY.test(op.summary)) faults.push(`summary "${op.summary ?? ''}" is not "中文 · English"`);
  if (!op.tags?.length) faults.push('no tag');
  if (!Object.keys(op.responses).some((s) => s.startsWith('2'))) faults.push('no success response');
  for (const status of ERROR_STATUSES) {
    const schema = op.responses[status]?.content?.['application/json']?.schema;
    const error = schema?.properties?.error;
    const shaped = schema?.required?.includes('error') && error?.required?.includes('code') && error.required.includes('message');
    if (!shaped) faults.push(`${status} is not documented in the error shape`);
  }
  const bearer = op.security?.some((s) => 'bearerAuth' in s) ?? false;
  // `security: []` (public) or an empty requirement among others (the token optional).
  const optional = op.security === undefined || op.security.length === 0 || op.security.some((s) => Object.keys(s).length === 0);
  if (needsToken === true && (!bearer || optional)) faults.push('needs a token but is not documented with bearerAuth');
  if (needsToken === false && !optional) faults.push('is public but documented as needing a token');
  if (needsToken === undefined) faults.push('is not in route-table.ts');
  return faults;
}

describe('the OpenAPI document', () => {
  let srv: TestServer;
  let doc: Document;

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded' });
    const res = await srv.request<Document>('GET', '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    doc = res.body;
  });
  afterAll(async () => srv?.close());

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    // The validator dereferences in place: give it its own copy.
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
    expect(doc.components.securitySchemes.bearerAuth).toEqual({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  });

  it('documents every API route the server answers, and nothing else', () => {
    const api = servedRoutes(srv).filter((r) => isApi(r.path));
    const missing = api.filter((r) => !doc.paths[openapiPath(r.path)]?.[r.method.toLowerCase()]).map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
    // A guard on reading the router above: it found as many API routes as the route table lists.
    expect(api.length).toBe(ROUTES.filter((r) => isApi(r.path)).length);
    const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.length).toBe(api.length);
    expect(documented.filter((d) => !isApi(d.split(' ')[1]!))).toEqual([]);
  });

  it('types every JSON route for the pages: `ApiRoutes` in server/protocol.ts lists exactly the JSON routes the server answers', () => {
    // The keys of `ApiRoutes` (`'GET /halls/:hallId'`, under /api/v1), read from the file the pages' typed client takes them from.
    const protocol = readFileSync(resolve(__dirname, '../../server/protocol.ts'), 'utf8');
    const typed = [...protocol.matchAll(/^\s+'(GET|POST|PUT|PATCH|DELETE) (\/[^']*)': /gm)].map((m) => `${m[1]} /api/v1${m[2]}`).sort();
    const json = Object.entries(doc.paths)
      .flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, op })))
      .filter(({ route }) => route.includes(' /api/v1/') && !route.endsWith('/openapi.json'))
      .filter(({ op }) => Object.entries(op.responses).some(([status, r]) => status === '204' || (status.startsWith('2') && r.content?.['application/json'])))
      .map(({ route }) => route)
      .sort();
    expect(json.length).toBeGreaterThan(80);
    expect(typed).toEqual(json);
  });

  it('gives every operation a summary in Chinese and English, a tag, its errors in the one shape, and the token where one is needed', () => {
    const needsToken = new Map(ROUTES.map((r) => [`${r.method} ${openapiPath(r.path)}`, r.access.anonymous === '401']));
    const faults: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const name = `${method.toUpperCase()} ${path}`;
        for (const fault of faultsOf(op, needsToken.get(name))) faults.push(`${name}: ${fault}`);
      }
    }
    expect(faults).toEqual([]);
    expect(doc.paths['/api/v1/halls/{hallId}/tickets']!.post!.summary).toBe('取号 · Issue a ticket (a kiosk prints it)');
  });

  it('states the roles a route admits, from the same rule the server enforces', () => {
    expect(doc.paths['/api/v1/halls/{hallId}/stats']!.get!).toMatchObject({
      security: [{ bearerAuth: [] }],
      description: expect.stringContaining('roles: manager, admin'),
    });
    expect(doc.paths['/api/v1/halls/{hallId}/windows/{windowId}/call-next']!.post!.description).toContain('roles: clerk, manager, admin');
    // Public, or with a token of the hall (then the ticket may be named by its id): both stated.
    expect(doc.paths['/api/v1/halls/{hallId}/tickets/{ticketId}']!.get!.security).toEqual([{}, { bearerAuth: [] }]);
    expect(doc.paths['/api/v1/halls/{hallId}/calendar']!.get!.security).toEqual([]);
  });

  it("passes redocly's recommended rules with no error: public operations say so, every operation has an id, every tag is defined", async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
    const errors = problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message} (${p.location[0]?.pointer ?? ''})`);
    expect(errors).toEqual([]);
    const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => (op as { operationId?: string }).operationId));
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z0-9]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('marks a body with no required field as optional, and one with required fields as required', () => {
    expect(doc.paths['/api/v1/halls/{hallId}/windows/{windowId}/pause']!.post!.requestBody!.required).toBe(false);
    expect(doc.paths['/api/v1/halls/{hallId}/windows/{windowId}/call']!.post!.requestBody!.required).toBe(true);
    expect(doc.paths['/api/v1/halls/{hallId}/tickets/{ticketId}/rating']!.post!.requestBody!.content['application/json']!.schema.properties!.tags).toEqual({
      type: 'array',
      items: { enum: ['long_wait', 'attitude', 'slow', 'unclear_requirements', 'other'] },
      maxItems: 5,
    });
  });

  it('serves a reference page at /api/docs that reads the same document', async () => {
    const page = await srv.request('GET', '/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(String(page.body)).toContain('swagger-ui-bundle.js');
    expect((await srv.request('GET', '/api/docs/json')).body).toEqual(doc);
  });
});

describe('optional bodies and rating tags over HTTP', () => {
  let srv: TestServer;

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded' });
  });
  afterAll(async () => srv?.close());

  /** A POST with exactly these headers and body, as curl or a button would send it. */
  async function post(path: string, as: string, init: { contentType?: string; body?: string }) {
    const headers: Record<string, string> = { authorization: `Bearer ${await srv.login(as)}` };
    if (init.contentType) headers['content-type'] = init.contentType;
    const res = await fetch(srv.url + path, { method: 'POST', headers, body: init.body });
    return { status: res.status, body: await res.json() };
  }

  it('takes a POST whose fields are all optional with no body at all, or an empty one sent as JSON', async () => {
    const W = `${H}/windows/6`;
    expect((await post(`${W}/sign-in`, 'clerk06', {})).status).toBe(200);
    const paused = await post(`${W}/pause`, 'clerk06', {});
    expect(paused).toMatchObject({ status: 200, body: { window: { status: 'paused', pauseReason: null } } });
    const resumed = await post(`${W}/resume`, 'clerk06', { contentType: 'application/json', body: '' });
    expect(resumed).toMatchObject({ status: 200, body: { window: { status: 'open' } } });
    const pausedAgain = await post(`${W}/pause`, 'clerk06', { contentType: 'application/json; charset=utf-8', body: '' });
    expect(pausedAgain).toMatchObject({ status: 200, body: { window: { status: 'paused' } } });
    await post(`${W}/resume`, 'clerk06', {});
    const { ticket } = await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'estate' }, 201);
    const called = await post(`${W}/call-next`, 'clerk06', { contentType: 'application/json', body: '' });
    expect(called).toMatchObject({ status: 200, body: { ticket: { id: ticket.id, status: 'called' } } });
  });

  it('still asks for the fields a body needs, naming the first one missing', async () => {
    await srv.post(`${H}/windows/7/sign-in`, 'clerk07');
    for (const init of [{}, { contentType: 'application/json', body: '' }]) {
      const res = await post(`${H}/windows/7/call`, 'clerk07', init);
      expect(res).toMatchObject({ status: 400, body: { error: { code: 'invalid_request', field: 'number' } } });
    }
  });

  it('takes the known rating tags and refuses any other, naming the field', async () => {
    await srv.post(`${H}/windows/12/sign-in`, 'clerk12');
    const served = async () => {
      await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'business' }, 201);
      const { ticket } = await srv.post(`${H}/windows/12/call-next`, 'clerk12');
      await srv.post(`${H}/windows/12/complete`, 'clerk12');
      return ticket.id as string;
    };
    const ticketId = await served();
    const refused = await srv.request('POST', `${H}/tickets/${ticketId}/rating`, { as: 'rating01', body: { score: 2, tags: ['long_wait', '态度'] } });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'invalid_request', field: 'tags.1' });
    const good = await srv.request('POST', `${H}/tickets/${ticketId}/rating`, {
      as: 'rating01',
      body: { score: 2, tags: ['long_wait', 'unclear_requirements'] },
    });
    expect(good.status).toBe(201);
    expect(good.body.rating.tags).toEqual(['long_wait', 'unclear_requirements']);
  });
});
